import {
  DETECTOR_LABELS,
  type AnnotationRecord,
  type DetectorType,
  type SessionRecord,
  type TaskProgress,
  type TimelineRecord,
} from '../contracts';
import { normalizePath } from '../findings';
import { adjustedWald, type Interval } from './interval';
import { geometricMean, mean, median } from './stats';

/** A proportion with its 95% Adjusted Wald interval (null when n is 0). */
export interface Rate {
  successes: number;
  n: number;
  interval: Interval | null;
}

export interface Count {
  key: string;
  count: number;
}

export interface TaskMetrics {
  taskId: string;
  title: string;
  success: Rate;
  /** Median time of the attempts that ended done; null without any. */
  timeOnTaskMs: number | null;
  timeOnTaskN: number;
  ease: { mean: number | null; n: number };
}

/** Detectors whose annotations are the product misbehaving, not the participant struggling. */
export const BAD_DAY_DETECTORS = [
  'js-error',
  'failed-request',
  'error-page',
  'slow-page',
] as const satisfies readonly DetectorType[];
export type BadDayDetector = (typeof BAD_DAY_DETECTORS)[number];

export interface SessionBadDay {
  sessionId: string;
  participant: string;
  /** Auto annotations of the bad-day detectors. */
  events: number;
  byDetector: Record<BadDayDetector, number>;
  /** Errors and failed requests on the session's timeline; null when no timeline was given. */
  timelineEvents: number | null;
}

export interface StudyMetrics {
  participants: { value: number; sessions: number; definition: string };
  goalReached: Rate & { definition: string };
  goalReachedZeroFriction: Rate & { definition: string };
  timeToGoal: {
    medianMs: number | null;
    geometricMeanMs: number | null;
    n: number;
    definition: string;
  };
  tasks: {
    items: TaskMetrics[];
    definitions: { success: string; timeOnTask: string; ease: string };
  };
  badDayEvents: {
    sessions: SessionBadDay[];
    total: number;
    meanPerSession: number | null;
    definition: string;
  };
  frictionByParticipant: {
    items: { participant: string; byTag: Count[]; total: number }[];
    definition: string;
  };
  frictionByTag: { counts: Count[]; definition: string };
  frictionByPage: { counts: Count[]; definition: string };
  frictionByTask: { counts: Count[]; outsideTasks: number; definition: string };
  /** How to read the keys of the friction counts: tag ids and `auto:<detector>`. */
  labels: Record<string, string>;
}

export const METRIC_DEFINITIONS = {
  participants: 'Distinct participant aliases among the study’s sessions.',
  goalReached:
    'Sessions that reached the goal (every task done), of the study’s sessions that ended or answered; 95% Adjusted Wald interval.',
  goalReachedZeroFriction:
    'Sessions that reached the goal with no auto annotation and no manual tag of severity 2 or more (dismissed ones aside), of the same sessions.',
  timeToGoal:
    'For sessions that reached the goal: from session start to the end of the last task, at most the session’s recorded time (pauses excluded); median and geometric mean.',
  taskSuccess:
    'Attempts that ended done, of those who reached the task (a task left open when its session ended failed); 95% Adjusted Wald interval.',
  timeOnTask: 'Median time from a task’s start to its end, over the attempts that ended done.',
  ease: 'Mean Single Ease Question answer (1 very difficult – 7 very easy), skipped answers excluded.',
  badDayEvents:
    'Per session: JS errors, failed requests, error pages and slow pages the detectors noted (dismissed ones aside).',
  frictionByParticipant:
    'Per participant: their annotations by tag (automatic ones by detector), dismissed ones aside.',
  frictionByTag: 'Annotations by tag (automatic ones by detector), dismissed ones aside.',
  frictionByPage: 'Annotations by page (path with ids as placeholders), dismissed ones aside.',
  frictionByTask:
    'Annotations by the task under way when they were made; those outside any task counted apart.',
} as const;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Who a session counts for: its alias, or itself when it has none. */
export const participantOf = (session: Pick<SessionRecord, 'id' | 'participant'>): string =>
  session.participant.trim() || `session:${session.id}`;

/** The key friction is counted under: the tag id, or `auto:<detector>`. */
export function frictionKey(annotation: AnnotationRecord): string {
  if (annotation.kind === 'auto') return `auto:${annotation.detector ?? 'unknown'}`;
  return annotation.tagId ?? 'untagged';
}

