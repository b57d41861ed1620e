export {
  checkEnvelope,
  fileSlug,
  formatZodIssues,
  isGzip,
  type EnvelopeResult,
  type FileKind,
} from './files';
