export {
  markdownToAdf,
  type AdfBlock,
  type AdfBlockquote,
  type AdfBulletList,
  type AdfDoc,
  type AdfHeading,
  type AdfListItem,
  type AdfMark,
  type AdfParagraph,
  type AdfRule,
  type AdfText,
} from './adf';
export {
  createIssueDraft,
  draftNotes,
  goalClause,
  findingMarker,
  SEVERITY_NAMES,
  type DraftNote,
  type DraftScreenshot,
  type IssueDraftInput,
} from './issue-draft';
export { escapeMarkdown, formatOffset, inlineCode, quoteBlock } from './markdown';
export {
  deriveSteps,
  taskAt,
  viewportAt,
  type ClickSignal,
  type Step,
  type StepsInput,
} from './steps';
export {
  ANNOTATION_COLUMNS,
  annotationsCsv,
  CSV_BOM,
  csvCell,
  FINDING_COLUMNS,
  findingsCsv,
  tagLabels,
  toCsv,
  type StudyTables,
} from './csv';
export {
  studyExportFileName,
  studyReport,
  studyReportZip,
  type StudyExportKind,
  type StudyReport,
  type StudyReportInput,
} from './study-report';