/** Annotations that say something went wrong: any auto one, a manual one of severity 2 or more. */
const isFriction = (a: AnnotationRecord) => a.kind === 'auto' || a.severity >= 2;

function rate(successes: number, n: number): Rate {
  return { successes, n, interval: adjustedWald(successes, n) };
}

function counted(keys: Iterable<string>): Count[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || compare(a.key, b.key));
}

const newestFirst = (a: SessionRecord, b: SessionRecord) =>
  (b.study?.updatedAt ?? 0) - (a.study?.updatedAt ?? 0) ||
  b.startedAt - a.startedAt ||
  compare(a.id, b.id);

/**
 * Whether a session counts for the goal: it played a kit and either answered
 * it or ended; one that ended before its tasks were through did not reach it.
 * A session still under way has no outcome yet.
 */
const hasOutcome = (s: SessionRecord) =>
  s.study !== null && (s.goalReached !== null || s.status === 'ended');

function timeToGoal(session: SessionRecord): number | null {
  const ends = session.tasks.map((t) => t.endedAt).filter((t): t is number => t !== null);
  const end = ends.length > 0 ? Math.max(...ends) : null;
  const recorded = session.status === 'ended' && session.activeMs > 0 ? session.activeMs : null;
  if (end === null) return recorded;
  const wall = Math.max(0, end - session.startedAt);
  return recorded === null ? wall : Math.min(wall, recorded);
}

function taskOf(session: SessionRecord, ts: number): TaskProgress | null {
  return (
    session.tasks.find(
      (t) => t.startedAt !== null && ts >= t.startedAt && (t.endedAt === null || ts <= t.endedAt),
    ) ?? null
  );
}

function taskMetrics(sessions: SessionRecord[]): TaskMetrics[] {
  // Task order and titles from the newest version of the kit, then tasks only older versions had.
  const titles = new Map<string, string>();
  for (const session of [...sessions].sort(newestFirst)) {
    for (const task of session.study?.tasks ?? [])
      if (!titles.has(task.id)) titles.set(task.id, task.title);
    for (const progress of session.tasks)
      if (!titles.has(progress.taskId)) titles.set(progress.taskId, progress.taskId);
  }
  return [...titles].map(([taskId, title]) => {
    const attempts = sessions.flatMap((s) =>
      s.tasks
        .filter((t) => t.taskId === taskId)
        .map((t) => ({ ...t, ended: s.status === 'ended' })),
    );
    // A task under way in a live session has no outcome yet; one left open when the session ended failed.
    const reached = attempts.filter((t) => t.outcome !== null || (t.startedAt !== null && t.ended));
    const done = reached.filter((t) => t.outcome === 'done');
    const times = done.flatMap((t) =>
      t.startedAt !== null && t.endedAt !== null && t.endedAt >= t.startedAt
        ? [t.endedAt - t.startedAt]
        : [],
    );
    const eases = attempts.flatMap((t) => (typeof t.ease === 'number' ? [t.ease] : []));
    return {
      taskId,
      title,
      success: rate(done.length, reached.length),
      timeOnTaskMs: median(times),
      timeOnTaskN: times.length,
      ease: { mean: mean(eases), n: eases.length },
    };
  });
}

const TIMELINE_BAD_DAY = new Set<TimelineRecord['type']>([
  'js-error',
  'unhandled-rejection',
  'request-failed',
]);

/** Values grouped by a key, in their order. */
function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const list = groups.get(key(value));
    if (list) list.push(value);
    else groups.set(key(value), [value]);
  }
  return groups;
}

function badDay(
  sessions: SessionRecord[],
  annotations: Map<string, AnnotationRecord[]>,
  timeline?: TimelineRecord[],
): SessionBadDay[] {
  const entries = timeline
    ? groupBy(
        timeline.filter((t) => TIMELINE_BAD_DAY.has(t.type)),
        (t) => t.sessionId,
      )
    : null;
  return [...sessions]
    .sort((a, b) => a.startedAt - b.startedAt || compare(a.id, b.id))
    .map((session) => {
      const byDetector: Record<BadDayDetector, number> = {
        'js-error': 0,
        'failed-request': 0,
        'error-page': 0,
        'slow-page': 0,
      };
      for (const a of annotations.get(session.id) ?? []) {
        const detector = BAD_DAY_DETECTORS.find((d) => a.kind === 'auto' && d === a.detector);
        if (detector) byDetector[detector] += 1;
      }
      return {
        sessionId: session.id,
        participant: participantOf(session),
        events: Object.values(byDetector).reduce((sum, n) => sum + n, 0),
        byDetector,
        timelineEvents: entries ? (entries.get(session.id)?.length ?? 0) : null,
      };
    });
}

