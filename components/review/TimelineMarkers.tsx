import { formatDuration } from '@/lib/format';
import { useReviewStore } from './review-store';
import { DETECTOR_LABELS, type FrictionTag } from '@/lib/contracts';

const SEVERITY = { 1: 'minor', 2: 'major', 3: 'blocker' } as const;
/** Auto annotations carry no tag: one colour for them, told apart by shape too. */
const AUTO_COLOR = '#475467';

interface Props {
  tags: FrictionTag[];
  /** The session's start, for the times the markers name. */
  start: number;
  fraction(ts: number): number;
  onChoose(ts: number): void;
}

/**
 * Every annotation as a marker on the timeline: a dot in its tag's colour
 * (a diamond when noticed automatically), faint when dismissed; its tooltip
 * names tag, severity and note.
 */
export function TimelineMarkers({ tags, start, fraction, onChoose }: Props) {
  const annotations = useReviewStore((s) => s.annotations);
  if (annotations.length === 0) return null;
  return (
    <ol className="timeline__markers" aria-label="Friction on the timeline">
      {annotations.map(({ annotation: a }) => {
        const tag = tags.find((t) => t.id === a.tagId);
        const label =
          a.kind === 'auto'
            ? (a.detector && DETECTOR_LABELS[a.detector]) || 'Noticed automatically'
            : (tag?.label ?? a.tagId ?? 'Tag');
        const details = [
          label,
          SEVERITY[a.severity] ?? '',
          a.kind === 'auto' ? 'noticed automatically' : 'tagged',
          a.dismissed ? 'dismissed' : '',
        ].filter(Boolean);
        const time = formatDuration(a.ts - start);
        const classes = [
          'timeline__marker',
          a.kind === 'auto' ? 'timeline__marker--auto' : 'timeline__marker--manual',
          a.dismissed ? 'is-dismissed' : '',
        ];
        return (
          <li
            key={a.id}
            className="timeline__marker-item"
            style={{ left: `${fraction(a.ts) * 100}%` }}
          >
            <button
              type="button"
              className={classes.filter(Boolean).join(' ')}
              style={{ ['--marker-color' as string]: tag?.color ?? AUTO_COLOR }}
              onClick={() => onChoose(a.ts)}
              data-testid="timeline-marker"
              data-annotation-id={a.id}
            >
              <span className="timeline__tip">
                <strong>{details.join(' · ')}</strong> at {time}
                {a.note && <span className="timeline__tip-note">{a.note}</span>}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
