import { describe, expect, it } from 'vitest';
import {
  formFromTarget,
  maskSecret,
  newTrackerForm,
  parseLabels,
  targetFromForm,
  targetPlace,
  urlProblem,
  type TrackerForm,
} from '@/components/options/trackers-form';
import type { TrackerTarget } from '@/lib/contracts';

const id = () => 'new-id';

function redmineForm(patch: Partial<TrackerForm['fields']> = {}): TrackerForm {
  const form = newTrackerForm('redmine');
  return {
    ...form,
    fields: {
      ...form.fields,
      baseUrl: 'https://redmine.example.com',
      project: 'demo',
      apiKey: 'key-1234567890abcd',
      ...patch,
    },
  };
}

describe('tracker URLs', () => {
  it('takes https anywhere and http only on this computer', () => {
    expect(urlProblem('https://acme.atlassian.net')).toBeNull();
    expect(urlProblem('http://127.0.0.1:3030')).toBeNull();
    expect(urlProblem('http://localhost:8080/redmine')).toBeNull();
    expect(urlProblem('http://[::1]:3000')).toBeNull();
    expect(urlProblem('http://redmine.example.com')).toMatch(/Use https/);
    expect(urlProblem('ftp://example.com')).toMatch(/https/);
    expect(urlProblem('redmine.example.com')).toMatch(/Not a URL/);
  });
});

describe('the tracker form', () => {
  it('builds a Redmine target from what was typed, trimmed, labels de-duplicated', () => {
    const result = targetFromForm(
      {
        ...redmineForm({ project: '  demo ' }),
        name: ' Team Redmine ',
        labels: 'ux, study-group,ux,',
      },
      id,
    );
    expect(result).toEqual({
      type: 'ok',
      target: {
        id: 'new-id',
        type: 'redmine',
        name: 'Team Redmine',
        labels: ['ux', 'study-group'],
        baseUrl: 'https://redmine.example.com',
        project: 'demo',
        apiKey: 'key-1234567890abcd',
      },
    });
  });

  it('names each missing or wrong field', () => {
    const result = targetFromForm(
      {
        ...redmineForm({ baseUrl: 'http://redmine.example.com', project: '', apiKey: '' }),
        name: '',
      },
      id,
    );
    expect(result.type).toBe('invalid');
    if (result.type !== 'invalid') return;
    expect(Object.keys(result.errors).sort()).toEqual(['apiKey', 'baseUrl', 'name', 'project']);
    expect(result.errors.project).toBe('Project is required.');
    expect(result.errors.baseUrl).toMatch(/https/);
  });

  it('keeps a saved secret unless it is replaced, and never puts it back into an input', () => {
    const saved: TrackerTarget = {
      id: 't1',
      type: 'redmine',
      name: 'Redmine',
      labels: ['study-group'],
      baseUrl: 'http://127.0.0.1:3030',
      project: 'demo',
      apiKey: 'secret-key-wxyz',
    };
    const form = formFromTarget(saved);
    expect(form.fields.apiKey).toBe('');
    expect(form.replacing).toEqual([]);
    expect(JSON.stringify(form.fields)).not.toContain('secret-key');
    expect(targetFromForm(form, id)).toEqual({ type: 'ok', target: saved });

    const replaced = {
      ...form,
      replacing: ['apiKey'],
      fields: { ...form.fields, apiKey: 'other' },
    };
    expect(targetFromForm(replaced, id)).toMatchObject({ target: { id: 't1', apiKey: 'other' } });
    const emptied = { ...form, replacing: ['apiKey'] };
    expect(targetFromForm(emptied, id)).toMatchObject({
      type: 'invalid',
      errors: { apiKey: expect.any(String) },
    });
  });

  it('shows only the last four characters of a saved secret', () => {
    expect(maskSecret('0123456789abcdef')).toBe('saved ••••cdef');
  });

  it('lets a webhook go unsigned and edits its empty secret in place', () => {
    const form = {
      ...newTrackerForm('webhook'),
      fields: { url: 'https://hooks.example.com/sg', secret: '' },
    };
    const result = targetFromForm(form, id);
    expect(result).toMatchObject({ type: 'ok', target: { type: 'webhook', secret: '' } });
    if (result.type === 'ok') expect(formFromTarget(result.target).replacing).toEqual(['secret']);
  });

  it('asks GitHub for a branch name only when evidence goes to a branch', () => {
    const base = newTrackerForm('github');
    const form = {
      ...base,
      fields: { ...base.fields, owner: 'acme', repo: 'web', token: 'ghp_x' },
    };
    expect(targetFromForm(form, id)).toMatchObject({
      type: 'ok',
      target: { apiUrl: 'https://api.github.com', evidence: { type: 'local' } },
    });
    expect(targetFromForm({ ...form, evidence: 'branch', branch: '' }, id)).toMatchObject({
      type: 'invalid',
      errors: { branch: expect.any(String) },
    });
    expect(targetFromForm({ ...form, evidence: 'branch', branch: 'a..b' }, id).type).toBe(
      'invalid',
    );
    const ok = targetFromForm({ ...form, evidence: 'branch', branch: 'sg/evidence' }, id);
    expect(ok).toMatchObject({ target: { evidence: { type: 'branch', branch: 'sg/evidence' } } });
    if (ok.type === 'ok')
      expect(formFromTarget(ok.target)).toMatchObject({
        evidence: 'branch',
        branch: 'sg/evidence',
      });
  });

  it('says where a target files issues', () => {
    const built = targetFromForm(redmineForm(), id);
    if (built.type === 'ok') expect(targetPlace(built.target)).toBe('demo on redmine.example.com');
    expect(parseLabels(' a , ,b,a')).toEqual(['a', 'b']);
  });
});
