import { formatDateTime, plural } from '@/lib/format';
import type { StudySummary } from '@/lib/metrics';
import { useReviewStore } from './review-store';

interface Props {
  studies: StudySummary[];
  current: StudySummary | null;
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Studies by kit, a kit's rounds together; quick sessions last. */
export function StudyNav({ studies, current }: Props) {
  const { selectStudy } = useReviewStore.getState();
  const kits: { id: string; title: string; rounds: StudySummary[] }[] = [];
  const quick: StudySummary[] = [];
  for (const study of studies) {
    if (!study.ref) {
      quick.push(study);
      continue;
    }
    const kit = kits.find((k) => k.id === study.ref!.kitId);
    if (kit) kit.rounds.push(study);
    else kits.push({ id: study.ref.kitId, title: study.title, rounds: [study] });
  }
  const item = (study: StudySummary, label: string) => {
    const isCurrent = study.key === current?.key;
    return (
      <li key={study.key}>
        <button
          type="button"
          className={`study-nav__item${isCurrent ? ' is-current' : ''}`}
          aria-current={isCurrent ? 'true' : undefined}
          onClick={() => selectStudy(study.key)}
        >
          <span className="study-nav__label">{label}</span>
          <span className="study-nav__meta">
            {plural(study.sessionIds.length, 'session')} ·{' '}
            {formatDateTime(study.lastStartedAt, DATE)}
          </span>
        </button>
      </li>
    );
  };
  return (
    <nav className="study-nav" aria-label="Studies">
      <h2 className="study-nav__title">Studies</h2>
      {kits.map((kit) => (
        <section key={kit.id} className="study-nav__kit" aria-label={kit.title}>
          <h3>{kit.title}</h3>
          <ul>{kit.rounds.map((r) => item(r, `Round ${r.round ?? 1}`))}</ul>
        </section>
      ))}
      {quick.length > 0 && (
        <section className="study-nav__kit" aria-label="Without a kit">
          <h3>Without a kit</h3>
          <ul>{quick.map((q) => item(q, q.title))}</ul>
        </section>
      )}
    </nav>
  );
}
