import { describe, expect, it } from 'vitest';
import {
  addTag,
  canAddTag,
  chooseScheme,
  createKit,
  draftToKit,
  kitToDraft,
  moveTask,
  schemeChoices,
  textColorOn,
  type KitDraft,
} from '@/lib/studies';

let n = 0;
const newId = () => `id-${++n}`;
const tryMatch = (s: string) => {
  if (s.endsWith('[')) throw new SyntaxError('bad');
};
const draft = (patch: Partial<KitDraft> = {}): KitDraft => ({
  ...kitToDraft(createKit(1_000, newId), newId),
  ...patch,
});

describe('kit form draft', () => {
  it('turns a filled form into a kit: lines to lists, origins normalized, blanks dropped', () => {
    const result = draftToKit(
      draft({
        title: '  Get paid  ',
        originsText:
          'http://127.0.0.1:4173\n\nhttps://app.example.com/some/path\napp.example.com\nshop.example',
        timeBoxText: '45',
        blockText: '.a\n  \n.b ',
        rules: [
          { id: 'r1', text: ' Think aloud ' },
          { id: 'r2', text: '   ' },
        ],
      }),
      tryMatch,
      'draft',
    );
    expect(result.type).toBe('ok');
    if (result.type !== 'ok') return;
    expect(result.kit).toMatchObject({
      title: 'Get paid',
      origins: ['http://127.0.0.1:4173', 'https://app.example.com', 'https://shop.example'],
      timeBoxMinutes: 45,
      rules: ['Think aloud'],
      privacy: { blockSelectors: ['.a', '.b'], maskSelectors: [] },
    });
    expect(draftToKit(draft({ timeBoxText: '' }), tryMatch, 'draft')).toMatchObject({
      kit: { timeBoxMinutes: null },
    });
  });

  it('reports every problem against its field', () => {
    const d = draft({
      title: ' ',
      tasks: [{ id: 't1', title: ' ', doneWhen: '' }],
      originsText: 'https://ok.example\nnot an origin\nftp://x.example',
      timeBoxText: '1.5',
      maskText: 'div[',
    });
    d.tags[2] = { ...d.tags[2]!, key: '1' };
    d.tags[3] = { ...d.tags[3]!, label: '' };
    const result = draftToKit(d, tryMatch, 'draft');
    expect(result).toEqual({
      type: 'error',
      errors: [
        { field: 'title', message: 'Give the study a title.' },
        { field: 'task:t1', message: 'Task 1 needs a title.' },
        { field: 'origins', message: 'Not an http(s) origin: not an origin, ftp://x.example' },
        {
          field: 'timeBox',
          message: 'The time box is a whole number of minutes from 1 to 600, or empty.',
        },
        {
          field: `tag:${d.tags[2]!.id}:key`,
          message: 'Key 1 is already used by “Confused”: each tag needs its own key.',
        },
        { field: `tag:${d.tags[3]!.id}:label`, message: 'Tag 4 needs a label.' },
        { field: 'mask', message: 'Not a valid CSS selector: div[' },
      ],
    });
  });

  it('refuses a blank kit as ready, saying what is missing field by field, and keeps it as a draft', () => {
    const blank = draft();
    expect(blank.status).toBe('ready');
    expect(draftToKit(blank, tryMatch, 'ready')).toEqual({
      type: 'error',
      errors: [
        {
          field: 'scenario',
          message: 'Describe the scenario or the goal: participants need to know who they play.',
        },
        { field: 'tasks', message: 'Add at least one task for participants to work on.' },
        {
          field: 'origins',
          message: 'Add the origin of the product to record, e.g. https://app.example.com.',
        },
      ],
    });
    const kept = draftToKit(blank, tryMatch, 'draft');
    expect(kept).toMatchObject({ type: 'ok', kit: { status: 'draft', tasks: [], origins: [] } });

    // Each requirement alone: a scenario or a goal will do; an untitled task is not a task.
    const complete = {
      originsText: 'https://app.example.com',
      tasks: [{ id: 't', title: 'Sign up', doneWhen: '' }],
    };
    for (const text of [{ scenario: 'You run a bakery.' }, { goal: 'Get paid' }]) {
      const result = draftToKit(draft({ ...complete, ...text }), tryMatch, 'ready');
      expect(result.type, JSON.stringify(text)).toBe('ok');
      expect(result.type === 'ok' && 'status' in result.kit).toBe(false);
    }
    const untitled = draft({
      ...complete,
      goal: 'G',
      tasks: [{ id: 't', title: ' ', doneWhen: '' }],
    });
    expect(draftToKit(untitled, tryMatch, 'ready')).toEqual({
      type: 'error',
      errors: [{ field: 'task:t', message: 'Task 1 needs a title.' }],
    });
  });

  it('asks http:// or https:// for a local or ported origin instead of guessing, and applies the choice', () => {
    const typed = draft({
      originsText: 'https://app.example.com\n 127.0.0.1:4173 \nlocalhost:3000',
    });
    expect(schemeChoices(typed.originsText)).toEqual(['127.0.0.1:4173', 'localhost:3000']);
    expect(draftToKit(typed, tryMatch, 'draft')).toEqual({
      type: 'error',
      errors: [
        {
          field: 'origins',
          message: 'Choose http:// or https:// for 127.0.0.1:4173, localhost:3000.',
        },
      ],
    });
    const chosen = chooseScheme(
      chooseScheme(typed, '127.0.0.1:4173', 'http'),
      'localhost:3000',
      'https',
    );
    expect(chosen.originsText).toBe(
      'https://app.example.com\nhttp://127.0.0.1:4173\nhttps://localhost:3000',
    );
    expect(schemeChoices(chosen.originsText)).toEqual([]);
    expect(draftToKit(chosen, tryMatch, 'draft')).toMatchObject({
      type: 'ok',
      kit: {
        origins: ['https://app.example.com', 'http://127.0.0.1:4173', 'https://localhost:3000'],
      },
    });
  });

  it('round-trips a kit through the form unchanged', () => {
    const kit = {
      ...createKit(1_000, newId),
      title: 'T',
      goal: 'G',
      tasks: [{ id: 't', title: 'A', doneWhen: 'B' }],
      origins: ['https://app.example.com'],
      timeBoxMinutes: 30,
      privacy: { blockSelectors: ['.x'], maskSelectors: ['.y', '.z'], keepFullUrls: true },
    };
    expect(draftToKit(kitToDraft(kit, newId), tryMatch, 'ready')).toEqual({ type: 'ok', kit });
    const kept = { ...kit, status: 'draft' as const };
    expect(kitToDraft(kept, newId).status).toBe('draft');
    expect(draftToKit(kitToDraft(kept, newId), tryMatch, 'draft')).toEqual({
      type: 'ok',
      kit: kept,
    });
    // A kit from before the URL option edits as off.
    const older = { ...kit, privacy: { blockSelectors: [], maskSelectors: [] } };
    expect(kitToDraft(older, newId).keepFullUrls).toBe(false);
  });

  it('moves tasks within bounds', () => {
    const tasks = ['a', 'b', 'c'].map((id) => ({ id, title: id, doneWhen: '' }));
    const d = draft({ tasks });
    expect(moveTask(d, 'c', -1).tasks.map((t) => t.id)).toEqual(['a', 'c', 'b']);
    expect(moveTask(d, 'a', 1).tasks.map((t) => t.id)).toEqual(['b', 'a', 'c']);
    expect(moveTask(d, 'a', -1).tasks).toBe(tasks);
    expect(moveTask(d, 'c', 1).tasks).toBe(tasks);
  });

  it('adds tags on free keys in unused colours, up to nine', () => {
    let d = draft();
    d = { ...d, tags: d.tags.filter((t) => t.key !== '2') };
    d = addTag(d, 'new-1');
    expect(d.tags.at(-1)).toMatchObject({ id: 'new-1', key: '2', color: '#b54708' });
    for (let i = 0; i < 3; i++) d = addTag(d, `more-${i}`);
    expect(d.tags.map((t) => t.key).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(new Set(d.tags.map((t) => t.color)).size).toBe(9);
    expect(canAddTag(d)).toBe(false);
    expect(addTag(d, 'too-many')).toBe(d);
  });

  it('picks black or white text for a tag colour', () => {
    expect(textColorOn('#6941c6')).toBe('#ffffff');
    expect(textColorOn('#fde272')).toBe('#000000');
  });
});
