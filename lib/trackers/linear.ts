import { z } from 'zod';
import type {
  AttachedFile,
  ConnectionCheck,
  ConnectionReport,
  IssueAttachment,
  IssueDraft,
  RemoteIssue,
  TrackerClient,
} from '../contracts';
import {
  errorResult,
  parseRetryAfter,
  type FetchLike,
  type TrackerError,
  type TrackerResult,
} from './http';

// Linear's GraphQL API over plain fetch (@linear/sdk is hundreds of KB for the
// eight operations we need). Every argument goes as a variable, never spliced
// into the query text. A personal API key goes bare in Authorization, and only
// to the API URL: file bytes go to a signed storage URL without it.

export interface LinearConfig {
  /** `https://api.linear.app/graphql` */
  apiUrl: string;
  apiKey: string;
  /** The team's key ("ENG") or id. */
  team: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The issue id Linear gets for an export key: Linear takes a client id in
 * UUID v4 form, so the key's bits are kept and the version and variant set.
 * The same key always gives the same id, which is what makes a retried
 * create find its issue instead of making another.
 */
export function linearIssueId(key: string): string {
  let hex = key.toLowerCase().replace(/-/g, '');
  if (!UUID.test(key)) {
    // Not a UUID: spread the key over 128 bits (FNV-1a, four seeds); stable, not secret.
    hex = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x5bd1e995]
      .map((seed) => {
        let h = seed;
        for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
        return h.toString(16).padStart(8, '0');
      })
      .join('');
  }
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${variant}${hex.slice(17, 32)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}

const graphqlErrorSchema = z.object({
  message: z.string().optional(),
  extensions: z
    .object({
      type: z.string().optional(),
      code: z.string().optional(),
      userPresentableMessage: z.string().optional(),
    })
    .optional(),
});
const envelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(graphqlErrorSchema).optional(),
});

type Kind = 'auth' | 'forbidden' | 'ratelimited' | 'server' | 'network' | 'input' | 'other';
type Outcome<T> = { type: 'ok'; value: T } | { type: 'error'; error: TrackerError; kind: Kind };

const teamSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  members: z.object({ nodes: z.array(z.object({ id: z.string() })) }).optional(),
});
const issueSchema = z.object({ id: z.string(), identifier: z.string(), url: z.string() });
const labelSchema = z.object({
  id: z.string(),
  name: z.string(),
  team: z.object({ id: z.string() }).nullish(),
});

const VIEWER = `query StudyGroupViewer { viewer { id name email guest } }`;
const TEAM = `query StudyGroupTeam($filter: TeamFilter) {
  teams(filter: $filter, first: 1) { nodes { id key name } }
}`;
/** The same, and whether the viewer is among the team's members. */
const TEAM_MEMBER = `query StudyGroupTeamMember($filter: TeamFilter, $member: UserFilter) {
  teams(filter: $filter, first: 1) { nodes { id key name members(filter: $member, first: 1) { nodes { id } } } }
}`;
const ISSUE = `query StudyGroupIssue($id: String!) { issue(id: $id) { id identifier url } }`;
const FIND = `query StudyGroupFind($filter: IssueFilter) {
  issues(filter: $filter, first: 20, includeArchived: true) { nodes { id identifier url description } }
}`;
const LABELS = `query StudyGroupLabels($filter: IssueLabelFilter) {
  issueLabels(filter: $filter, first: 250) { nodes { id name team { id } } }
}`;
const LABEL_CREATE = `mutation StudyGroupLabelCreate($input: IssueLabelCreateInput!) {
  issueLabelCreate(input: $input) { success issueLabel { id name team { id } } }
}`;
const ISSUE_CREATE = `mutation StudyGroupIssueCreate($input: IssueCreateInput!) {
  issueCreate(input: $input) { success issue { id identifier url } }
}`;
const FILE_UPLOAD = `mutation StudyGroupFileUpload($contentType: String!, $filename: String!, $size: Int!) {
  fileUpload(contentType: $contentType, filename: $filename, size: $size) {
    success uploadFile { uploadUrl assetUrl headers { key value } }
  }
}`;
const ATTACHMENT_CREATE = `mutation StudyGroupAttachmentCreate($input: AttachmentCreateInput!) {
  attachmentCreate(input: $input) { success attachment { id url } }
}`;
const COMMENT_CREATE = `mutation StudyGroupCommentCreate($input: CommentCreateInput!) {
  commentCreate(input: $input) { success comment { id } }
}`;

