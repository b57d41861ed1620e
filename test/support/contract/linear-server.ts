import { randomUUID } from 'node:crypto';
import {
  parseOperation,
  project,
  resolveValue,
  validateOperation,
  type GqlField,
  type GqlSchema,
} from './graphql-lite';
import {
  header,
  startRecordingServer,
  type Answer,
  type Failure,
  type RecordedRequest,
  type RecordingServer,
} from './recording-server';

// A Linear GraphQL API stand-in on loopback. Every operation is parsed and
// checked against a subset of Linear's published schema (linear/linear,
// packages/sdk/src/schema.graphql: the fields, arguments and input fields
// below are spelled as there), the personal key must come bare in
// Authorization, issueCreate's client id must be a UUID v4 (and a second
// create with it is refused, as Linear refuses a taken id), and uploads go as
// Linear's do: fileUpload hands out a signed URL plus headers, the PUT there
// must carry them and no credential.

const S = (type: string, args?: Record<string, string>) => ({ type, args });
const CONNECTION_ARGS = { filter: '', first: 'Int', after: 'String', includeArchived: 'Boolean' };
const connection = (filter: string) => ({ ...CONNECTION_ARGS, filter });

const SCHEMA: GqlSchema = {
  scalars: new Set(['String', 'ID', 'Int', 'Float', 'Boolean', 'DateTime', 'JSON']),
  types: {
    Query: {
      viewer: S('User!'),
      teams: S('TeamConnection!', connection('TeamFilter')),
      team: S('Team!', { id: 'String!' }),
      issue: S('Issue!', { id: 'String!' }),
      issues: S('IssueConnection!', connection('IssueFilter')),
      issueLabels: S('IssueLabelConnection!', connection('IssueLabelFilter')),
    },
    Mutation: {
      issueCreate: S('IssuePayload!', { input: 'IssueCreateInput!' }),
      issueLabelCreate: S('IssueLabelPayload!', {
        input: 'IssueLabelCreateInput!',
        replaceTeamLabels: 'Boolean',
      }),
      fileUpload: S('UploadPayload!', {
        contentType: 'String!',
        filename: 'String!',
        size: 'Int!',
        makePublic: 'Boolean',
        metaData: 'JSON',
      }),
      attachmentCreate: S('AttachmentPayload!', { input: 'AttachmentCreateInput!' }),
      commentCreate: S('CommentPayload!', { input: 'CommentCreateInput!' }),
    },
    User: {
      id: S('ID!'),
      name: S('String!'),
      displayName: S('String!'),
      email: S('String!'),
      admin: S('Boolean!'),
      guest: S('Boolean!'),
      active: S('Boolean!'),
    },
    UserConnection: { nodes: S('[User!]!') },
    Team: {
      id: S('ID!'),
      key: S('String!'),
      name: S('String!'),
      private: S('Boolean!'),
      members: S('UserConnection!', connection('UserFilter')),
    },
    TeamConnection: { nodes: S('[Team!]!') },
    Issue: {
      id: S('ID!'),
      identifier: S('String!'),
      url: S('String!'),
      title: S('String!'),
      description: S('String'),
      team: S('Team!'),
    },
    IssueConnection: { nodes: S('[Issue!]!') },
    IssueLabel: { id: S('ID!'), name: S('String!'), team: S('Team') },
    IssueLabelConnection: { nodes: S('[IssueLabel!]!') },
    IssuePayload: { success: S('Boolean!'), lastSyncId: S('Float!'), issue: S('Issue') },
    IssueLabelPayload: {
      success: S('Boolean!'),
      lastSyncId: S('Float!'),
      issueLabel: S('IssueLabel!'),
    },
    UploadPayload: { success: S('Boolean!'), lastSyncId: S('Float!'), uploadFile: S('UploadFile') },
    UploadFile: {
      uploadUrl: S('String!'),
      assetUrl: S('String!'),
      contentType: S('String!'),
      filename: S('String!'),
      size: S('Int!'),
      headers: S('[UploadFileHeader!]!'),
    },
    UploadFileHeader: { key: S('String!'), value: S('String!') },
    AttachmentPayload: {
      success: S('Boolean!'),
      lastSyncId: S('Float!'),
      attachment: S('Attachment!'),
    },
    Attachment: { id: S('ID!'), url: S('String!'), title: S('String!') },
    CommentPayload: { success: S('Boolean!'), lastSyncId: S('Float!'), comment: S('Comment!') },
    Comment: { id: S('ID!'), body: S('String!') },
  },
};

