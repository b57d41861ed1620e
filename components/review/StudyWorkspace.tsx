import type { StudySummary } from '@/lib/metrics';
import { FindingsBoard } from './FindingsBoard';
import { MetricsView } from './MetricsView';
import { StudySessions } from './StudySessions';
import { StudyView } from './StudyView';

/** The study shown, with what each of its tabs holds: plug a study's views in here. */
export function StudyWorkspace({ study }: { study: StudySummary }) {
  return (
    <StudyView
      study={study}
      panels={{
        sessions: <StudySessions study={study} />,
        findings: <FindingsBoard studyKey={study.key} />,
        metrics: <MetricsView studyKey={study.key} />,
      }}
    />
  );
}
