// `wxt build` for npm start, with plain output. Run without a terminal, WXT's
// spinner still prints "- Preparing..." and a raw cursor escape (ESC[1G), and its
// summary lists every chunk: keep only what WXT warns or fails with, as plain text.
import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

// What nanospinner prints when it cannot animate: its one frame, then the text.
const SPINNER_LINE = /^- (Preparing\.\.\.|\[\d+\/\d+\] .*)$/;

/** The lines of WXT's output worth showing: no escape codes, spinner lines or blank lines. */
export function cleanBuildLog(text) {
  return stripVTControlCharacters(text)
    .split(/\r?\n|\r/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !SPINNER_LINE.test(line));
}

/**
 * Builds the extension; prints WXT's warnings, or everything it said when the build fails.
 * @param {{ env?: Record<string, string> }} [options]
 */
export function buildExtension(options = {}) {
  const result = spawnSync('npx', ['wxt', 'build'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, ...options.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) {
    for (const line of cleanBuildLog(`${result.stdout ?? ''}\n${result.stderr ?? ''}`)) {
      console.error(line);
    }
    throw new Error(`wxt build failed (${result.error?.message ?? `exit code ${result.status}`})`);
  }
  for (const line of cleanBuildLog(result.stderr)) console.warn(line);
}
