import type { StudySummary } from '@/lib/metrics';
import { StudySessions } from './StudySessions';
import { StudyPlaceholder, StudyView } from './StudyView';

/** The study shown, with what each of its tabs holds: plug a study's views in here. */
export function StudyWorkspace({ study }: { study: StudySummary }) {
  return (
    <StudyView
      study={study}
      panels={{
        sessions: <StudySessions study={study} />,
        findings: <StudyPlaceholder what="Findings" />,
        metrics: <StudyPlaceholder what="Metrics" />,
      }}
    />
  );
}
