export { isHttpUrl, MAX_URL_CHARS, storedUrl, storedUrlsInText } from './urls';
