export { formatBytes, formatDateTime, formatDuration, formatUrlPath, UNKNOWN } from './format';
