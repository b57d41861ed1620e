import { describe, expect, it } from 'vitest';
import {
  ensureJiraHeaderRule,
  JIRA_USER_AGENT,
  jiraHeaderRule,
  jiraRuleId,
  type DnrRule,
  type DnrSessionApi,
} from '@/lib/trackers';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';

/** Session rules as the browser keeps them, and every update asked of it. */
function fakeDnr(initial: DnrRule[] = []) {
  let rules = structuredClone(initial);
  const updates: { removeRuleIds?: number[]; addRules?: DnrRule[] }[] = [];
  const dnr: DnrSessionApi = {
    async getSessionRules() {
      return structuredClone(rules);
    },
    async updateSessionRules(options) {
      updates.push(structuredClone(options));
      const removed = new Set(options.removeRuleIds ?? []);
      const added = options.addRules ?? [];
      rules = rules.filter((r) => !removed.has(r.id));
      for (const rule of added) {
        if (rules.some((r) => r.id === rule.id)) throw new Error(`Rule with id ${rule.id} exists`);
      }
      rules.push(...structuredClone(added));
    },
  };
  return { dnr, updates, rules: () => rules };
}

describe('jiraHeaderRule', () => {
  it("rewrites User-Agent and drops Origin on the extension's own worker requests to the Jira host only", () => {
    expect(jiraHeaderRule(7, 'https://acme.atlassian.net/jira', EXTENSION)).toEqual({
      id: 7,
      priority: 1,
      action: {
        type: 'modifyHeaders',
        requestHeaders: [
          { header: 'User-Agent', operation: 'set', value: JIRA_USER_AGENT },
          { header: 'Origin', operation: 'remove' },
        ],
      },
      condition: {
        requestDomains: ['acme.atlassian.net'],
        initiatorDomains: ['abcdefghijklmnopabcdefghijklmnop'],
        resourceTypes: ['xmlhttprequest'],
        tabIds: [-1],
      },
    });
    expect(JIRA_USER_AGENT).not.toMatch(/Mozilla/i);
  });

  it('takes the moz-extension UUID as the initiator in Firefox, and a loopback host without its port', () => {
    const rule = jiraHeaderRule(
      1,
      'http://127.0.0.1:8123',
      'moz-extension://0b5d4c1e-7a1f-4d7e-9a55-3f3d0c4f9e21/',
    );
    expect(rule.condition.requestDomains).toEqual(['127.0.0.1']);
    expect(rule.condition.initiatorDomains).toEqual(['0b5d4c1e-7a1f-4d7e-9a55-3f3d0c4f9e21']);
  });
});

describe('jiraRuleId', () => {
  it('is the same for a host every time, different for another host, and skips a taken slot', () => {
    const a = jiraRuleId('acme.atlassian.net', []);
    expect(jiraRuleId('acme.atlassian.net', [])).toBe(a);
    const b = jiraRuleId('other.atlassian.net', []);
    expect(b).not.toBe(a);
    const squatter = jiraHeaderRule(a, 'https://squatter.atlassian.net', EXTENSION);
    const moved = jiraRuleId('acme.atlassian.net', [squatter]);
    expect(moved).not.toBe(a);
    // The host's own rule keeps its id, wherever it landed.
    const own = jiraHeaderRule(moved, 'https://acme.atlassian.net', EXTENSION);
    expect(jiraRuleId('acme.atlassian.net', [squatter, own])).toBe(moved);
  });
});

describe('ensureJiraHeaderRule', () => {
  const target = { baseUrl: 'https://acme.atlassian.net' };

  it('adds the rule once; calling again changes nothing', async () => {
    const { dnr, updates, rules } = fakeDnr();
    const rule = await ensureJiraHeaderRule(dnr, target, EXTENSION);
    expect(rules()).toEqual([rule]);
    await ensureJiraHeaderRule(dnr, target, EXTENSION);
    await ensureJiraHeaderRule(dnr, target, EXTENSION);
    expect(updates).toHaveLength(1);
    expect(rules()).toEqual([rule]);
  });

  it('sees its rule as the same when the browser hands it back reordered and with lower-case headers', async () => {
    const id = jiraRuleId('acme.atlassian.net', []);
    const given = jiraHeaderRule(id, target.baseUrl, EXTENSION);
    const echoed: DnrRule = {
      condition: { ...given.condition },
      action: {
        requestHeaders: given.action.requestHeaders?.map((h) => ({
          ...h,
          header: h.header.toLowerCase(),
        })),
        type: 'modifyHeaders',
      },
      id,
    };
    const { dnr, updates } = fakeDnr([echoed]);
    await ensureJiraHeaderRule(dnr, target, EXTENSION);
    expect(updates).toEqual([]);
  });

  it('replaces a stale rule for the host in one update, and leaves other rules alone', async () => {
    const id = jiraRuleId('acme.atlassian.net', []);
    const stale = jiraHeaderRule(id, target.baseUrl, 'chrome-extension://an-old-id/');
    const unrelated: DnrRule = {
      id: 1,
      action: { type: 'block' },
      condition: { requestDomains: ['ads.example'] },
    };
    const { dnr, updates, rules } = fakeDnr([unrelated, stale]);
    const rule = await ensureJiraHeaderRule(dnr, target, EXTENSION);
    expect(updates).toEqual([{ removeRuleIds: [id], addRules: [rule] }]);
    expect(rules()).toEqual([unrelated, rule]);
  });

  it('keeps one rule per Jira host, side by side', async () => {
    const { dnr, rules } = fakeDnr();
    const a = await ensureJiraHeaderRule(dnr, target, EXTENSION);
    const b = await ensureJiraHeaderRule(dnr, { baseUrl: 'https://beta.atlassian.net' }, EXTENSION);
    expect(a.id).not.toBe(b.id);
    expect(rules().map((r) => r.condition.requestDomains)).toEqual([
      ['acme.atlassian.net'],
      ['beta.atlassian.net'],
    ]);
  });
});
