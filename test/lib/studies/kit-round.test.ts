import { describe, expect, it } from 'vitest';
import {
  createKit,
  draftToKit,
  kitToDraft,
  parseKitFile,
  serializeKit,
  validateKit,
} from '@/lib/studies';
import type { StudyKit } from '@/lib/contracts';

let n = 0;
const newId = () => `id-${++n}`;
const tryMatch = () => undefined;
const fileOf = (kit: unknown) =>
  JSON.stringify({ format: 'study-group-kit', version: 1, exportedAt: 'now', kit });

function withoutRound(kit: StudyKit): Omit<StudyKit, 'round'> {
  const { round: _round, ...rest } = kit;
  return rest;
}

describe('kit rounds', () => {
  it('a new kit is round 1', () => {
    expect(createKit(1, newId).round).toBe(1);
  });

  it('a kit file carries the round and reads it back', () => {
    const kit = { ...createKit(1, newId), round: 3 };
    const text = serializeKit(kit, 'now');
    expect(JSON.parse(text).kit.round).toBe(3);
    expect(parseKitFile(text)).toEqual({ type: 'ok', kit });
  });

  it('still reads kit files written before rounds, and writes them out as round 1', () => {
    const old = withoutRound(createKit(1, newId));
    const parsed = parseKitFile(fileOf(old));
    expect(parsed.type).toBe('ok');
    if (parsed.type !== 'ok') return;
    expect(parsed.kit).not.toHaveProperty('round');
    expect(JSON.parse(serializeKit(parsed.kit, 'now')).kit.round).toBe(1);
    expect(kitToDraft(parsed.kit, newId).roundText).toBe('1');
  });

  it('refuses rounds that are not a whole number from 1 to 99', () => {
    for (const round of [0, -1, 1.5, 100, '2', null]) {
      const result = validateKit({ ...createKit(1, newId), round });
      expect(result.type, JSON.stringify(round)).toBe('error');
      expect(result.type === 'error' && result.message).toMatch(/^round: /);
    }
    expect(validateKit({ ...createKit(1, newId), round: 99 }).type).toBe('ok');
  });

  it('the form edits the round as text and checks it', () => {
    const draft = kitToDraft({ ...createKit(1, newId), round: 2 }, newId);
    expect(draft.roundText).toBe('2');
    expect(draftToKit({ ...draft, roundText: ' 4 ' }, tryMatch, 'draft')).toMatchObject({
      type: 'ok',
      kit: { round: 4 },
    });
    expect(draftToKit({ ...draft, roundText: '' }, tryMatch, 'draft')).toMatchObject({
      type: 'ok',
      kit: { round: 1 },
    });
    for (const roundText of ['0', '2.5', 'two', '100']) {
      expect(draftToKit({ ...draft, roundText }, tryMatch, 'draft')).toEqual({
        type: 'error',
        errors: [{ field: 'round', message: 'The round is a whole number from 1 to 99.' }],
      });
    }
  });
});
