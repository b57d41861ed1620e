import type { AnnotationRecord, FindingStatus, FrictionTag } from '../contracts';

export interface ClusterInput {
  annotation: AnnotationRecord;
  /** The session's participant alias. */
  participant: string;
  sessionId: string;
  /** The session's friction tags, for the titles' labels. */
  tags: FrictionTag[];
}

/** An annotation on its way into a finding, with what clustering reads of it. */
export interface Item extends ClusterInput {
  fingerprint: string;
  /** The fingerprint with the element left out, or null without an element: what a box may join on. */
  besideElement: string | null;
  weak: boolean;
  page: string;
  /** Who reach counts: the alias, or the session when it has none. */
  who: string;
}

/** A finding before its numbers are counted: what overrides act on. */
export interface Draft {
  id: string;
  fingerprint: string;
  items: Item[];
  title: string | null;
  status: FindingStatus;
}

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const byTsThenId = (a: Item, b: Item) =>
  a.annotation.ts - b.annotation.ts || compare(a.annotation.id, b.annotation.id);
