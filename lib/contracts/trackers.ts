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