function labelsOf(sessions: SessionRecord[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const session of [...sessions].sort(newestFirst)) {
    for (const tag of session.study?.tags ?? []) labels[tag.id] ??= tag.label;
  }
  for (const [detector, label] of Object.entries(DETECTOR_LABELS))
    labels[`auto:${detector}`] = label;
  return labels;
}

/**
 * The customer-centric numbers of one study (or round): how many reached the
 * goal, how fast, how each task went, and where the friction was. Pure over
 * records; annotations of sessions not given and dismissed ones are left out.
 */
export function studyMetrics(
  sessions: SessionRecord[],
  annotations: AnnotationRecord[],
  timeline?: TimelineRecord[],
): StudyMetrics {
  const bySession = new Map(sessions.map((s) => [s.id, s]));
  const kept = annotations
    .filter((a) => a.dismissed !== true && bySession.has(a.sessionId))
    .sort((a, b) => a.ts - b.ts || compare(a.id, b.id));
  const withOutcome = sessions.filter(hasOutcome);
  const reached = withOutcome.filter((s) => s.goalReached === true);
  const ofSession = groupBy(kept, (a) => a.sessionId);
  const frictionless = reached.filter((s) => !(ofSession.get(s.id) ?? []).some(isFriction));
  const times = reached.flatMap((s) => {
    const t = timeToGoal(s);
    return t === null ? [] : [t];
  });
  const participants = [...new Set(sessions.map(participantOf))].sort(compare);
  const byParticipant = groupBy(kept, (a) => {
    const session = bySession.get(a.sessionId);
    return session ? participantOf(session) : '';
  });
  const days = badDay(sessions, ofSession, timeline);
  const total = days.reduce((sum, d) => sum + d.events, 0);
  const taskKeys: string[] = [];
  let outsideTasks = 0;
  for (const a of kept) {
    const session = bySession.get(a.sessionId);
    const task = session ? taskOf(session, a.ts) : null;
    if (task) taskKeys.push(task.taskId);
    else outsideTasks += 1;
  }
  return {
    participants: {
      value: participants.length,
      sessions: sessions.length,
      definition: METRIC_DEFINITIONS.participants,
    },
    goalReached: {
      ...rate(reached.length, withOutcome.length),
      definition: METRIC_DEFINITIONS.goalReached,
    },
    goalReachedZeroFriction: {
      ...rate(frictionless.length, withOutcome.length),
      definition: METRIC_DEFINITIONS.goalReachedZeroFriction,
    },
    timeToGoal: {
      medianMs: median(times),
      geometricMeanMs: geometricMean(times),
      n: times.length,
      definition: METRIC_DEFINITIONS.timeToGoal,
    },
    tasks: {
      items: taskMetrics(sessions),
      definitions: {
        success: METRIC_DEFINITIONS.taskSuccess,
        timeOnTask: METRIC_DEFINITIONS.timeOnTask,
        ease: METRIC_DEFINITIONS.ease,
      },
    },
    badDayEvents: {
      sessions: days,
      total,
      meanPerSession: days.length === 0 ? null : total / days.length,
      definition: METRIC_DEFINITIONS.badDayEvents,
    },
    frictionByParticipant: {
      items: participants.map((participant) => {
        const own = byParticipant.get(participant) ?? [];
        return { participant, byTag: counted(own.map(frictionKey)), total: own.length };
      }),
      definition: METRIC_DEFINITIONS.frictionByParticipant,
    },
    frictionByTag: {
      counts: counted(kept.map(frictionKey)),
      definition: METRIC_DEFINITIONS.frictionByTag,
    },
    frictionByPage: {
      counts: counted(kept.map((a) => normalizePath(a.url))),
      definition: METRIC_DEFINITIONS.frictionByPage,
    },
    frictionByTask: {
      counts: counted(taskKeys),
      outsideTasks,
      definition: METRIC_DEFINITIONS.frictionByTask,
    },
    labels: labelsOf(sessions),
  };
}
