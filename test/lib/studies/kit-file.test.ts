import { describe, expect, it } from 'vitest';
import {
  createKit,
  KIT_LIMITS,
  kitFileName,
  parseKitFile,
  serializeKit,
  validateKit,
} from '@/lib/studies';
import type { StudyKit } from '@/lib/contracts';
import { isHttpOrigin } from '@/lib/urls';

let n = 0;
const newId = () => `id-${++n}`;

function sampleKit(): StudyKit {
  return {
    ...createKit(1_000, newId),
    title: 'Get paid online',
    scenario: 'You run **a bakery**.\n\nYou want card payments.',
    persona: 'Owner of a small bakery',
    goal: 'Receive your first payout',
    tasks: [
      { id: 't1', title: 'Sign up', doneWhen: 'You see the dashboard' },
      { id: 't2', title: 'Connect a bank', doneWhen: 'The bank shows as verified' },
      { id: 't3', title: 'Find the payout date', doneWhen: 'You see the payout date' },
    ],
    origins: ['https://app.example.com', 'http://127.0.0.1:4173'],
    timeBoxMinutes: 45,
    privacy: {
      blockSelectors: ['.customer-card'],
      maskSelectors: ['[data-private]'],
      keepFullUrls: true,
    },
    updatedAt: 2_000,
  };
}

const fileOf = (kit: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'study-group-kit',
    version: 1,
    exportedAt: '2026-11-21T00:00:00Z',
    kit,
    ...extra,
  });

const errorOf = (text: string, tryMatch?: (s: string) => unknown) => {
  const result = parseKitFile(text, { tryMatch });
  expect(result.type).toBe('error');
  return result.type === 'error' ? result.message : '';
};

