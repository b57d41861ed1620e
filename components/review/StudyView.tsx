import { plural } from '@/lib/format';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import type { StudySummary } from '@/lib/metrics';
import { useReviewStore } from './review-store';
import type { StudyTab } from './studies-slice';

const TABS: { id: StudyTab; label: string }[] = [
  { id: 'sessions', label: 'Sessions' },
  { id: 'findings', label: 'Findings' },
  { id: 'metrics', label: 'Metrics' },
];

interface Props {
  study: StudySummary;
  /** What each tab shows; each is drawn in an error boundary of its own. */
  panels: Record<StudyTab, ReactNode>;
}

/** One study: its title and the tabs Sessions, Findings and Metrics (an ARIA tab list). */
export function StudyView({ study, panels }: Props) {
  const tab = useReviewStore((s) => s.studyTab);
  const { setStudyTab } = useReviewStore.getState();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index + TABS.length - 1) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    setStudyTab(TABS[next]!.id);
    buttons.current[next]?.focus();
  };

  const heading = study.ref ? `${study.title} · Round ${study.round ?? 1}` : study.title;
  return (
    <section className="study" aria-labelledby="study-title">
      <div className="study__head">
        <h2 id="study-title">{heading}</h2>
        <p className="muted">
          {plural(study.sessionIds.length, 'session')} · {plural(study.participants, 'participant')}
        </p>
      </div>
      <div role="tablist" aria-label="Study views" className="study__tabs" onKeyDown={onKeyDown}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`study-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`study-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="study__tab"
            onClick={() => setStudyTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`study-panel-${tab}`}
        aria-labelledby={`study-tab-${tab}`}
        className="study__panel"
      >
        <ErrorBoundary key={`${study.key}:${tab}`} what={`The ${tab} of this study`}>
          {panels[tab]}
        </ErrorBoundary>
      </div>
    </section>
  );
}
