import { useEffect, useMemo } from 'react';
import { studyMetrics, type Count, type Rate, type StudyMetrics } from '@/lib/metrics';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { MetricsBarChart, MetricsIntervalChart } from './MetricsChart';
import { RoundsComparison } from './RoundsComparison';
import { useReviewStore } from './review-store';
import { formatMs, formatRate } from './metrics-format';
import './board.css';

/** A study's customer-centric numbers, each with what it means, and charts of its friction. */
export function MetricsView({ studyKey }: { studyKey: string }) {
  const watchStudy = useReviewStore((s) => s.watchStudy);
  const board = useReviewStore((s) => s.boards[studyKey]);
  useEffect(() => watchStudy(studyKey), [watchStudy, studyKey]);
  const metrics = useMemo(
    () => board && studyMetrics(board.sessions, board.annotations, board.timeline),
    [board],
  );

  if (!board || !metrics) return <p className="muted">Loading the metrics…</p>;
  const kitId = board.sessions[0]?.study?.id;
  return (
    <section className="metrics" aria-labelledby="metrics-title">
      <header className="metrics__head">
        <h2 id="metrics-title">Metrics</h2>
        <p className="metric__definition">
          {metrics.participants.sessions} session(s). Intervals are 95% Adjusted Wald.
        </p>
      </header>
      <Headline metrics={metrics} />
      <ErrorBoundary what="The tasks" resetKey={metrics}>
        <TaskTable metrics={metrics} />
      </ErrorBoundary>
      <ErrorBoundary what="The charts" resetKey={metrics}>
        <Charts metrics={metrics} />
      </ErrorBoundary>
      <ErrorBoundary what="The friction per participant" resetKey={metrics}>
        <FrictionPerParticipant metrics={metrics} />
        <BadDays metrics={metrics} />
      </ErrorBoundary>
      {kitId && (
        <ErrorBoundary what="The rounds comparison">
          <RoundsComparison kitId={kitId} current={studyKey} />
        </ErrorBoundary>
      )}
    </section>
  );
}

function Metric({
  name,
  value,
  definition,
  headline = false,
  testId,
}: {
  name: string;
  value: string;
  definition: string;
  headline?: boolean;
  testId: string;
}) {
  return (
    <div className={headline ? 'metric metric--headline' : 'metric'}>
      <dt>{name}</dt>
      <dd className="metric__value" data-testid={testId}>
        {value}
      </dd>
      <dd className="metric__definition">{definition}</dd>
    </div>
  );
}

function Headline({ metrics: m }: { metrics: StudyMetrics }) {
  return (
    <dl className="metrics__headline">
      <Metric
        headline
        testId="metric-zero-friction"
        name="Goal reached with zero friction"
        value={formatRate(m.goalReachedZeroFriction)}
        definition={m.goalReachedZeroFriction.definition}
      />
      <Metric
        testId="metric-goal"
        name="Goal reached"
        value={formatRate(m.goalReached)}
        definition={m.goalReached.definition}
      />
      <Metric
        testId="metric-time-to-goal"
        name="Time to goal"
        value={
          m.timeToGoal.n === 0
            ? '—'
            : `median ${formatMs(m.timeToGoal.medianMs)} · geometric mean ${formatMs(m.timeToGoal.geometricMeanMs)}`
        }
        definition={m.timeToGoal.definition}
      />
      <Metric
        testId="metric-participants"
        name="Participants"
        value={String(m.participants.value)}
        definition={m.participants.definition}
      />
      <Metric
        testId="metric-bad-day"
        name="Bad-day events per session"
        value={
          m.badDayEvents.meanPerSession === null
            ? '—'
            : `${m.badDayEvents.meanPerSession.toFixed(1)} (${m.badDayEvents.total} in all)`
        }
        definition={m.badDayEvents.definition}
      />
    </dl>
  );
}