/** Input fields as IssueCreateInput and friends spell them (a subset: what a client may send). */
const INPUT_FIELDS: Record<string, Set<string>> = {
  IssueCreateInput: new Set([
    'id',
    'teamId',
    'title',
    'description',
    'labelIds',
    'priority',
    'assigneeId',
    'projectId',
    'stateId',
    'parentId',
  ]),
  IssueLabelCreateInput: new Set(['id', 'name', 'teamId', 'color', 'description', 'parentId']),
  AttachmentCreateInput: new Set([
    'id',
    'issueId',
    'title',
    'subtitle',
    'url',
    'iconUrl',
    'metadata',
    'commentBody',
  ]),
  CommentCreateInput: new Set(['id', 'issueId', 'body', 'parentId']),
};
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface LinearIssueState {
  id: string;
  identifier: string;
  url: string;
  title: string;
  description: string;
  teamId: string;
  labelIds: string[];
  attachments: { id: string; title: string; url: string }[];
  comments: string[];
}

export interface LinearServer extends RecordingServer {
  apiUrl: string;
  apiKey: string;
  viewer: { id: string; name: string; email: string; guest: boolean };
  team: { id: string; key: string; name: string; members: string[] };
  labels: { id: string; name: string; teamId: string | null }[];
  issues: LinearIssueState[];
  /** Bytes PUT to signed upload URLs, by asset URL. */
  stored: Map<string, { contentType: string; bytes: Buffer }>;
  violations: string[];
  /**
   * The next matching operation(s) fail. 429 answers as Linear's rate limiter
   * does (HTTP 400, code RATELIMITED, reset time in X-RateLimit-Requests-Reset)
   * unless `http429` asks for a plain HTTP 429 with Retry-After.
   */
  failNext(failure: Failure & { operation?: string; http429?: boolean }): void;
}

