import type { TrackerTarget } from '../contracts';

/** Where a target files issues, without its secrets: the same place gives the same key. */
function placeOf(target: TrackerTarget): string {
  const host = (url: string) => new URL(url).host.toLowerCase();
  switch (target.type) {
    case 'github':
      return `${host(target.apiUrl)}/${target.owner}/${target.repo}`.toLowerCase();
    case 'jira':
      return `${host(target.baseUrl)}/${target.projectKey.toUpperCase()}`;
    case 'linear':
      return `${host(target.apiUrl)}/${target.team}`;
    case 'gitlab':
      return `${host(target.baseUrl)}/${target.project}`;
    case 'redmine':
      return `${host(target.baseUrl)}/${target.project}`;
    case 'webhook':
      return target.url;
  }
}

/**
 * The UUID a finding's issue is created under in a target: derived from the
 * finding id, the tracker type and where it files issues (SHA-256), so a
 * wiped browser or a re-added target asks for the same issue again. Shaped as
 * a version 4 UUID, which is what trackers taking a client id (Linear) accept.
 */
export async function exportKey(findingId: string, target: TrackerTarget): Promise<string> {
  const name = JSON.stringify(['study-group-export', findingId, target.type, placeOf(target)]);
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name)),
  ).slice(0, 16);
  digest[6] = (digest[6]! & 0x0f) | 0x40;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
