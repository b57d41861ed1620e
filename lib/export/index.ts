export {
  BUNDLE_EXTENSION,
  BUNDLE_FORMAT,
  BUNDLE_LIMITS,
  BUNDLE_VERSION,
  bundleSchema,
  type Bundle,
} from './bundle-schema';
export { bundleFileName, bundleJsonParts, exportBundle, type ExportMeta } from './bundle-export';
export {
  importBundle,
  importBundleFiles,
  parseBundleJson,
  type FileImportResult,
  type ImportProgress,
  type ImportResult,
} from './bundle-import';
