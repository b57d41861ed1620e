import { describe, expect, it } from 'vitest';
import { untrackedPatterns } from '../../scripts/untracked-files.mjs';

describe('untrackedPatterns', () => {
  it('excludes a wholly untracked folder with everything in it, and single files by name', () => {
    expect(untrackedPatterns('demo-output/\0test-results/\0stray.log\0node_modules\0')).toEqual([
      'demo-output/**',
      'test-results/**',
      'stray.log',
      'node_modules',
    ]);
  });

  it('escapes glob syntax in file names so they match only themselves', () => {
    expect(untrackedPatterns('notes (old)/\0[draft]*.md\0')).toEqual([
      'notes \\(old\\)/**',
      '\\[draft\\]\\*.md',
    ]);
  });

  it('excludes nothing when everything is tracked', () => {
    expect(untrackedPatterns('')).toEqual([]);
  });
});
