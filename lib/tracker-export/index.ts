export {
  browserName,
  EXPORT_ALARM,
  fromExtensionPage,
  registerTrackerExport,
  type TrackerExportOptions,
} from './register';
export { testTrackerConnection, type ConnectionTestDeps } from './connection';
export {
  backoffMs,
  BACKOFF,
  createExportService,
  OFFLINE_REASON,
  receiptId,
  type CommandResult,
  type ExportService,
  type ExportServiceDeps,
} from './export-service';
export {
  buildCommentDraft,
  buildIssueDraft,
  MAX_SCREENSHOTS,
  screenshotEvidence,
  type EvidenceContext,
  type EvidenceSource,
} from './drafts';
export { exportKey } from './job-key';
export {
  clusterStudy,
  loadSessionFindings,
  loadStudyFindings,
  studyKeyOf,
  type StudyFindings,
} from './study-findings';
