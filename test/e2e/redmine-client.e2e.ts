import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueDraft } from '../../lib/contracts';
import { createRedmineClient, type RedmineConfig } from '../../lib/trackers';

// The client against a real Redmine (Debian's 5.0) that scripts/redmine.mjs serves on
// loopback. A missing Redmine fails with what to install: it never silently skips.
const run = promisify(execFile);
const SCRIPT = new URL('../../scripts/redmine.mjs', import.meta.url).pathname;
const EXIT_MISSING = 3;

let server: RedmineConfig & { started: boolean };

async function redmineStart(): Promise<RedmineConfig & { started: boolean }> {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, 'start'], { timeout: 150_000 });
    return JSON.parse(stdout) as RedmineConfig & { started: boolean };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    if (failed.code === EXIT_MISSING)
      throw new Error(failed.stderr ?? 'Redmine is not installed', { cause: error });
    throw error;
  }
}

/** Straight REST, not the client under test, to see what Redmine really holds. */
async function redmineGet(path: string): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { headers: { 'X-Redmine-API-Key': server.apiKey } });
}

beforeAll(async () => {
  server = await redmineStart();
}, 180_000);

afterAll(async () => {
  if (server?.started) await run(process.execPath, [SCRIPT, 'stop']);
});

describe('Redmine client against a real Redmine', () => {
  const config = () => ({ baseUrl: server.baseUrl, apiKey: server.apiKey, project: 'demo' });

  it('tests the connection: the admin key may create issues in demo', async () => {
    const result = await createRedmineClient(config(), fetch).testConnection();
    expect(result).toMatchObject({
      type: 'ok',
      value: {
        user: 'admin',
        project: { identifier: 'demo' },
        canCreateIssues: true,
        problems: [],
      },
    });
  });

  it('says a bad key is refused (401) without repeating it', async () => {
    const badKey = 'not-a-real-key-5f3c2a1b';
    const result = await createRedmineClient(
      { ...config(), apiKey: badKey },
      fetch,
    ).testConnection();
    expect(result).toMatchObject({ type: 'error', status: 401, retryable: false });
    expect(result.type === 'error' && result.message).toMatch(/API key/);
    expect(JSON.stringify(result)).not.toContain(badKey);
  });

  it('names the project Redmine does not know (404)', async () => {
    const result = await createRedmineClient(
      { ...config(), project: 'no-such-project' },
      fetch,
    ).testConnection();
    expect(result).toMatchObject({ type: 'error', status: 404, retryable: false });
    expect(result.type === 'error' && result.message).toContain('"no-such-project"');
    expect(JSON.stringify(result)).not.toContain(server.apiKey);
  });

  it('judges a non-member key by the Non member role, as Redmine itself does', async () => {
    const login = `sg-stranger-${Date.now().toString(36)}`;
    const made = await fetch(`${server.baseUrl}/users.json`, {
      method: 'POST',
      headers: { 'X-Redmine-API-Key': server.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        user: {
          login,
          firstname: 'Stranger',
          lastname: 'Test',
          mail: `${login}@example.net`,
          password: 'stranger-pass-1',
        },
      }),
    });
    expect(made.status).toBe(201);
    const { user } = (await made.json()) as { user: { id: number } };
    const keyed = await fetch(`${server.baseUrl}/users/${user.id}.json?include=api_key`, {
      headers: { 'X-Redmine-API-Key': server.apiKey },
    });
    const { user: withKey } = (await keyed.json()) as { user: { api_key?: string } };
    const strangerKey = withKey.api_key ?? '';
    expect(strangerKey).not.toBe('');
    const client = createRedmineClient({ ...config(), apiKey: strangerKey }, fetch);
    const connection = await client.testConnection();
    expect(connection).toMatchObject({ type: 'ok', value: { user: login } });
    const created = await client.createIssue({
      marker: `sg-finding-${login}`,
      title: 'Filed by a non-member',
      body: 'b',
      labels: [],
      attachments: [],
    });
    // What the connection test promised is what Redmine does.
    expect(connection.type === 'ok' && connection.value.canCreateIssues).toBe(
      created.type === 'ok',
    );
  });

  it("passes on Redmine's own validation error (422)", async () => {
    const result = await createRedmineClient(config(), fetch).createIssue({
      marker: 'sg-finding-empty',
      title: '',
      body: 'x',
      labels: [],
      attachments: [],
    });
    expect(result).toMatchObject({ type: 'error', status: 422, retryable: false });
    expect(result.type === 'error' && result.message).toContain('Subject cannot be blank');
  });

  it('creates an issue with a PNG and an HTML attachment, finds it by marker, comments', async () => {
    const marker = `sg-finding-it${Date.now().toString(36)}`;
    const png = Uint8Array.from(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    const html = new TextEncoder().encode('<!doctype html><title>replay</title><p>offline</p>');
    const draft: IssueDraft = {
      marker,
      title: `Checkout button hidden (${marker})`,
      body: '**3 of 5** participants could not find the checkout button.',
      labels: ['study-group'],
      attachments: [
        { fileName: 'screenshot.png', mime: 'image/png', data: png },
        { fileName: 'replay.html', mime: 'text/html', data: html },
      ],
    };
    const client = createRedmineClient(config(), fetch);
    const created = await client.createIssue(draft);
    if (created.type !== 'ok') throw new Error(created.message);
    expect(created.value.url).toBe(`${server.baseUrl}/issues/${created.value.id}`);

    const response = await redmineGet(`/issues/${created.value.id}.json?include=attachments`);
    expect(response.status).toBe(200);
    const { issue } = (await response.json()) as {
      issue: {
        subject: string;
        description: string;
        attachments: { filename: string; content_type: string; content_url: string }[];
      };
    };
    expect(issue.subject).toBe(draft.title);
    expect(issue.description).toContain('**3 of 5** participants');
    expect(issue.description).toContain(marker);
    expect(issue.attachments.map((a) => [a.filename, a.content_type]).sort()).toEqual([
      ['replay.html', 'text/html'],
      ['screenshot.png', 'image/png'],
    ]);
    for (const [name, bytes] of [
      ['screenshot.png', png],
      ['replay.html', html],
    ] as const) {
      const attachment = issue.attachments.find((a) => a.filename === name);
      const content = await fetch(attachment?.content_url ?? 'missing', {
        headers: { 'X-Redmine-API-Key': server.apiKey },
      });
      expect(new Uint8Array(await content.arrayBuffer())).toEqual(bytes);
    }
    // The prep script sets CommonMark: the issue page renders the Markdown.
    const page = await (await redmineGet(`/issues/${created.value.id}`)).text();
    expect(page).toContain('<strong>3 of 5</strong>');

    expect(await client.findByMarker(marker)).toEqual({ type: 'ok', value: created.value });
    expect(await client.findByMarker(`${marker}x`)).toEqual({ type: 'ok', value: null });

    const comment = await client.addComment(created.value.id, 'One more participant hit it.', [
      { fileName: 'screenshot-2.png', mime: 'image/png', data: png },
    ]);
    expect(comment).toEqual({ type: 'ok', value: created.value });
    const after = (await (
      await redmineGet(`/issues/${created.value.id}.json?include=attachments,journals`)
    ).json()) as { issue: { attachments: { filename: string }[]; journals: { notes: string }[] } };
    expect(after.issue.attachments.map((a) => a.filename)).toContain('screenshot-2.png');
    expect(after.issue.journals.map((j) => j.notes)).toContain('One more participant hit it.');
  });
});