/** A Linear client over an injected fetch: every call resolves, none throws or carries the key. */
export function createLinearClient(
  config: LinearConfig,
  fetchFn: FetchLike,
  now: () => number = Date.now,
): TrackerClient {
  const secrets = [config.apiKey];
  let team: Promise<Outcome<z.infer<typeof teamSchema>>> | null = null;

  async function gql<S extends z.ZodType>(
    query: string,
    variables: Record<string, unknown>,
    schema: S,
    what: string,
  ): Promise<Outcome<z.infer<S>>> {
    let response: Response;
    try {
      response = await fetchFn(config.apiUrl, {
        method: 'POST',
        headers: {
          Authorization: config.apiKey,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `Could not reach Linear at ${config.apiUrl} (${reason}).`;
      return { type: 'error', error: errorResult(null, message, secrets), kind: 'network' };
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON (a proxy's error page, say): judged by the status alone.
    }
    const envelope = envelopeSchema.safeParse(body);
    const first = envelope.success ? envelope.data.errors?.[0] : undefined;
    if (first || !response.ok) return failure(response, first, what);
    const data = schema.safeParse(envelope.success ? envelope.data.data : undefined);
    if (!data.success) {
      const message = `Linear's answer to ${what} was not as expected.`;
      return {
        type: 'error',
        error: errorResult(response.status, message, secrets),
        kind: 'other',
      };
    }
    return { type: 'ok', value: data.data };
  }

  function failure(
    response: Response,
    graphqlError: z.infer<typeof graphqlErrorSchema> | undefined,
    what: string,
  ): Outcome<never> {
    const status = response.status;
    const type = (graphqlError?.extensions?.type ?? '').toLowerCase();
    const code = (graphqlError?.extensions?.code ?? '').toUpperCase();
    const said =
      graphqlError?.extensions?.userPresentableMessage ?? graphqlError?.message ?? `HTTP ${status}`;
    const fail = (kind: Kind, message: string, retryAfter?: number): Outcome<never> => {
      const error = errorResult(status, message, secrets, retryAfter);
      // Linear answers GraphQL errors with 200 or 400: retrying depends on what went wrong.
      error.retryable = kind === 'ratelimited' || kind === 'server';
      return { type: 'error', error, kind };
    };
    if (type === 'authentication error' || code === 'AUTHENTICATION_ERROR' || status === 401) {
      return fail(
        'auth',
        `Linear refused the API key when ${what}: check the API key in the tracker settings (Linear › Settings › Security & access › Personal API keys).`,
      );
    }
    if (type === 'forbidden' || code === 'FORBIDDEN' || status === 403) {
      return fail(
        'forbidden',
        `Linear's API key is valid but may not do this when ${what} (${said}): check the key's permissions and its access to team "${config.team}".`,
      );
    }
    if (type === 'ratelimited' || code === 'RATELIMITED' || status === 429) {
      return fail('ratelimited', `Linear is rate limiting ${what}.`, retryAfterOf(response, now()));
    }
    if (type === 'internal error' || status >= 500) {
      return fail(
        'server',
        `Linear failed (${status}) when ${what}; try again later.`,
        parseRetryAfter(response.headers.get('Retry-After'), now()),
      );
    }
    if (!graphqlError && status === 404) {
      return fail('other', `Linear found nothing at ${config.apiUrl} (404): check the API URL.`);
    }
    return fail(graphqlError ? 'input' : 'other', `Linear rejected ${what}: ${said}.`);
  }

  function plain<T>(outcome: Outcome<T>): TrackerResult<T> {
    return outcome.type === 'ok' ? outcome : outcome.error;
  }

  /** The configured team, by id or key, looked up once per client. */
  function findTeam(viewerId: string | null): Promise<Outcome<z.infer<typeof teamSchema>>> {
    const lookup = async (): Promise<Outcome<z.infer<typeof teamSchema>>> => {
      const filter = UUID.test(config.team)
        ? { id: { eq: config.team } }
        : { key: { eqIgnoreCase: config.team } };
      const found = await gql(
        viewerId === null ? TEAM : TEAM_MEMBER,
        viewerId === null ? { filter } : { filter, member: { id: { eq: viewerId } } },
        z.object({ teams: z.object({ nodes: z.array(teamSchema) }) }),
        `looking up team "${config.team}"`,
      );
      if (found.type === 'error') return found;
      const hit = found.value.teams.nodes[0];
      if (hit) return { type: 'ok', value: hit };
      const message = `Linear has no team "${config.team}" that this API key can see: check the team key (as in ENG-123) or id.`;
      // No HTTP 404 here (GraphQL answers 200), but that is what it means.
      return { type: 'error', error: errorResult(404, message, secrets), kind: 'input' };
    };
    if (viewerId !== null) return lookup();
    team ??= lookup().then((outcome) => {
      if (outcome.type === 'error') team = null;
      return outcome;
    });
    return team;
  }

  async function testConnection(): Promise<TrackerResult<ConnectionReport>> {
    const checks: ConnectionCheck[] = [];
    const refused = (label: string, message: string): TrackerResult<ConnectionReport> => {
      checks.push({ label, ok: false, detail: message });
      for (const rest of CHECKS.slice(CHECKS.indexOf(label) + 1)) {
        checks.push({
          label: rest,
          ok: false,
          detail: 'Not checked: fix the problem above first.',
        });
      }
      return { type: 'ok', value: { checks } };
    };
    const viewer = await gql(
      VIEWER,
      {},
      z.object({
        viewer: z.object({
          id: z.string(),
          name: z.string(),
          email: z.string().optional(),
          guest: z.boolean().optional(),
        }),
      }),
      'signing in',
    );
    if (viewer.type === 'error') {
      return viewer.error.retryable ? viewer.error : refused('Signed in', viewer.error.message);
    }
    const me = viewer.value.viewer;
    checks.push({
      label: 'Signed in',
      ok: true,
      detail: `As ${me.name}${me.email ? ` (${me.email})` : ''}.`,
    });
    const found = await findTeam(me.id);
    if (found.type === 'error') {
      return found.error.retryable ? found.error : refused('Team found', found.error.message);
    }
    const t = found.value;
    checks.push({ label: 'Team found', ok: true, detail: `${t.name} (${t.key}).` });
    const member = (t.members?.nodes ?? []).some((m) => m.id === me.id);
    // Guests see and file only in teams they belong to; members may file in any team they can see.
    const mayCreate = member || me.guest !== true;
    checks.push({
      label: 'May create issues',
      ok: mayCreate,
      detail: mayCreate
        ? member
          ? 'Yes, as a member of the team.'
          : 'Yes: the team is open to workspace members.'
        : `${me.name} is a guest and not a member of team ${t.key}.`,
    });
    checks.push({
      label: 'May upload attachments',
      ok: mayCreate,
      detail: mayCreate
        ? 'Yes: Linear lets whoever may file issues upload their files.'
        : 'No: not without permission to create issues.',
    });
    return { type: 'ok', value: { checks } };
  }

  async function findByMarker(marker: string): Promise<TrackerResult<RemoteIssue | null>> {
    const found = await findTeam(null);
    if (found.type === 'error') return found.error;
    const result = await gql(
      FIND,
      { filter: { team: { id: { eq: found.value.id } }, description: { contains: marker } } },
      z.object({
        issues: z.object({
          nodes: z.array(issueSchema.extend({ description: z.string().nullish() })),
        }),
      }),
      `searching team "${config.team}" for ${marker}`,
    );
    if (result.type === 'error') return result.error;
    // "contains" is a substring match: insist on the whole marker so sg-finding-1 never hits sg-finding-12.
    const whole = new RegExp(
      `(^|[^\\w-])${marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`,
    );
    const hit = result.value.issues.nodes.find((issue) => whole.test(issue.description ?? ''));
    return { type: 'ok', value: hit ? { id: hit.id, url: hit.url } : null };
  }

  /** Ids of the labels, made in the team where missing; a label Linear will not make is left off. */
  async function labelIds(teamId: string, names: readonly string[]): Promise<Outcome<string[]>> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    if (wanted.length === 0) return { type: 'ok', value: [] };
    const existing = await gql(
      LABELS,
      { filter: { name: { in: wanted } } },
      z.object({ issueLabels: z.object({ nodes: z.array(labelSchema) }) }),
      'looking up labels',
    );
    if (existing.type === 'error') return existing;
    // Workspace labels (no team) and this team's own may go on its issues.
    const usable = existing.value.issueLabels.nodes.filter((l) => !l.team || l.team.id === teamId);
    const ids: string[] = [];
    for (const name of wanted) {
      const hit = usable.find((l) => l.name.toLowerCase() === name.toLowerCase());
      if (hit) {
        ids.push(hit.id);
        continue;
      }
      const made = await gql(
        LABEL_CREATE,
        { input: { name, teamId } },
        z.object({
          issueLabelCreate: z.object({ success: z.boolean(), issueLabel: labelSchema.nullish() }),
        }),
        `creating the label "${name}"`,
      );
      if (made.type === 'error' && made.error.retryable) return made;
      if (made.type === 'ok' && made.value.issueLabelCreate.issueLabel) {
        ids.push(made.value.issueLabelCreate.issueLabel.id);
      }
    }
    return { type: 'ok', value: ids };
  }

  async function existingIssue(id: string): Promise<RemoteIssue | null> {
    const found = await gql(
      ISSUE,
      { id },
      z.object({ issue: issueSchema.nullable() }),
      'looking up the issue',
    );
    return found.type === 'ok' && found.value.issue
      ? { id: found.value.issue.id, url: found.value.issue.url }
      : null;
  }

  async function createIssue(draft: IssueDraft, key: string): Promise<TrackerResult<RemoteIssue>> {
    const found = await findTeam(null);
    if (found.type === 'error') return found.error;
    const teamId = found.value.id;
    const labels = await labelIds(teamId, draft.labels);
    if (labels.type === 'error') return labels.error;
    const id = linearIssueId(key);
    const description = draft.body.includes(draft.marker)
      ? draft.body
      : `${draft.body}\n\n${draft.marker}`;
    const input: Record<string, unknown> = { id, teamId, title: draft.title, description };
    if (labels.value.length > 0) input.labelIds = labels.value;
    const created = await gql(
      ISSUE_CREATE,
      { input },
      z.object({ issueCreate: z.object({ success: z.boolean(), issue: issueSchema.nullish() }) }),
      `creating the issue "${draft.title}"`,
    );
    if (created.type === 'ok' && created.value.issueCreate.issue) {
      const issue = created.value.issueCreate.issue;
      return { type: 'ok', value: { id: issue.id, url: issue.url } };
    }
    // The id is ours: an issue made by an earlier try (its answer lost) is this one.
    if (created.type === 'ok' || created.kind === 'input' || created.kind === 'other') {
      const earlier = await existingIssue(id);
      if (earlier) return { type: 'ok', value: earlier };
    }
    if (created.type === 'error') return created.error;
    return errorResult(200, `Linear did not create the issue "${draft.title}".`, secrets);
  }

  async function attach(
    issue: RemoteIssue,
    file: IssueAttachment,
  ): Promise<TrackerResult<AttachedFile>> {
    const upload = await gql(
      FILE_UPLOAD,
      { contentType: file.mime, filename: file.fileName, size: file.data.byteLength },
      z.object({
        fileUpload: z.object({
          success: z.boolean(),
          uploadFile: z
            .object({
              uploadUrl: z.string(),
              assetUrl: z.string(),
              headers: z.array(z.object({ key: z.string(), value: z.string() })),
            })
            .nullish(),
        }),
      }),
      `preparing the upload of ${file.fileName}`,
    );
    if (upload.type === 'error') return upload.error;
    const target = upload.value.fileUpload.uploadFile;
    if (!upload.value.fileUpload.success || !target) {
      return errorResult(200, `Linear would not take ${file.fileName}.`, secrets);
    }
    const headers: Record<string, string> = {
      'Content-Type': file.mime,
      'Cache-Control': 'public, max-age=31536000',
    };
    for (const { key, value } of target.headers) headers[key] = value;
    const storageHost = hostOf(target.uploadUrl);
    let put: Response;
    try {
      put = await fetchFn(target.uploadUrl, {
        method: 'PUT',
        headers,
        body: new Blob([file.data as Uint8Array<ArrayBuffer>], { type: file.mime }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Linear itself just answered, so this is most likely no access to the storage host
      // (its CORS admits only Linear's app), which waiting would not cure.
      const refused = errorResult(
        null,
        `Linear answered but its file storage at ${storageHost} could not be reached (${reason}): Study Group may need access to ${storageHost}.`,
        secrets,
      );
      refused.retryable = false;
      return refused;
    }
    if (!put.ok) {
      const message = `Linear's file storage (${storageHost}) refused ${file.fileName} (${put.status}).`;
      // A refused signed URL is not retried as is: the next try asks for a fresh one.
      const error = errorResult(
        put.status,
        message,
        secrets,
        parseRetryAfter(put.headers.get('Retry-After'), now()),
      );
      error.retryable = put.status === 408 || put.status === 429 || put.status >= 500;
      return error;
    }
    const linked = await gql(
      ATTACHMENT_CREATE,
      {
        input: {
          issueId: issue.id,
          title: file.fileName,
          subtitle: 'Study Group evidence',
          url: target.assetUrl,
        },
      },
      z.object({
        attachmentCreate: z.object({
          success: z.boolean(),
          attachment: z.object({ id: z.string(), url: z.string() }),
        }),
      }),
      `attaching ${file.fileName} to the issue`,
    );
    if (linked.type === 'error') return linked.error;
    return { type: 'ok', value: { fileName: file.fileName, url: target.assetUrl } };
  }

  async function addComment(issue: RemoteIssue, body: string): Promise<TrackerResult<null>> {
    const sent = await gql(
      COMMENT_CREATE,
      { input: { issueId: issue.id, body } },
      z.object({
        commentCreate: z.object({ success: z.boolean(), comment: z.object({ id: z.string() }) }),
      }),
      'commenting on the issue',
    );
    return sent.type === 'ok' ? { type: 'ok', value: null } : plain(sent);
  }

  return {
    type: 'linear',
    attachesFiles: true,
    testConnection,
    findByMarker,
    createIssue,
    attach,
    addComment,
  };
}

const CHECKS = ['Signed in', 'Team found', 'May create issues', 'May upload attachments'];

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/** Retry-After if sent, else Linear's own reset time (epoch milliseconds). */
function retryAfterOf(response: Response, now: number): number | undefined {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(response.headers.get('X-RateLimit-Requests-Reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  // Milliseconds as Linear documents it; a value in seconds is read as such.
  const resetMs = reset < 1e12 ? reset * 1000 : reset;
  return Math.max(0, Math.ceil((resetMs - now) / 1000));
}
