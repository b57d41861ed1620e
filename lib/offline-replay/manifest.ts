import type { TimelinePiece } from '../replay';

/** A moment shown beside the offline replay: an annotation, to seek to. */
export interface OfflineMarker {
  ts: number;
  /** The tag's label or the detector's name. */
  label: string;
  /** The tag's colour (CSS), shown beside the label, never alone. */
  color: string;
  note: string;
  severity: number;
  kind: 'manual' | 'auto';
}

/**
 * What the offline replay's document says about its clips, as JSON in
 * `<script type="application/json" id="sg-manifest">`; each page load's
 * events are in a script block of their own, named by `eventsId`.
 */
export interface OfflineManifest {
  title: string;
  exportedAt: string;
  clips: {
    participant: string;
    startTs: number;
    endTs: number;
    pieces: TimelinePiece[];
    segments: { id: string; url: string; eventsId: string }[];
    markers: OfflineMarker[];
  }[];
}

export const MANIFEST_ID = 'sg-manifest';
export const APP_ID = 'sg-app';

/** The script block of a clip's page load. */
export function eventsIdOf(clip: number, segment: number): string {
  return `sg-events-${clip}-${segment}`;
}
