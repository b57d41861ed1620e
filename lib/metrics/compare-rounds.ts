import type { Finding } from '../contracts';
import type { StudyMetrics } from './study-metrics';

/** A number in two rounds; `change` is after − before, null unless both are known. */
export interface Delta {
  before: number | null;
  after: number | null;
  change: number | null;
}

export interface TaskDelta {
  taskId: string;
  title: string;
  /** Success rates (0-1). */
  success: Delta;
  timeOnTaskMs: Delta;
  ease: Delta;
}

export interface RoundComparison {
  participants: Delta;
  /** Proportions (0-1). */
  goalReached: Delta;
  goalReachedZeroFriction: Delta;
  timeToGoalMedianMs: Delta;
  timeToGoalGeometricMeanMs: Delta;
  badDayEventsPerSession: Delta;
  /** Tasks of either round: the after round's order, then tasks it dropped. */
  tasks: TaskDelta[];
  findings: {
    /** In the round before, gone after. */
    fixed: Finding[];
    persisting: { before: Finding; after: Finding }[];
    new: Finding[];
  };
}

function delta(before: number | null | undefined, after: number | null | undefined): Delta {
  const b = before ?? null;
  const a = after ?? null;
  return { before: b, after: a, change: b === null || a === null ? null : a - b };
}

type Round = { metrics: StudyMetrics; findings: Finding[] };

/**
 * What changed from one round of a study to the next: every metric's delta,
 * and findings matched by fingerprint into fixed (gone), persisting and new.
 */
export function compareRounds(before: Round, after: Round): RoundComparison {
  const m0 = before.metrics;
  const m1 = after.metrics;
  const tasks0 = new Map(m0.tasks.items.map((t) => [t.taskId, t]));
  const tasks1 = new Map(m1.tasks.items.map((t) => [t.taskId, t]));
  const taskIds = [...new Set([...tasks1.keys(), ...tasks0.keys()])];
  const earlier = new Map(before.findings.map((f) => [f.fingerprint, f]));
  const later = new Set(after.findings.map((f) => f.fingerprint));
  return {
    participants: delta(m0.participants.value, m1.participants.value),
    goalReached: delta(m0.goalReached.interval?.point, m1.goalReached.interval?.point),
    goalReachedZeroFriction: delta(
      m0.goalReachedZeroFriction.interval?.point,
      m1.goalReachedZeroFriction.interval?.point,
    ),
    timeToGoalMedianMs: delta(m0.timeToGoal.medianMs, m1.timeToGoal.medianMs),
    timeToGoalGeometricMeanMs: delta(m0.timeToGoal.geometricMeanMs, m1.timeToGoal.geometricMeanMs),
    badDayEventsPerSession: delta(m0.badDayEvents.meanPerSession, m1.badDayEvents.meanPerSession),
    tasks: taskIds.map((taskId) => {
      const t0 = tasks0.get(taskId);
      const t1 = tasks1.get(taskId);
      return {
        taskId,
        title: t1?.title ?? t0?.title ?? taskId,
        success: delta(t0?.success.interval?.point, t1?.success.interval?.point),
        timeOnTaskMs: delta(t0?.timeOnTaskMs, t1?.timeOnTaskMs),
        ease: delta(t0?.ease.mean, t1?.ease.mean),
      };
    }),
    findings: {
      fixed: before.findings.filter((f) => !later.has(f.fingerprint)),
      persisting: after.findings.flatMap((f) => {
        const match = earlier.get(f.fingerprint);
        return match ? [{ before: match, after: f }] : [];
      }),
      new: after.findings.filter((f) => !earlier.has(f.fingerprint)),
    },
  };
}