export async function startLinearServer(options: { apiKey?: string } = {}): Promise<LinearServer> {
  const apiKey = options.apiKey ?? 'lin_api_0123456789abcdefLINEARSECRET';
  const viewer = { id: randomUUID(), name: 'Ann Example', email: 'ann@example.com', guest: false };
  const team = { id: randomUUID(), key: 'ENG', name: 'Engineering', members: [viewer.id] };
  const labels: LinearServer['labels'] = [{ id: randomUUID(), name: 'ux', teamId: null }];
  const issues: LinearIssueState[] = [];
  const stored = new Map<string, { contentType: string; bytes: Buffer }>();
  const pending = new Map<
    string,
    { contentType: string; size: number; headers: Record<string, string>; assetUrl: string }
  >();
  const violations: string[] = [];
  const failures: (Failure & { operation?: string; http429?: boolean; left: number })[] = [];
  let base = '';

  const gqlError = (type: string, code: string, message: string) => ({
    errors: [
      { message, extensions: { type, code, userError: true, userPresentableMessage: message } },
    ],
  });
  const invalid = (message: string) => gqlError('invalid input', 'INVALID_INPUT', message);

  function handle(request: RecordedRequest): Answer {
    const url = new URL(request.url, 'http://linear.invalid');
    if (url.pathname.startsWith('/storage/')) return upload(request, url);
    if (url.pathname !== '/graphql' || request.method !== 'POST') {
      violations.push(`${request.method} ${request.url}: not the GraphQL endpoint`);
      return { status: 404, body: 'Not Found' };
    }
    if (!/^application\/json\b/.test(header(request, 'content-type') ?? '')) {
      violations.push(`${request.url}: Content-Type ${header(request, 'content-type')}`);
      return {
        status: 400,
        body: gqlError('graphql error', 'BAD_REQUEST', 'Must provide query string.'),
      };
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      violations.push(`${request.url}: body is not JSON`);
      return { status: 400, body: gqlError('graphql error', 'BAD_REQUEST', 'Invalid JSON.') };
    }
    const extra = Object.keys(body).filter(
      (k) => !['query', 'variables', 'operationName'].includes(k),
    );
    if (typeof body.query !== 'string' || extra.length > 0) {
      violations.push(
        `${request.url}: not a GraphQL request body (${Object.keys(body).join(', ')})`,
      );
      return {
        status: 400,
        body: gqlError('graphql error', 'BAD_REQUEST', 'Must provide query string.'),
      };
    }
    const vars = (body.variables ?? {}) as Record<string, unknown>;
    let op;
    try {
      op = parseOperation(body.query);
    } catch (error) {
      violations.push(`GraphQL syntax: ${String(error)}`);
      return {
        status: 400,
        body: gqlError('graphql error', 'GRAPHQL_PARSE_FAILED', String(error)),
      };
    }
    const problems = validateOperation(op, SCHEMA, vars);
    if (problems.length > 0) {
      violations.push(...problems.map((p) => `${op.name ?? 'anonymous'}: ${p}`));
      return {
        status: 400,
        body: gqlError('graphql error', 'GRAPHQL_VALIDATION_FAILED', problems.join('; ')),
      };
    }
    const root = op.selection[0];
    if (op.selection.length !== 1 || !root) {
      violations.push(`${op.name}: one root field per request expected`);
      return { status: 400, body: invalid('One root field per request.') };
    }
    const failure = failures.find((f) => !f.operation || f.operation === root.name);
    if (failure) {
      failure.left -= 1;
      if (failure.left <= 0) failures.splice(failures.indexOf(failure), 1);
      return failed(failure);
    }
    if (header(request, 'authorization') !== apiKey) {
      return {
        status: 400,
        body: gqlError(
          'authentication error',
          'AUTHENTICATION_ERROR',
          'Authentication required, not authenticated',
        ),
      };
    }
    const resolved = resolveRoot(root, vars);
    if ('errors' in resolved) return { status: 200, body: { data: null, ...resolved } };
    return {
      status: 200,
      body: { data: { [root.name]: project(resolved.data, root.selection ?? [], vars) } },
    };
  }

  function failed(failure: Failure & { http429?: boolean }): Answer {
    switch (failure.status) {
      case 401:
        return {
          status: 401,
          body: gqlError(
            'authentication error',
            'AUTHENTICATION_ERROR',
            'Authentication required, not authenticated',
          ),
        };
      case 403:
        return {
          status: 403,
          body: gqlError('forbidden', 'FORBIDDEN', 'You do not have access to this resource.'),
        };
      case 404:
        return { status: 404, body: 'Not Found' };
      case 429: {
        const seconds = failure.retryAfter ?? 60;
        if (failure.http429)
          return {
            status: 429,
            headers: { 'Retry-After': String(seconds) },
            body: gqlError('ratelimited', 'RATELIMITED', 'Rate limit exceeded'),
          };
        return {
          status: 400,
          headers: {
            'X-RateLimit-Requests-Reset': String(Date.now() + seconds * 1000),
            'X-RateLimit-Requests-Remaining': '0',
          },
          body: gqlError('ratelimited', 'RATELIMITED', 'Rate limit exceeded'),
        };
      }
      case 500:
        return {
          status: 500,
          body: gqlError('internal error', 'INTERNAL_SERVER_ERROR', 'Internal server error'),
        };
    }
  }

  function inputOk(kind: string, input: unknown): string | null {
    if (!input || typeof input !== 'object') return `${kind} missing`;
    const extra = Object.keys(input).filter((k) => !INPUT_FIELDS[kind]?.has(k));
    if (extra.length > 0) {
      violations.push(`${kind}: unknown fields ${extra.join(', ')}`);
      return `Field "${extra[0]}" is not defined by type "${kind}".`;
    }
    return null;
  }

  const issueView = (i: LinearIssueState) => ({
    ...i,
    team: { ...team, members: () => ({ nodes: [] }) },
  });

  function resolveRoot(
    field: GqlField,
    vars: Record<string, unknown>,
  ): { data: unknown } | { errors: unknown[] } {
    const args = Object.fromEntries(
      Object.entries(field.args).map(([k, v]) => [k, resolveValue(v, vars)]),
    ) as Record<string, unknown>;
    const fail = (message: string) => invalid(message) as { errors: unknown[] };
    switch (field.name) {
      case 'viewer':
        return { data: { ...viewer, displayName: viewer.name, admin: false, active: true } };
      case 'teams': {
        const filter = args.filter as
          { id?: { eq?: string }; key?: { eq?: string; eqIgnoreCase?: string } } | undefined;
        const match =
          (filter?.id?.eq === undefined || filter.id.eq === team.id) &&
          (filter?.key?.eq === undefined || filter.key.eq === team.key) &&
          (filter?.key?.eqIgnoreCase === undefined ||
            filter.key.eqIgnoreCase.toLowerCase() === team.key.toLowerCase());
        const teamView = {
          ...team,
          private: false,
          members: (a: { filter?: { id?: { eq?: string } } }) => ({
            nodes: team.members
              .filter((id) => a.filter?.id?.eq === undefined || a.filter.id.eq === id)
              .map((id) => (id === viewer.id ? viewer : { id })),
          }),
        };
        return { data: { nodes: match ? [teamView] : [] } };
      }
      case 'issue': {
        const issue = issues.find((i) => i.id === args.id || i.identifier === args.id);
        return issue ? { data: issueView(issue) } : fail('Entity not found: Issue');
      }
      case 'issues': {
        const filter = args.filter as
          { team?: { id?: { eq?: string } }; description?: { contains?: string } } | undefined;
        const hits = issues.filter(
          (i) =>
            (filter?.team?.id?.eq === undefined || filter.team.id.eq === i.teamId) &&
            (filter?.description?.contains === undefined ||
              i.description.includes(filter.description.contains)),
        );
        return { data: { nodes: hits.map(issueView) } };
      }
      case 'issueLabels': {
        const names = (args.filter as { name?: { in?: string[] } } | undefined)?.name?.in;
        const hits = labels.filter((l) => !names || names.includes(l.name));
        return {
          data: {
            nodes: hits.map((l) => ({ ...l, team: l.teamId ? { ...team, id: l.teamId } : null })),
          },
        };
      }
      case 'issueLabelCreate': {
        const input = args.input as { name?: string; teamId?: string };
        const problem = inputOk('IssueLabelCreateInput', input);
        if (problem) return fail(problem);
        if (!input.name) return fail('name is required');
        const label = { id: randomUUID(), name: input.name, teamId: input.teamId ?? null };
        labels.push(label);
        return {
          data: {
            success: true,
            lastSyncId: 1,
            issueLabel: { ...label, team: label.teamId ? team : null },
          },
        };
      }
      case 'issueCreate': {
        const input = args.input as {
          id?: string;
          teamId?: string;
          title?: string;
          description?: string;
          labelIds?: string[];
        };
        const problem = inputOk('IssueCreateInput', input);
        if (problem) return fail(problem);
        if (input.teamId !== team.id) return fail('Entity not found: Team');
        if (input.id !== undefined && !UUID_V4.test(input.id)) {
          violations.push(`issueCreate: id ${input.id} is not a UUID v4`);
          return fail('id must be a UUID v4');
        }
        if (input.id !== undefined && issues.some((i) => i.id === input.id)) {
          return fail('Duplicate id: an entity with this id already exists');
        }
        for (const id of input.labelIds ?? []) {
          const label = labels.find((l) => l.id === id);
          if (!label || (label.teamId !== null && label.teamId !== team.id))
            return fail(`Label ${id} not found in team`);
        }
        const number = issues.length + 1;
        const issue: LinearIssueState = {
          id: input.id ?? randomUUID(),
          identifier: `${team.key}-${number}`,
          url: `https://linear.app/acme/issue/${team.key}-${number}`,
          title: input.title ?? '',
          description: input.description ?? '',
          teamId: team.id,
          labelIds: input.labelIds ?? [],
          attachments: [],
          comments: [],
        };
        issues.push(issue);
        return { data: { success: true, lastSyncId: 1, issue: issueView(issue) } };
      }
      case 'fileUpload': {
        const size = args.size;
        if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
          return fail('size must be an integer');
        const id = randomUUID();
        const assetUrl = `https://uploads.linear.app/${team.id}/${id}`;
        const headers = {
          'x-goog-content-length-range': `${size},${size}`,
          'x-goog-meta-asset': id,
        };
        pending.set(id, { contentType: String(args.contentType), size, headers, assetUrl });
        return {
          data: {
            success: true,
            lastSyncId: 1,
            uploadFile: {
              uploadUrl: `${base}/storage/${id}?X-Goog-Signature=${randomUUID().replace(/-/g, '')}`,
              assetUrl,
              contentType: args.contentType,
              filename: args.filename,
              size,
              headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
            },
          },
        };
      }
      case 'attachmentCreate': {
        const input = args.input as { issueId?: string; title?: string; url?: string };
        const problem = inputOk('AttachmentCreateInput', input);
        if (problem) return fail(problem);
        const issue = issues.find((i) => i.id === input.issueId || i.identifier === input.issueId);
        if (!issue) return fail('Entity not found: Issue');
        if (!input.title || !input.url) return fail('title and url are required');
        const attachment = { id: randomUUID(), title: input.title, url: input.url };
        issue.attachments.push(attachment);
        return { data: { success: true, lastSyncId: 1, attachment } };
      }
      case 'commentCreate': {
        const input = args.input as { issueId?: string; body?: string };
        const problem = inputOk('CommentCreateInput', input);
        if (problem) return fail(problem);
        const issue = issues.find((i) => i.id === input.issueId || i.identifier === input.issueId);
        if (!issue) return fail('Entity not found: Issue');
        issue.comments.push(input.body ?? '');
        return {
          data: {
            success: true,
            lastSyncId: 1,
            comment: { id: randomUUID(), body: input.body ?? '' },
          },
        };
      }
      default:
        violations.push(`${field.name}: no resolver`);
        return fail(`${field.name} is not served here`);
    }
  }

  function upload(request: RecordedRequest, url: URL): Answer {
    const id = url.pathname.slice('/storage/'.length);
    const want = pending.get(id);
    if (request.method !== 'PUT' || !want || !url.searchParams.get('X-Goog-Signature')) {
      violations.push(`${request.method} ${request.url}: not a PUT to a signed upload URL`);
      return { status: 403, body: 'SignatureDoesNotMatch' };
    }
    const problems: string[] = [];
    for (const [key, value] of Object.entries(want.headers)) {
      if (header(request, key) !== value) problems.push(`header ${key} missing or changed`);
    }
    if (header(request, 'content-type') !== want.contentType)
      problems.push(`Content-Type ${header(request, 'content-type')}`);
    if (request.body.length !== want.size)
      problems.push(`${request.body.length} bytes, announced ${want.size}`);
    if (header(request, 'authorization') !== undefined)
      problems.push('a credential sent to file storage');
    if (problems.length > 0) {
      violations.push(...problems.map((p) => `upload ${id}: ${p}`));
      return { status: 403, body: 'SignatureDoesNotMatch' };
    }
    pending.delete(id);
    stored.set(want.assetUrl, { contentType: want.contentType, bytes: request.body });
    return { status: 200 };
  }

  const server = await startRecordingServer(handle);
  base = server.url;
  return {
    ...server,
    apiUrl: `${server.url}/graphql`,
    apiKey,
    viewer,
    team,
    labels,
    issues,
    stored,
    violations,
    failNext(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
  };
}
