// What the sources zip (`wxt zip -b firefox`, for the add-on reviewers) must leave
// out: everything git does not track. WXT zips the whole project folder but a few
// defaults, so demo output, test results and stray files would ship otherwise.
import { execFileSync } from 'node:child_process';

const GLOB_SPECIAL = /[\\*?[\]{}()!+@]/g;

/**
 * Exclude patterns (relative to the repository root) for the NUL-separated output of
 * `git ls-files --others --directory -z`, where a wholly untracked folder ends in "/".
 * @param {string} listing
 * @returns {string[]}
 */
export function untrackedPatterns(listing) {
  return listing
    .split('\0')
    .filter((path) => path !== '')
    .map((path) => {
      const escaped = path.replace(GLOB_SPECIAL, '\\$&');
      return escaped.endsWith('/') ? `${escaped}**` : escaped;
    });
}

/**
 * Exclude patterns for every untracked (ignored or not) file and folder under `root`;
 * none outside a git work tree, where the folder itself is the source.
 * @param {string} root
 * @returns {string[]}
 */
export function untrackedFiles(root) {
  let listing;
  try {
    listing = execFileSync('git', ['ls-files', '--others', '--directory', '-z'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return [];
  }
  return untrackedPatterns(listing);
}
