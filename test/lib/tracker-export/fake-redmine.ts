import type { FetchLike } from '@/lib/trackers';

export interface FakeIssue {
  id: number;
  subject: string;
  description: string;
  attachments: { id: number; filename: string; content_url: string; bytes: Uint8Array }[];
  notes: string[];
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as bytes, so tests can scan it for secrets. */
  body: Uint8Array;
}

type Fault = { when: (method: string, path: string) => boolean; answer: () => Response | Error };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

async function bodyBytes(body: BodyInit | null | undefined): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array();
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (body instanceof Uint8Array) return body;
  throw new Error('unexpected body type');
}

/**
 * Redmine's REST API as far as lib/trackers/redmine.ts uses it, in memory:
 * key check, project, uploads, issues with attachments and notes, the
 * description search. Faults are injected per request.
 */
export function createFakeRedmine(base: string, apiKey: string) {
  const issues: FakeIssue[] = [];
  const uploads = new Map<string, Uint8Array>();
  const seen: SeenRequest[] = [];
  const faults: Fault[] = [];
  let nextId = 1;
  let nextAttachment = 1;

  const fetchFn: FetchLike = async (url, init) => {
    const method = init.method ?? 'GET';
    const headers = { ...(init.headers as Record<string, string>) };
    const body = await bodyBytes(init.body);
    seen.push({ method, url, headers, body });
    if (!url.startsWith(base)) throw new TypeError('Failed to fetch');
    const parsed = new URL(url);
    const path = parsed.pathname;
    const fault = faults.findIndex((f) => f.when(method, path));
    if (fault >= 0) {
      const [{ answer }] = faults.splice(fault, 1) as [Fault];
      const result = answer();
      if (result instanceof Error) throw result;
      return result;
    }
    if (headers['X-Redmine-API-Key'] !== apiKey) return new Response('', { status: 401 });
    const issueMatch = /^\/issues\/(\d+)\.json$/.exec(path);
    if (method === 'GET' && path === '/users/current.json') {
      return json(200, { user: { id: 1, login: 'admin', admin: true, memberships: [] } });
    }
    if (method === 'GET' && path === '/projects/demo.json') {
      return json(200, {
        project: {
          id: 1,
          name: 'Demo',
          identifier: 'demo',
          trackers: [{ id: 1, name: 'Bug' }],
          enabled_modules: [{ name: 'issue_tracking' }],
        },
      });
    }
    if (method === 'GET' && path.startsWith('/projects/')) return new Response('', { status: 404 });
    if (method === 'POST' && path === '/uploads.json') {
      const token = `tok-${uploads.size + 1}`;
      uploads.set(token, body);
      return json(201, { upload: { token } });
    }
    const claim = (list: { token: string; filename: string }[] | undefined, issue: FakeIssue) => {
      for (const upload of list ?? []) {
        const bytes = uploads.get(upload.token);
        if (!bytes) throw new Error(`unknown upload token ${upload.token}`);
        uploads.delete(upload.token);
        const id = nextAttachment++;
        issue.attachments.push({
          id,
          filename: upload.filename,
          content_url: `${base}/attachments/download/${id}/${upload.filename}`,
          bytes,
        });
      }
    };
    if (method === 'POST' && path === '/issues.json') {
      const { issue: input } = JSON.parse(new TextDecoder().decode(body)) as {
        issue: {
          subject: string;
          description: string;
          uploads?: { token: string; filename: string }[];
        };
      };
      const issue: FakeIssue = {
        id: nextId++,
        subject: input.subject,
        description: input.description,
        attachments: [],
        notes: [],
      };
      claim(input.uploads, issue);
      issues.push(issue);
      return json(201, { issue: { id: issue.id } });
    }
    if (method === 'GET' && path === '/issues.json') {
      const needle = (parsed.searchParams.get('description') ?? '').replace(/^~/, '');
      const hits = issues.filter((i) => i.description.includes(needle));
      return json(200, {
        issues: hits.map((i) => ({ id: i.id, description: i.description })),
        total_count: hits.length,
      });
    }
    if (issueMatch) {
      const issue = issues.find((i) => i.id === Number(issueMatch[1]));
      if (!issue) return new Response('', { status: 404 });
      if (method === 'GET') {
        return json(200, {
          issue: {
            id: issue.id,
            attachments: issue.attachments.map(({ id, filename, content_url }) => ({
              id,
              filename,
              content_url,
            })),
          },
        });
      }
      if (method === 'PUT') {
        const { issue: input } = JSON.parse(new TextDecoder().decode(body)) as {
          issue: { notes?: string; uploads?: { token: string; filename: string }[] };
        };
        claim(input.uploads, issue);
        if (input.notes) issue.notes.push(input.notes);
        return new Response(null, { status: 204 });
      }
    }
    return new Response('', { status: 404 });
  };

  return {
    fetch: fetchFn,
    issues,
    seen,
    /** The next request matching `when` gets `answer` instead (a Response, or an Error to throw). */
    fail(when: (method: string, path: string) => boolean, answer: () => Response | Error) {
      faults.push({ when, answer });
    },
    /** Files an issue directly, as a person (or an earlier browser) would have. */
    seed(subject: string, description: string): FakeIssue {
      const issue: FakeIssue = {
        id: nextId++,
        subject,
        description,
        attachments: [],
        notes: [],
      };
      issues.push(issue);
      return issue;
    },
  };
}

export type FakeRedmine = ReturnType<typeof createFakeRedmine>;
