import { onMessage } from '../messaging';
import type { StudyGroupDb } from '../storage';
import { createOverrideService, type OverrideService } from './override-service';
import { CLUSTER_RULES_VERSION } from './cluster';

/** Background wiring for the findings board's decisions. */
export function registerFindings(db: StudyGroupDb): OverrideService {
  const service = createOverrideService({
    db,
    rulesVersion: CLUSTER_RULES_VERSION,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
  });
  onMessage('findings.override', ({ data }) => service.override(data));
  onMessage('findings.undo', ({ data }) => service.undo(data));
  return service;
}
