import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { groupStudies } from '@/lib/metrics';
import { ErrorBoundary } from '@/components/shared/ErrorBoundary';
import { FindingsBoard } from './FindingsBoard';
import { MetricsView } from './MetricsView';
import { useReviewStore } from './review-store';

const TABS = ['Findings', 'Metrics'] as const;
type Tab = (typeof TABS)[number];

/** A study's findings and metrics, chosen among the kits and rounds of the stored sessions. */
export function FindingsWorkspace() {
  const sessions = useReviewStore((s) => s.sessions);
  const studies = useMemo(() => groupStudies(sessions).filter((g) => g.ref !== null), [sessions]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('Findings');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const selectId = useId();
  const panelId = useId();
  const key = studies.find((s) => s.key === chosen)?.key ?? studies[0]?.key;
  if (!key) return null;

  function onTabKey(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    setTab(TABS[next]!);
    tabs.current[next]?.focus();
  }

  return (
    <section className="workspace" aria-label="Studies">
      <div className="workspace__bar">
        <label htmlFor={selectId}>Study</label>
        <select id={selectId} value={key} onChange={(e) => setChosen(e.target.value)}>
          {studies.map((s) => (
            <option key={s.key} value={s.key}>
              {`${s.title} · round ${s.round ?? 1}`}
            </option>
          ))}
        </select>
        <div role="tablist" aria-label="Study views" className="workspace__tabs">
          {TABS.map((name, i) => (
            <button
              key={name}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              className="workspace__tab"
              aria-selected={tab === name}
              aria-controls={panelId}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => setTab(name)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {name}
            </button>
          ))}
        </div>
      </div>
      <div role="tabpanel" id={panelId} aria-label={tab}>
        <ErrorBoundary what={`The ${tab.toLowerCase()}`} resetKey={`${key}/${tab}`}>
          {tab === 'Findings' ? <FindingsBoard studyKey={key} /> : <MetricsView studyKey={key} />}
        </ErrorBoundary>
      </div>
    </section>
  );
}
