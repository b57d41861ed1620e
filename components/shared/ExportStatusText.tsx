import type { ExportStatus, RemoteIssue } from '@/lib/contracts';

const STEP_TEXT = {
  searching: 'Looking for an issue it already has…',
  creating: 'Creating the issue…',
  attaching: 'Attaching the evidence…',
  commenting: 'Adding a comment…',
} as const;

const CLOCK = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An export item's status in words (never by colour alone), for the board and the popup. */
export function exportStatusText(status: ExportStatus): string {
  switch (status.type) {
    case 'queued':
      return 'Queued';
    case 'running':
      return STEP_TEXT[status.step];
    case 'waiting':
      return `Waiting until ${CLOCK.format(status.retryAt)}: ${status.reason}`;
    case 'done':
      return 'Done';
    case 'failed':
      return `Failed: ${status.message}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** "#12" for a numeric id (Redmine, GitHub), the key itself otherwise ("PAY-7"). */
export function issueLabel(issue: RemoteIssue): string {
  return /^\d+$/.test(issue.id) ? `#${issue.id}` : issue.id;
}

/** The status, with a link to the issue once it is done. */
export function ExportStatusText({
  status,
  issue,
}: {
  status: ExportStatus;
  issue: RemoteIssue | null;
}) {
  return (
    <span className={`export-status export-status--${status.type}`} data-status={status.type}>
      {exportStatusText(status)}
      {status.type === 'done' && issue && (
        <>
          {': '}
          <a href={issue.url} target="_blank" rel="noreferrer">
            issue {issueLabel(issue)}
          </a>
        </>
      )}
    </span>
  );
}
