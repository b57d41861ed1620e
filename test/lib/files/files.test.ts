import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bundleFileName } from '@/lib/export';
import { checkEnvelope, fileSlug, formatZodIssues, isGzip } from '@/lib/files';

const KIND = { format: 'study-group-thing', version: 2, noun: 'thing' };

describe('file name slugs', () => {
  it('keeps accented letters readable', () => {
    expect(fileSlug('Café Olé', 'x')).toBe('cafe-ole');
    expect(fileSlug('Überweisung für Müller', 'x')).toBe('uberweisung-fur-muller');
  });

  it('joins words with single dashes, cuts long titles at a word gap, and falls back', () => {
    expect(fileSlug('  Get paid — online!! ', 'x')).toBe('get-paid-online');
    expect(fileSlug('a'.repeat(59) + ' b', 'x')).toBe('a'.repeat(59));
    expect(fileSlug('!!! 🙂', 'session')).toBe('session');
  });

  it('names a bundle of one session after its title, accents kept', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(bundleFileName(['Café Olé'], now)).toBe('cafe-ole-2026-12-01.studygroup.json.gz');
    expect(bundleFileName(['a', 'b'], now)).toBe('2-sessions-2026-12-01.studygroup.json.gz');
    expect(bundleFileName(['Get paid online'], now, 'Baker 3')).toBe(
      'get-paid-online-baker-3-2026-12-01.studygroup.json.gz',
    );
    expect(bundleFileName(['Get paid online'], now, '🙂')).toBe(
      'get-paid-online-2026-12-01.studygroup.json.gz',
    );
    expect(bundleFileName(['a', 'b'], now, 'Baker 3')).toBe(
      '2-sessions-2026-12-01.studygroup.json.gz',
    );
  });
});

describe('file envelopes', () => {
  const errorOf = (text: string) => {
    const result = checkEnvelope(text, {
      ...KIND,
      misplaced: { 'study-group-other': 'That is the other file.' },
    });
    return result.type === 'error' ? result.message : null;
  };

  it('hands over the object of a file of its kind and version', () => {
    expect(checkEnvelope('{"format":"study-group-thing","version":2,"a":1}', KIND)).toEqual({
      type: 'ok',
      data: { format: 'study-group-thing', version: 2, a: 1 },
    });
  });

  it('says what is wrong with any other file', () => {
    expect(errorOf('{"format":')).toMatch(/^The file is not valid JSON \(.+\)\.$/);
    expect(errorOf('[1]')).toBe('The file is not a Study Group thing: expected a JSON object.');
    expect(errorOf('{"format":"study-group-other"}')).toBe('That is the other file.');
    expect(errorOf('{"format":"x","version":2}')).toBe(
      'The file is not a Study Group thing (its "format" is not "study-group-thing").',
    );
    expect(errorOf('{"format":"study-group-thing"}')).toBe('The thing file has no version number.');
    expect(errorOf('{"format":"study-group-thing","version":3}')).toMatch(
      /^The thing is version 3, made by a newer Study Group; this one reads version 2\./,
    );
    expect(errorOf('{"format":"study-group-thing","version":1}')).toBe('Unknown thing version 1.');
  });
});

describe('zod issue messages', () => {
  const schema = z.object({ items: z.array(z.object({ n: z.number() })) });
  const issuesOf = (value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected issues');
    return parsed.error;
  };

  it('names each field by its path and counts the problems not shown', () => {
    const error = issuesOf({ items: [{ n: 'a' }, {}, { n: null }, { n: [] }] });
    expect(formatZodIssues(error, 'thing')).toMatch(
      /^items\[0\]\.n: .+; items\[1\]\.n: .+; items\[2\]\.n: .+ \(and 1 more problems\)$/,
    );
    expect(formatZodIssues(issuesOf('no'), 'thing', 1)).toMatch(/^thing: /);
  });
});

describe('isGzip', () => {
  it('knows gzip by its first two bytes, and nothing shorter', () => {
    expect(isGzip(new Uint8Array(gzipSync('{}')))).toBe(true);
    expect(isGzip(new TextEncoder().encode('{"format":"study-group-kit"}'))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array([]))).toBe(false);
  });
});