function TaskTable({ metrics: m }: { metrics: StudyMetrics }) {
  const { definitions } = m.tasks;
  if (m.tasks.items.length === 0) return null;
  return (
    <div>
      <table className="metrics-table" data-testid="task-metrics">
        <caption className="visually-hidden">Per task</caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col" className="num">
              Success
            </th>
            <th scope="col" className="num">
              Time on task
            </th>
            <th scope="col" className="num">
              Ease (SEQ, 1–7)
            </th>
          </tr>
        </thead>
        <tbody>
          {m.tasks.items.map((t) => (
            <tr key={t.taskId}>
              <th scope="row">{t.title}</th>
              <td className="num">{formatRate(t.success)}</td>
              <td className="num">
                {t.timeOnTaskMs === null ? '—' : `${formatMs(t.timeOnTaskMs)} (n=${t.timeOnTaskN})`}
              </td>
              <td className="num">
                {t.ease.mean === null ? '—' : `${t.ease.mean.toFixed(1)} (n=${t.ease.n})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="metric__definition">
        <li>Success: {definitions.success}</li>
        <li>Time on task: {definitions.timeOnTask}</li>
        <li>Ease: {definitions.ease}</li>
      </ul>
    </div>
  );
}

function countRows(counts: Count[], labelOf: (key: string) => string) {
  return counts.map((c) => ({ label: labelOf(c.key), value: c.count, valueText: String(c.count) }));
}

function successRow(title: string, rate: Rate) {
  const interval = rate.interval;
  return {
    label: title,
    value: interval?.point ?? 0,
    low: interval?.low ?? 0,
    high: interval?.high ?? 0,
    valueText: formatRate(rate),
  };
}

function Charts({ metrics: m }: { metrics: StudyMetrics }) {
  const label = (key: string) => m.labels[key] ?? key;
  const taskTitle = new Map(m.tasks.items.map((t) => [t.taskId, t.title]));
  const byTask = countRows(m.frictionByTask.counts, (id) => taskTitle.get(id) ?? id);
  if (m.frictionByTask.outsideTasks > 0) {
    const n = m.frictionByTask.outsideTasks;
    byTask.push({ label: 'Outside any task', value: n, valueText: String(n) });
  }
  return (
    <div className="metrics__charts">
      <MetricsIntervalChart
        title="Task success"
        description={m.tasks.definitions.success}
        labelHeading="Task"
        rows={m.tasks.items
          .filter((t) => t.success.n > 0)
          .map((t) => successRow(t.title, t.success))}
      />
      <MetricsBarChart
        title="Friction by tag"
        description={m.frictionByTag.definition}
        labelHeading="Tag"
        valueHeading="Annotations"
        rows={countRows(m.frictionByTag.counts, label)}
      />
      <MetricsBarChart
        title="Friction by page"
        description={m.frictionByPage.definition}
        labelHeading="Page"
        valueHeading="Annotations"
        rows={countRows(m.frictionByPage.counts, (page) => page)}
      />
      <MetricsBarChart
        title="Friction by task"
        description={m.frictionByTask.definition}
        labelHeading="Task"
        valueHeading="Annotations"
        rows={byTask}
      />
    </div>
  );
}

function FrictionPerParticipant({ metrics: m }: { metrics: StudyMetrics }) {
  const { items, definition } = m.frictionByParticipant;
  const keys = [...new Set(items.flatMap((p) => p.byTag.map((c) => c.key)))];
  if (items.length === 0) return null;
  return (
    <div>
      <table className="metrics-table" data-testid="friction-per-participant">
        <caption>Friction per participant</caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            {keys.map((k) => (
              <th scope="col" className="num" key={k}>
                {m.labels[k] ?? k}
              </th>
            ))}
            <th scope="col" className="num">
              All
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.participant}>
              <th scope="row">{p.participant}</th>
              {keys.map((k) => (
                <td className="num" key={k}>
                  {p.byTag.find((c) => c.key === k)?.count ?? 0}
                </td>
              ))}
              <td className="num">{p.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="metric__definition">{definition}</p>
    </div>
  );
}

function BadDays({ metrics: m }: { metrics: StudyMetrics }) {
  const { sessions, definition } = m.badDayEvents;
  if (sessions.length === 0) return null;
  return (
    <div>
      <table className="metrics-table" data-testid="bad-day-events">
        <caption>Bad-day events per session</caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col" className="num">
              JS errors
            </th>
            <th scope="col" className="num">
              Failed requests
            </th>
            <th scope="col" className="num">
              Error pages
            </th>
            <th scope="col" className="num">
              Slow pages
            </th>
            <th scope="col" className="num">
              All
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.sessionId}>
              <th scope="row">{s.participant}</th>
              <td className="num">{s.byDetector['js-error']}</td>
              <td className="num">{s.byDetector['failed-request']}</td>
              <td className="num">{s.byDetector['error-page']}</td>
              <td className="num">{s.byDetector['slow-page']}</td>
              <td className="num">{s.events}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="metric__definition">{definition}</p>
    </div>
  );
}