describe('kit file', () => {
  it('round-trips every field through serializeKit and parseKitFile', () => {
    const kit = sampleKit();
    const text = serializeKit(kit, '2026-11-21T00:00:00Z');
    expect(JSON.parse(text)).toMatchObject({
      format: 'study-group-kit',
      version: 1,
      exportedAt: '2026-11-21T00:00:00Z',
    });
    expect(parseKitFile(text)).toEqual({ type: 'ok', kit });
  });

  it('writes only the kit’s own fields', () => {
    const kit = { ...sampleKit(), secret: 'x' } as StudyKit;
    expect(serializeKit(kit, 'now')).not.toContain('secret');
  });

  it('never carries a draft: not written, and dropped when a hand-edited file says so', () => {
    const kit = sampleKit();
    expect(serializeKit({ ...kit, status: 'draft' }, 'now')).not.toContain('status');
    for (const status of ['draft', 'ready']) {
      const result = parseKitFile(fileOf({ ...kit, status }));
      expect(result).toEqual({ type: 'ok', kit });
      expect(result.type === 'ok' && 'status' in result.kit).toBe(false);
    }
  });

  it('names the file after the title', () => {
    expect(kitFileName({ title: 'Get paid online!' })).toBe('get-paid-online.studykit.json');
    expect(kitFileName({ title: 'Café crème / Überweisung' })).toBe(
      'cafe-creme-uberweisung.studykit.json',
    );
    expect(kitFileName({ title: '!!!' })).toBe('study.studykit.json');
    expect(kitFileName({ title: 'a'.repeat(59) + ' b' })).toBe(`${'a'.repeat(59)}.studykit.json`);
  });

  it('rejects malformed JSON with the parser’s message', () => {
    expect(errorOf('{"format": "study-group-kit",')).toMatch(
      /^The file is not valid JSON \(.+\)\.$/,
    );
    expect(errorOf('')).toMatch(/not valid JSON/);
  });

  it('rejects files that are not kits', () => {
    expect(errorOf('[1, 2]')).toMatch(/not a Study Group kit: expected a JSON object/);
    expect(errorOf('{"format": "something-else", "version": 1}')).toMatch(
      /not a Study Group kit \(its "format" is not "study-group-kit"\)/,
    );
    expect(errorOf('{"format": "study-group-bundle", "version": 1}')).toMatch(
      /session bundle .*not a study kit: import it on the review page/,
    );
  });

  it('rejects a newer version, asking to update', () => {
    expect(errorOf(fileOf(sampleKit(), { version: 2 }))).toBe(
      'The kit is version 2, made by a newer Study Group; this one reads version 1. Update the extension.',
    );
    expect(errorOf(fileOf(sampleKit(), { version: 0 }))).toBe('Unknown kit version 0.');
    expect(errorOf(fileOf(sampleKit(), { version: '1' }))).toBe(
      'The kit file has no version number.',
    );
  });

  it('names missing and mistyped fields by their path', () => {
    const kit = sampleKit();
    // JSON.stringify leaves out undefined fields.
    const noTitle = { ...kit.tasks[2], title: undefined };
    expect(errorOf(fileOf({ ...kit, tasks: [kit.tasks[0], kit.tasks[1], noTitle] }))).toBe(
      'The kit is not valid: kit.tasks[2].title: missing',
    );
    expect(errorOf(fileOf({ ...kit, timeBoxMinutes: '45' }))).toBe(
      'The kit is not valid: kit.timeBoxMinutes: expected number, got string',
    );
    expect(errorOf(fileOf(undefined))).toBe('The kit is not valid: kit: missing');
    const sparse = {
      ...kit,
      scenario: undefined,
      persona: undefined,
      goal: undefined,
      rules: undefined,
    };
    expect(errorOf(fileOf(sparse))).toBe(
      'The kit is not valid: kit.scenario: missing; kit.persona: missing; kit.goal: missing (and 1 more problems)',
    );
  });

  it('refuses times no real kit has, saying what a time must be', () => {
    // Such a kit used to leave the options page blank ("Invalid time value").
    expect(errorOf(fileOf({ ...sampleKit(), updatedAt: Number.MAX_SAFE_INTEGER }))).toBe(
      `The kit is not valid: kit.updatedAt: expected a time in ms since 1970, before the year 2100 (got ${Number.MAX_SAFE_INTEGER})`,
    );
    expect(errorOf(fileOf({ ...sampleKit(), createdAt: -1 }))).toMatch(
      /kit\.createdAt: expected a time/,
    );
  });

  it('still reads kits written before the URL privacy option, as off', () => {
    const kit = sampleKit();
    const older = { ...kit, privacy: { blockSelectors: [], maskSelectors: [] } };
    const result = parseKitFile(fileOf(older));
    expect(result.type === 'ok' && result.kit.privacy.keepFullUrls).toBeFalsy();
    expect(JSON.parse(serializeKit(kit, 'now')).kit.privacy.keepFullUrls).toBe(true);
  });

  it('says how far a 5 MB scenario is over its limit', () => {
    const huge = fileOf({ ...sampleKit(), scenario: 'x'.repeat(5_000_000) });
    expect(errorOf(huge)).toBe(
      'The kit is not valid: kit.scenario: The scenario is 5,000,000 characters; at most 20,000 are allowed.',
    );
  });

  it('rejects a kit with invalid parts as a whole', () => {
    const kit = sampleKit();
    const bad: [unknown, RegExp][] = [
      [{ ...kit, title: '   ' }, /kit\.title: The title is empty\./],
      [{ ...kit, title: 'x'.repeat(201) }, /The title is 201 characters; at most 200/],
      [
        {
          ...kit,
          tasks: Array.from({ length: 31 }, (_, i) => ({ id: `t${i}`, title: 'T', doneWhen: '' })),
        },
        /kit\.tasks: There are 31 tasks; at most 30 are allowed\./,
      ],
      [
        { ...kit, origins: ['https://app.example.com/path'] },
        /kit\.origins\[0\]: “https:\/\/app\.example\.com\/path” is not an http\(s\) origin/,
      ],
      [{ ...kit, origins: ['ftp://files.example.com'] }, /is not an http\(s\) origin/],
      [
        { ...kit, origins: ['https://a.example', 'https://a.example'] },
        /kit\.origins\[1\]: The origin https:\/\/a\.example is listed twice/,
      ],
      [{ ...kit, timeBoxMinutes: 0 }, /kit\.timeBoxMinutes: The time box is at least 1 minute/],
      [{ ...kit, timeBoxMinutes: 601 }, /at most 600 minutes/],
      [{ ...kit, timeBoxMinutes: 1.5 }, /whole number of minutes/],
      [
        { ...kit, tags: [...kit.tags, { id: 'x', label: 'Again', color: '#000000', key: '1' }] },
        /kit\.tags\[6\]\.key: Key 1 is used by two tags/,
      ],
      [
        {
          ...kit,
          tags: Array.from({ length: 10 }, (_, i) => ({
            id: `g${i}`,
            label: 'L',
            color: '#000000',
            key: String((i % 9) + 1),
          })),
        },
        /kit\.tags: There are 10 tags; at most 9 are allowed\./,
      ],
      [
        { ...kit, tags: [{ ...kit.tags[0], key: '0' }] },
        /kit\.tags\[0\]\.key: A tag key is one digit from 1 to 9\./,
      ],
      [{ ...kit, tags: [{ ...kit.tags[0], key: '12' }] }, /A tag key is one digit/],
      [
        { ...kit, tags: [{ ...kit.tags[0], color: 'red' }] },
        /kit\.tags\[0\]\.color: A tag colour is #rrggbb/,
      ],
      [
        { ...kit, tags: [{ ...kit.tags[0], label: 'x'.repeat(41) }] },
        /A tag label is 41 characters; at most 40/,
      ],
      [{ ...kit, rules: [''] }, /kit\.rules\[0\]: A rule is empty\./],
      [
        { ...kit, privacy: { blockSelectors: ['x'.repeat(501)], maskSelectors: [] } },
        /kit\.privacy\.blockSelectors\[0\]: A selector is 501 characters; at most 500/,
      ],
      [
        { ...kit, privacy: { blockSelectors: [], maskSelectors: Array(101).fill('.a') } },
        /There are 101 selectors; at most 100/,
      ],
      [{ ...kit, createdAt: -1 }, /kit\.createdAt/],
    ];
    for (const [value, message] of bad) expect(errorOf(fileOf(value))).toMatch(message);
  });

  it('accepts only http(s) origins with a plausible host', () => {
    for (const ok of ['https://app.example.com', 'http://127.0.0.1:4173', 'http://[::1]:8080'])
      expect(isHttpOrigin(ok), ok).toBe(true);
    for (const bad of [
      'https://app.example.com/',
      'https://APP.example.com',
      'app.example.com',
      'ftp://example.com',
      'https://exa!mple.com',
      'https://a%20b.example',
      'chrome-extension://abc',
    ])
      expect(isHttpOrigin(bad), bad).toBe(false);
  });

  it('checks selectors with the caller’s matcher', () => {
    const tryMatch = (s: string) => {
      if (s.includes('[') && !s.includes(']')) throw new SyntaxError('bad');
    };
    const kit = {
      ...sampleKit(),
      privacy: { blockSelectors: ['.ok'], maskSelectors: ['.a', 'div['] },
    };
    expect(errorOf(fileOf(kit), tryMatch)).toBe(
      'The kit is not valid: kit.privacy.maskSelectors[1]: “div[” is not a valid CSS selector.',
    );
    expect(parseKitFile(fileOf(kit)).type).toBe('ok');
  });

  it('drops unknown fields but keeps a kit at every limit under the 1 MB file limit', () => {
    const big = '\u{1F600}'.repeat(KIT_LIMITS.scenario / 2);
    const longest: StudyKit = {
      ...sampleKit(),
      title: 'é'.repeat(KIT_LIMITS.title),
      scenario: big,
      persona: 'é'.repeat(KIT_LIMITS.persona),
      goal: 'é'.repeat(KIT_LIMITS.goal),
      tasks: Array.from({ length: KIT_LIMITS.tasks }, (_, i) => ({
        id: `t${i}`.padEnd(KIT_LIMITS.id, '-'),
        title: 'é'.repeat(KIT_LIMITS.taskTitle),
        doneWhen: 'é'.repeat(KIT_LIMITS.doneWhen),
      })),
      rules: Array(KIT_LIMITS.rules).fill('é'.repeat(KIT_LIMITS.rule)),
      origins: Array.from(
        { length: KIT_LIMITS.origins },
        (_, i) => `https://h${i}.${'a'.repeat(400)}.example`,
      ),
      tags: Array.from({ length: KIT_LIMITS.tags }, (_, i) => ({
        id: `g${i}`.padEnd(KIT_LIMITS.id, '-'),
        label: 'é'.repeat(KIT_LIMITS.tagLabel),
        color: '#123456',
        key: String(i + 1),
      })),
      privacy: {
        blockSelectors: Array(KIT_LIMITS.selectors).fill('é'.repeat(KIT_LIMITS.selector)),
        maskSelectors: Array(KIT_LIMITS.selectors).fill('é'.repeat(KIT_LIMITS.selector)),
      },
    };
    expect(validateKit(longest).type).toBe('ok');
    const text = serializeKit(longest, '2026-11-21T00:00:00Z');
    expect(new Blob([text]).size).toBeLessThan(KIT_LIMITS.fileBytes);
    expect(parseKitFile(text).type).toBe('ok');
    const withExtra = fileOf({ ...sampleKit(), future: true });
    const parsed = parseKitFile(withExtra);
    expect(parsed.type === 'ok' && 'future' in parsed.kit).toBe(false);
  });
});
