// Jira Cloud refuses a POST or PUT that looks like it came from a browser
// (403 "XSRF check failed") even with a valid API token: it goes by the
// User-Agent and the Origin header, and JavaScript may set neither. A
// declarativeNetRequest session rule may: it rewrites both on the extension's
// own requests to the Jira host, and on nothing else (not the Jira web app in
// a tab, not a page's requests). /work/shared/STACK.md has what was checked.

/** What the rule sends instead of the browser's User-Agent: anything without "Mozilla". */
export const JIRA_USER_AGENT = 'StudyGroup-Extension (tracker export)';

/** Session rule ids for Jira hosts live in [RULE_ID_BASE, RULE_ID_BASE + RULE_ID_SPAN). */
const RULE_ID_BASE = 4_100_000;
const RULE_ID_SPAN = 100_000;

export interface DnrHeaderInfo {
  header: string;
  operation: string;
  value?: string;
}

/** The part of a declarativeNetRequest rule this module writes and reads. */
export interface DnrRule {
  id: number;
  priority?: number;
  action: { type: string; requestHeaders?: DnrHeaderInfo[] };
  condition: {
    requestDomains?: string[];
    initiatorDomains?: string[];
    resourceTypes?: string[];
    tabIds?: number[];
  };
}

/** The session-rule half of `browser.declarativeNetRequest`, passed in so tests can stand in. */
export interface DnrSessionApi {
  getSessionRules(): Promise<DnrRule[]>;
  updateSessionRules(options: { removeRuleIds?: number[]; addRules?: DnrRule[] }): Promise<void>;
}

/** The rule for one Jira host, made by the extension at `extensionUrl` (runtime.getURL('/')). */
export function jiraHeaderRule(id: number, jiraBaseUrl: string, extensionUrl: string): DnrRule {
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [
        { header: 'User-Agent', operation: 'set', value: JIRA_USER_AGENT },
        { header: 'Origin', operation: 'remove' },
      ],
    },
    condition: {
      requestDomains: [new URL(jiraBaseUrl).hostname],
      // Chromium: the extension id; Firefox: this install's random UUID (so the rule is made at run time).
      initiatorDomains: [new URL(extensionUrl).host],
      resourceTypes: ['xmlhttprequest'],
      // -1: requests from no tab, i.e. the service worker; extension pages in tabs keep their headers.
      tabIds: [-1],
    },
  };
}

/** FNV-1a: the same host always starts from the same id, in every browser and session. */
function hostSlot(host: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < host.length; i++) {
    hash ^= host.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % RULE_ID_SPAN;
}

function isJiraRuleId(id: number): boolean {
  return id >= RULE_ID_BASE && id < RULE_ID_BASE + RULE_ID_SPAN;
}

/**
 * The id for `host`: its hashed slot, or the next free one when another Jira
 * host already holds that slot. An existing rule for the host keeps its id.
 */
export function jiraRuleId(host: string, existing: readonly DnrRule[]): number {
  const ours = existing.filter((rule) => isJiraRuleId(rule.id));
  const mine = ours.find((rule) => rule.condition.requestDomains?.[0] === host);
  if (mine) return mine.id;
  const taken = new Set(ours.map((rule) => rule.id));
  let slot = hostSlot(host);
  while (taken.has(RULE_ID_BASE + slot)) slot = (slot + 1) % RULE_ID_SPAN;
  return RULE_ID_BASE + slot;
}

/** Field by field: a browser may hand rules back with its defaults filled in and keys reordered. */
function sameRule(a: DnrRule, b: DnrRule): boolean {
  const headers = (rule: DnrRule) =>
    (rule.action.requestHeaders ?? []).map((h) =>
      [h.header.toLowerCase(), h.operation, h.value ?? ''].join('\n'),
    );
  const list = (values: readonly (string | number)[] | undefined) => (values ?? []).join('\n');
  return (
    a.id === b.id &&
    (a.priority ?? 1) === (b.priority ?? 1) &&
    a.action.type === b.action.type &&
    list(headers(a)) === list(headers(b)) &&
    list(a.condition.requestDomains) === list(b.condition.requestDomains) &&
    list(a.condition.initiatorDomains) === list(b.condition.initiatorDomains) &&
    list(a.condition.resourceTypes) === list(b.condition.resourceTypes) &&
    list(a.condition.tabIds) === list(b.condition.tabIds)
  );
}

/**
 * Makes sure the rule for the target's Jira host is in place before a Jira
 * request: a no-op when it already is, else one atomic replace. Session rules
 * survive a worker restart but not a browser restart, so call it every time.
 */
export async function ensureJiraHeaderRule(
  dnr: DnrSessionApi,
  target: { baseUrl: string },
  extensionUrl: string,
): Promise<DnrRule> {
  const host = new URL(target.baseUrl).hostname;
  const existing = await dnr.getSessionRules();
  const rule = jiraHeaderRule(jiraRuleId(host, existing), target.baseUrl, extensionUrl);
  const current = existing.find((r) => r.id === rule.id);
  if (current && sameRule(current, rule)) return rule;
  await dnr.updateSessionRules({ removeRuleIds: [rule.id], addRules: [rule] });
  return rule;
}
