import { describe, expect } from 'vitest';
import type { ConnectionReport, TrackerResult, TrackerTarget } from '../../lib/contracts';
import { startGithubServer } from '../support/contract/github-server';
import { startGitlabServer } from '../support/contract/gitlab-server';
import { secretLeaks } from '../support/contract/http-contract';
import { startWebhookServer } from '../support/contract/webhook-server';
import { test } from './support/fixtures';

/**
 * The GitHub (Octokit), GitLab and webhook clients inside the built extension's
 * real service worker, asked by an extension page through `tracker.test`, against
 * the contract servers on loopback (the test build holds access to 127.0.0.1):
 * what Chromium's fetch really sends must still fit each API's published shape.
 */
const GITHUB_TOKEN = 'ghp_E2Esecret0123456789abcdefABCDEF';
const GITLAB_TOKEN = 'glpat-E2Esecret0123456789abc';
const HOOK_SECRET = 'whsec_E2Esecret0123456789';

type Report = TrackerResult<ConnectionReport>;

const base = { id: 'e2e', name: 'E2E', labels: [] };

describe('tracker clients in the service worker', () => {
  test('GitHub, GitLab and a webhook pass "Test connection" with nothing off-contract', async ({
    ext,
  }) => {
    const github = await startGithubServer({ token: GITHUB_TOKEN });
    const gitlab = await startGitlabServer({ token: GITLAB_TOKEN });
    const hook = await startWebhookServer({ secret: HOOK_SECRET });
    try {
      const page = await ext.context.newPage();
      await page.goto(ext.url('options.html'));
      // What `sendMessage` from @webext-core/messaging puts on the wire.
      const testTarget = (target: TrackerTarget) =>
        page.evaluate(
          async (data) => {
            const answer: unknown = await chrome.runtime.sendMessage({
              id: 1,
              type: 'tracker.test',
              data,
              timestamp: Date.now(),
            });
            return (answer as { res: unknown }).res;
          },
          { target },
        ) as Promise<Report>;

      const gh = await testTarget({
        ...base,
        type: 'github',
        apiUrl: github.url,
        owner: 'acme',
        repo: 'shop',
        token: GITHUB_TOKEN,
        evidence: { type: 'branch', branch: 'study-group/evidence' },
      });
      expect(gh).toMatchObject({ type: 'ok' });
      expect(gh.type === 'ok' && gh.value.checks.map((c) => c.ok)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(github.violations).toEqual([]);
      const ghRequest = github.requests[0];
      expect(ghRequest?.headers.authorization).toBe(`token ${GITHUB_TOKEN}`);
      expect(ghRequest?.headers['x-github-api-version']).toBe('2022-11-28');
      expect(secretLeaks(github.requests, GITHUB_TOKEN, 'authorization')).toEqual([]);

      const gl = await testTarget({
        ...base,
        type: 'gitlab',
        baseUrl: gitlab.url,
        project: 'acme/shop',
        token: GITLAB_TOKEN,
      });
      expect(gl.type === 'ok' && gl.value.checks.map((c) => c.ok)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(gitlab.violations).toEqual([]);
      expect(gitlab.requests.map((r) => r.rawUrl)).toContain('/api/v4/projects/acme%2Fshop');
      expect(secretLeaks(gitlab.requests, GITLAB_TOKEN, 'private-token')).toEqual([]);

      const wh = await testTarget({
        ...base,
        type: 'webhook',
        url: hook.hookUrl,
        secret: HOOK_SECRET,
      });
      expect(wh.type === 'ok' && wh.value.checks.map((c) => c.ok)).toEqual([true, true]);
      // The receiver verified each ping's HMAC with node:crypto before recording it.
      expect(hook.deliveries.length).toBeGreaterThan(0);
      expect(hook.deliveries.every((d) => d.event.type === 'ping')).toBe(true);
      expect(hook.violations).toEqual([]);
      expect(secretLeaks(hook.requests, HOOK_SECRET, 'none')).toEqual([]);

      const refused = await testTarget({
        ...base,
        type: 'github',
        apiUrl: github.url,
        owner: 'acme',
        repo: 'shop',
        token: 'ghp_wrong',
        evidence: { type: 'local' },
      });
      expect(refused.type === 'ok' && refused.value.checks[0]).toMatchObject({
        label: 'Signed in',
        ok: false,
      });
      expect(JSON.stringify([gh, gl, wh])).not.toMatch(/E2Esecret/);
    } finally {
      await Promise.all([github.close(), gitlab.close(), hook.close()]);
    }
  });
});
