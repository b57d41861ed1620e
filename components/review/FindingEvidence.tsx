import { useState } from 'react';
import { DETECTOR_LABELS, type Finding } from '@/lib/contracts';
import { formatDuration } from '@/lib/format';
import { FindingOfflineReplay } from './OfflineReplayExport';
import { useReviewStore } from './review-store';
import type { Evidence, StudyBoard } from './findings-slice';

/** Every annotation behind a finding; some can be moved out into a finding of their own. */
export function FindingEvidence({ board, finding }: { board: StudyBoard; finding: Finding }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const { splitFinding } = useReviewStore.getState();
  const evidence = finding.annotationIds.flatMap((id) => {
    const e = board.evidence[id];
    return e ? [e] : [];
  });
  const canSplit = chosen.length > 0 && chosen.length < evidence.length;

  return (
    <div className="evidence">
      <h4>Evidence</h4>
      <FindingOfflineReplay finding={finding} />
      {evidence.length > 1 && (
        <p className="muted evidence__hint">
          Tick notes that are about something else to split them into a finding of their own.
        </p>
      )}
      <ul className="evidence__list">
        {evidence.map((e) => (
          <EvidenceItem
            key={e.annotation.id}
            evidence={e}
            chosen={chosen.includes(e.annotation.id)}
            canChoose={evidence.length > 1}
            onChoose={(on) =>
              setChosen((c) =>
                on ? [...c, e.annotation.id] : c.filter((x) => x !== e.annotation.id),
              )
            }
          />
        ))}
      </ul>
      {evidence.length > 1 && (
        <button
          type="button"
          className="button"
          disabled={!canSplit}
          onClick={() => {
            void splitFinding(board.studyKey, finding.id, chosen);
            setChosen([]);
          }}
        >
          Split the chosen into a new finding
        </button>
      )}
    </div>
  );
}

function EvidenceItem({
  evidence: { annotation, session, picture },
  chosen,
  canChoose,
  onChoose,
}: {
  evidence: Evidence;
  chosen: boolean;
  canChoose: boolean;
  onChoose(on: boolean): void;
}) {
  const { playEvidence } = useReviewStore.getState();
  const who = session.participant || 'Unnamed participant';
  const at = formatDuration(annotation.ts - session.startedAt);
  const what =
    annotation.kind === 'auto' && annotation.detector
      ? DETECTOR_LABELS[annotation.detector]
      : (session.study?.tags.find((t) => t.id === annotation.tagId)?.label ?? 'Tag');

  return (
    <li className="evidence__item">
      {canChoose && (
        <input
          type="checkbox"
          className="evidence__choose"
          aria-label={`Choose ${who}’s ${what} at ${at} to split out`}
          checked={chosen}
          onChange={(e) => onChoose(e.target.checked)}
        />
      )}
      {picture ? (
        <img className="evidence__picture" src={picture} alt={`The page when ${who} noted it`} />
      ) : (
        <span className="evidence__picture evidence__picture--none">No picture</span>
      )}
      <div className="evidence__text">
        <p className="evidence__who">
          <strong>{who}</strong> · {what} · severity {annotation.severity} · at {at}
        </p>
        {annotation.note ? (
          <p className="evidence__note">{annotation.note}</p>
        ) : (
          <p className="muted">No note.</p>
        )}
      </div>
      <button
        type="button"
        className="button"
        onClick={async () => {
          await playEvidence(session.id, annotation.ts);
          // The replay opens below the study: bring it into view.
          document.querySelector('section.detail')?.scrollIntoView({ block: 'start' });
        }}
      >
        Play <span className="visually-hidden">{`${who} at ${at}`}</span>
      </button>
    </li>
  );
}
