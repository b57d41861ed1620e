import { describe, expect, it } from 'vitest';
import { cleanBuildLog } from '../../scripts/build-extension.mjs';

describe('cleanBuildLog', () => {
  it('drops the spinner line and cursor escape WXT 0.20 writes to stderr without a terminal', () => {
    // What `wxt build 2>&1 >/dev/null` printed, byte for byte.
    expect(cleanBuildLog('- Preparing...\n\x1b[1G')).toEqual([]);
  });

  it('keeps warnings and errors as plain text', () => {
    const log =
      '\x1b[33m WARN \x1b[39m Something to fix\n\n\x1b[31m✖\x1b[39m Command failed after 2.1 s\n';
    expect(cleanBuildLog(log)).toEqual([' WARN  Something to fix', '✖ Command failed after 2.1 s']);
  });

  it('keeps a list item that only looks like a spinner frame', () => {
    expect(cleanBuildLog('- entrypoints/popup/index.html\n')).toEqual([
      '- entrypoints/popup/index.html',
    ]);
  });
});
