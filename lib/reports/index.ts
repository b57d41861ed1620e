export {
  ANNOTATION_COLUMNS,
  annotationsCsv,
  CSV_BOM,
  csvCell,
  FINDING_COLUMNS,
  findingMarker,
  findingsCsv,
  tagLabels,
  toCsv,
  type StudyTables,
} from './csv';
export {
  escapeMarkdown,
  studyExportFileName,
  studyReport,
  studyReportZip,
  type StudyExportKind,
  type StudyReport,
  type StudyReportInput,
} from './study-report';
