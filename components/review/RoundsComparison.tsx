import { useEffect, useId, useMemo, useState } from 'react';
import { studyKey } from '@/lib/findings';
import { compareRounds, groupStudies, studyMetrics, type Delta } from '@/lib/metrics';
import { useReviewStore } from './review-store';
import { formatMs, formatMsChange, formatPointsChange } from './metrics-format';
import type { StudyBoard } from './findings-slice';
import type { Finding } from '@/lib/contracts';

type Better = 'higher' | 'lower';
type Kind = 'share' | 'time' | 'count' | 'ease';

interface Row {
  name: string;
  delta: Delta;
  kind: Kind;
  better: Better;
}

function show(value: number | null, kind: Kind): string {
  if (value === null) return '—';
  if (kind === 'share') return `${Math.round(value * 100)}%`;
  if (kind === 'time') return formatMs(value);
  return kind === 'ease' ? value.toFixed(1) : String(Math.round(value * 10) / 10);
}

function change({ change: c }: Delta, kind: Kind): string {
  if (kind === 'share') return formatPointsChange(c);
  if (kind === 'time') return formatMsChange(c);
  if (c === null) return '—';
  const rounded = Math.round(c * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)}`;
}

/** The change in the unit it is shown in: too small to show is no change. */
const SHOWN_STEP: Record<Kind, number> = { share: 0.01, time: 100, count: 0.1, ease: 0.1 };

/** Whether the change is for the better, said in words (colour only repeats it). */
function verdict({ change: c }: Delta, kind: Kind, better: Better): 'better' | 'worse' | null {
  if (c === null || Math.round(Math.abs(c) / SHOWN_STEP[kind]) === 0) return null;
  return c > 0 === (better === 'higher') ? 'better' : 'worse';
}

/** Two rounds of one kit side by side: every metric with its change, and what became of the findings. */
export function RoundsComparison({ kitId, current }: { kitId: string; current: string }) {
  const sessions = useReviewStore((s) => s.sessions);
  const rounds = useMemo(
    () => groupStudies(sessions).flatMap((g) => (g.ref?.kitId === kitId ? [g.ref.round] : [])),
    [sessions, kitId],
  );
  const currentRound = rounds.find((r) => studyKey({ kitId, round: r }) === current);
  const [before, setBefore] = useState<number | null>(null);
  const [after, setAfter] = useState<number | null>(null);
  const afterRound = after ?? currentRound ?? rounds[rounds.length - 1] ?? null;
  const beforeRound =
    before ?? [...rounds].reverse().find((r) => afterRound !== null && r < afterRound) ?? null;

  if (rounds.length < 2) {
    return (
      <p className="metric__definition">
        Rounds: only {rounds.length === 1 ? `round ${rounds[0]}` : 'one round'} of this kit has
        sessions here. Import another round’s bundles to compare them.
      </p>
    );
  }
  return (
    <section className="rounds" aria-labelledby="rounds-title">
      <header className="rounds__head">
        <h2 id="rounds-title">Rounds</h2>
        <p className="metric__definition">
          Two rounds of the same kit: each metric with its change, and findings matched by their
          fingerprint.
        </p>
      </header>
      <div className="rounds__pick">
        <RoundSelect label="Before" rounds={rounds} value={beforeRound} onChange={setBefore} />
        <RoundSelect label="After" rounds={rounds} value={afterRound} onChange={setAfter} />
      </div>
      {beforeRound !== null && afterRound !== null && beforeRound !== afterRound ? (
        <RoundsBody
          kitId={kitId}
          before={beforeRound}
          after={afterRound}
          key={`${beforeRound}-${afterRound}`}
        />
      ) : (
        <p className="muted">Choose two different rounds.</p>
      )}
    </section>
  );
}

function useBoard(key: string): StudyBoard | undefined {
  const watchStudy = useReviewStore((s) => s.watchStudy);
  useEffect(() => watchStudy(key), [watchStudy, key]);
  return useReviewStore((s) => s.boards[key]);
}

function RoundsBody({ kitId, before, after }: { kitId: string; before: number; after: number }) {
  const a = useBoard(studyKey({ kitId, round: before }));
  const b = useBoard(studyKey({ kitId, round: after }));
  const comparison = useMemo(
    () =>
      a && b
        ? compareRounds(
            {
              metrics: studyMetrics(a.sessions, a.annotations, a.timeline),
              findings: a.findings,
            },
            {
              metrics: studyMetrics(b.sessions, b.annotations, b.timeline),
              findings: b.findings,
            },
          )
        : null,
    [a, b],
  );
  if (!comparison || !a || !b) return <p className="muted">Loading both rounds…</p>;

  const rows: Row[] = [
    { name: 'Participants', delta: comparison.participants, kind: 'count', better: 'higher' },
    {
      name: 'Goal reached with zero friction',
      delta: comparison.goalReachedZeroFriction,
      kind: 'share',
      better: 'higher',
    },
    { name: 'Goal reached', delta: comparison.goalReached, kind: 'share', better: 'higher' },
    {
      name: 'Time to goal (median)',
      delta: comparison.timeToGoalMedianMs,
      kind: 'time',
      better: 'lower',
    },
    {
      name: 'Time to goal (geometric mean)',
      delta: comparison.timeToGoalGeometricMeanMs,
      kind: 'time',
      better: 'lower',
    },
    {
      name: 'Bad-day events per session',
      delta: comparison.badDayEventsPerSession,
      kind: 'count',
      better: 'lower',
    },
    ...comparison.tasks.flatMap((t): Row[] => [
      { name: `${t.title}: success`, delta: t.success, kind: 'share', better: 'higher' },
      { name: `${t.title}: time on task`, delta: t.timeOnTaskMs, kind: 'time', better: 'lower' },
      { name: `${t.title}: ease`, delta: t.ease, kind: 'ease', better: 'higher' },
    ]),
  ];
  const { fixed, persisting } = comparison.findings;
  const reach = (f: Finding, board: StudyBoard) => `${f.reach} of ${board.participants}`;

  return (
    <>
      <table className="rounds-table" data-testid="rounds-metrics">
        <caption className="visually-hidden">
          Metrics of round {before} and round {after}
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Round {before}
            </th>
            <th scope="col" className="num">
              Round {after}
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const v = verdict(row.delta, row.kind, row.better);
            return (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td className="num">{show(row.delta.before, row.kind)}</td>
                <td className="num">{show(row.delta.after, row.kind)}</td>
                <td className={v ? `num delta--${v}` : 'num'}>
                  {change(row.delta, row.kind)}
                  {v && ` (${v})`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="rounds__groups">
        <FindingGroup
          title={`Fixed: gone in round ${after}`}
          testId="rounds-fixed"
          items={fixed.map((f) => ({ id: f.id, text: `${f.title} (was ${reach(f, a)})` }))}
        />
        <FindingGroup
          title="Persisting"
          testId="rounds-persisting"
          items={persisting.map(({ before: f0, after: f1 }) => ({
            id: f1.id,
            text: `${f1.title} (${reach(f0, a)} → ${reach(f1, b)})`,
          }))}
        />
        <FindingGroup
          title={`New in round ${after}`}
          testId="rounds-new"
          items={comparison.findings.new.map((f) => ({
            id: f.id,
            text: `${f.title} (${reach(f, b)})`,
          }))}
        />
      </div>
    </>
  );
}

function FindingGroup({
  title,
  items,
  testId,
}: {
  title: string;
  items: { id: string; text: string }[];
  testId: string;
}) {
  const headingId = useId();
  return (
    <section className="rounds__group" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId}>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.id}>{i.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RoundSelect({
  label,
  rounds,
  value,
  onChange,
}: {
  label: string;
  rounds: number[];
  value: number | null;
  onChange(round: number): void;
}) {
  const id = useId();
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {rounds.map((r) => (
          <option key={r} value={r}>
            Round {r}
          </option>
        ))}
      </select>
    </label>
  );
}
