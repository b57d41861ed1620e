export {
  isHttpOrigin,
  isHttpUrl,
  MAX_URL_CHARS,
  needsSchemeChoice,
  normalizeOrigin,
  originOf,
  parseHttpUrl,
  parseOriginList,
  storedUrl,
  storedUrlsInText,
} from './urls';
export { applyScheme, resolveBareOrigins } from './bare-origins';
