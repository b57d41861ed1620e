/** A file that goes with an exported finding (a screenshot, the offline replay). */
export interface IssueAttachment {
  fileName: string;
  mime: string;
  data: Uint8Array;
}

/** What a tracker gets for one finding, whatever the tracker (lib/reports builds it). */
export interface IssueDraft {
  /** The finding's marker (`sg-finding-<id>`): a label or text a tracker search finds again. */
  marker: string;
  title: string;
  /** Markdown. */
  body: string;
  labels: string[];
  attachments: IssueAttachment[];
}

/** What every tracker call returns: never throws, never carries a credential. */
export type TrackerResult<T> =
  | { type: 'ok'; value: T }
  | {
      type: 'error';
      /** True for 429, 5xx and network failures: the same request may succeed later. */
      retryable: boolean;
      /** The HTTP status, or null when no response arrived. */
      status: number | null;
      message: string;
      /** Seconds from a Retry-After header, when the tracker sent one. */
      retryAfterSeconds?: number;
    };

export type TrackerType = 'github' | 'jira' | 'linear' | 'gitlab' | 'redmine' | 'webhook';

interface TargetBase {
  /** Random, local to this browser. */
  id: string;
  /** The user's name for it ("Payments Jira"). */
  name: string;
  /** Labels every exported issue gets, beside the finding's own. */
  labels: string[];
}

/** GitHub cannot take attachments through its API: the user picks what happens to evidence. */
export type GithubEvidence =
  /** Committed through the Contents API to this branch, linked from the issue. */
  | { type: 'branch'; branch: string }
  /** Saved on this computer for the user to drag into the issue; the body says so. */
  | { type: 'local' };

/**
 * A configured tracker, secrets included. Stored only in extension storage
 * (lib/settings); never in a bundle, receipt, job, log or message to a page.
 */
export type TrackerTarget =
  | (TargetBase & {
      type: 'github';
      /** `https://api.github.com`, or a GitHub Enterprise API root. */
      apiUrl: string;
      owner: string;
      repo: string;
      token: string;
      evidence: GithubEvidence;
    })
  | (TargetBase & {
      type: 'jira';
      /** `https://<site>.atlassian.net` */
      baseUrl: string;
      email: string;
      apiToken: string;
      projectKey: string;
      /** e.g. "Bug", "Task". */
      issueType: string;
    })
  | (TargetBase & {
      type: 'linear';
      /** `https://api.linear.app/graphql` */
      apiUrl: string;
      apiKey: string;
      /** The team's key ("ENG") or id. */
      team: string;
    })
  | (TargetBase & {
      type: 'gitlab';
      /** `https://gitlab.com` or a self-managed root. */
      baseUrl: string;
      /** Numeric id or `group/project` path. */
      project: string;
      token: string;
    })
  | (TargetBase & {
      type: 'redmine';
      baseUrl: string;
      project: string;
      apiKey: string;
    })
  | (TargetBase & {
      type: 'webhook';
      url: string;
      /** HMAC-SHA256 secret; empty sends no signature. */
      secret: string;
    });

/** An issue in a tracker, as a receipt keeps it. */
export interface RemoteIssue {
  /** The tracker's own id or key ("123", "PAY-7", a Linear UUID). */
  id: string;
  url: string;
}

/** One thing "Test connection" checked, in words a user can act on. */
export interface ConnectionCheck {
  /** "Signed in", "Project found", "May create issues", "May upload attachments". */
  label: string;
  ok: boolean;
  detail: string;
}

export interface ConnectionReport {
  checks: ConnectionCheck[];
}

/** Where an attachment ended up (a tracker attachment, a commit, a local file). */
export interface AttachedFile {
  fileName: string;
  /** Null when the file stayed on this computer. */
  url: string | null;
}

/**
 * One tracker behind one interface: the export pipeline (lib/tracker-export)
 * drives it step by step and records each step, so a retry goes on where it
 * stopped. Every call resolves; none throws or returns a credential.
 */
