export {
  isHttpOrigin,
  isHttpUrl,
  MAX_URL_CHARS,
  normalizeOrigin,
  originOf,
  parseHttpUrl,
  parseOriginList,
  storedUrl,
  storedUrlsInText,
} from './urls';
