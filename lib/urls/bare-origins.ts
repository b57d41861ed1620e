import { needsSchemeChoice, normalizeOrigin } from './urls';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SEPARATORS = /([\s,]+)/;

/** The host ("127.0.0.1:4173") of an origin typed without a scheme, or null. */
function bareHost(part: string): string | null {
  if (HAS_SCHEME.test(part)) return null;
  const origin = normalizeOrigin(part);
  return origin ? new URL(origin).host : null;
}

/**
 * Origins typed without a scheme, settled where that can be done without
 * guessing: one on the current tab's host takes the tab's scheme; one that
 * needs asking (a loopback host or a port, see needsSchemeChoice) is returned
 * in `unsure`; any other keeps the https:// normalizeOrigin gives it.
 */
export function resolveBareOrigins(
  text: string,
  tabOrigin: string | null,
): { text: string; fromTab: string[]; unsure: string[] } {
  const tab = tabOrigin ? new URL(tabOrigin) : null;
  const fromTab: string[] = [];
  const unsure: string[] = [];
  const resolved = text
    .split(SEPARATORS)
    .map((part) => {
      const host = bareHost(part);
      if (!host) return part;
      if (tab && host === tab.host) {
        fromTab.push(part);
        return `${tab.protocol}//${part}`;
      }
      if (needsSchemeChoice(part)) unsure.push(part);
      return part;
    })
    .join('');
  return { text: resolved, fromTab: [...new Set(fromTab)], unsure: [...new Set(unsure)] };
}

/** `text` with every `part` typed without a scheme given the one the user chose. */
export function applyScheme(text: string, part: string, scheme: 'http' | 'https'): string {
  return text
    .split(SEPARATORS)
    .map((p) => (p === part ? `${scheme}://${p}` : p))
    .join('');
}