export interface TrackerClient {
  readonly type: TrackerType;
  testConnection(): Promise<TrackerResult<ConnectionReport>>;
  /** The issue carrying `marker`, when the tracker can search for it (else ok null). */
  findByMarker(marker: string): Promise<TrackerResult<RemoteIssue | null>>;
  /**
   * Creates the issue. `key` is a UUID stable for (finding, target): trackers
   * that take a client id (Linear) or an idempotency header (webhook) use it.
   * Attachments are in `draft` for clients that send them inline (webhook);
   * the rest ignore them here and take them in `attach`.
   */
  createIssue(draft: IssueDraft, key: string): Promise<TrackerResult<RemoteIssue>>;
  /** False when evidence cannot go to the tracker (GitHub without an evidence branch, webhook). */
  readonly attachesFiles: boolean;
  /** Adds one file to an existing issue, linked from it. */
  attach(issue: RemoteIssue, file: IssueAttachment): Promise<TrackerResult<AttachedFile>>;
  /** A comment on an existing issue (re-export with new evidence). */
  addComment(issue: RemoteIssue, body: string): Promise<TrackerResult<null>>;
}

/** Where an export item is; pages show it, the background moves it on. */
export type ExportStatus =
  | { type: 'queued' }
  | { type: 'running'; step: 'searching' | 'creating' | 'attaching' | 'commenting' }
  /** Will try again by itself at `retryAt` (backoff, Retry-After, offline). */
  | { type: 'waiting'; retryAt: number; reason: string }
  | { type: 'done' }
  /** Needs the user (wrong token, unknown project…); a retry starts it again. */
  | { type: 'failed'; message: string }
  | { type: 'cancelled' };

/**
 * One finding on its way to one target (table exportJobs, written by the
 * background). It carries everything the tracker will get, so the work goes
 * on after the worker dies and a failure loses nothing.
 */
export interface ExportJobRecord {
  id: string;
  /** The items queued together (one click on the board). */
  batchId: string;
  targetId: string;
  findingId: string;
  studyKey: string;
  /** `create` opens an issue (or completes one begun before); `comment` adds to an existing one. */
  mode: 'create' | 'comment';
  /** UUID stable for (finding, target): see TrackerClient.createIssue. */
  key: string;
  draft: IssueDraft;
  /** Set once the issue exists, so a retry completes it instead of opening another. */
  issue: RemoteIssue | null;
  /** Files already attached (by file name). */
  attached: AttachedFile[];
  /** The annotations this item tells the tracker about (absent in items queued before it was kept). */
  annotationIds?: string[];
  status: ExportStatus;
  attempts: number;
  createdAt: number;
  updatedAt: number;
}

/** What was exported where (table exportReceipts, one per finding and target). */
export interface ExportReceiptRecord {
  /** `${targetId}#${findingId}` */
  id: string;
  findingId: string;
  studyKey: string;
  targetId: string;
  targetType: TrackerType;
  /** The target's name at the time, for when the target has been removed since. */
  targetName: string;
  issue: RemoteIssue;
  attached: AttachedFile[];
  /**
   * Every annotation the issue has been told about, so a re-export reports
   * exactly the others (an imported session's older ones included). Absent in
   * receipts written before it was kept: those compare times instead.
   */
  annotationIds?: string[];
  comments: number;
  createdAt: number;
  updatedAt: number;
}

/** Which findings an export takes. */
export type ExportScope =
  | { type: 'findings'; studyKey: string; findingIds: string[] }
  /** The popup after Stop: this session's findings. */
  | { type: 'session'; sessionId: string };

export interface ExportRequest {
  targetId: string;
  scope: ExportScope;
  /** For findings that already have an issue there: add the new evidence as a comment, or leave them. */
  existing: 'comment' | 'skip';
}

export type ExportEnqueueResult =
  | { type: 'ok'; batchId: string; queued: number; skipped: number }
  | { type: 'error'; message: string };
