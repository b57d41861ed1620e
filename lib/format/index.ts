export { formatBytes, formatDateTime, formatDuration, formatUrlPath, UNKNOWN } from './format';
export { plural, pluralWord, sessionStatusLabel } from './words';
