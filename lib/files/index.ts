export {
  checkEnvelope,
  fileSlug,
  formatZodIssues,
  type EnvelopeResult,
  type FileKind,
} from './files';
