import { z } from 'zod';
import type { ConnectionReport, TrackerClient, TrackerResult, TrackerTarget } from '../contracts';
import { trackerTargetSchema } from '../settings';
import { redact, targetSecrets, trackerHosts } from '../trackers';

export interface ConnectionTestDeps {
  client: (target: TrackerTarget) => TrackerClient;
  /** Whether the extension holds these host permissions (permissions.contains). */
  hasHostAccess: (origins: string[]) => Promise<boolean>;
  withPort?: boolean;
}

const requestSchema = z.object({ target: trackerTargetSchema });

const invalid = (message: string): TrackerResult<ConnectionReport> => ({
  type: 'error',
  retryable: false,
  status: null,
  message,
});

/** The host a user reads in a message ("redmine.example.com", "127.0.0.1:3030"). */
export function hostOf(pattern: string): string {
  return pattern.replace(/^[a-z]+:\/\//, '').replace(/\/\*$/, '');
}

/**
 * "Test connection" for a target, saved or not yet: requests go from the
 * background, where the host permission is, and nothing that comes back may
 * carry the target's secrets.
 */
export async function testTrackerConnection(
  raw: unknown,
  deps: ConnectionTestDeps,
): Promise<TrackerResult<ConnectionReport>> {
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.slice(1).join('.') || 'target';
    return invalid(`The tracker settings are not valid (${field}): check them and try again.`);
  }
  const target = parsed.data.target;
  const hosts = trackerHosts(target, deps.withPort);
  if (!(await deps.hasHostAccess(hosts))) {
    return invalid(
      `Study Group has no access to ${hosts.map(hostOf).join(', ')} yet: save the tracker to grant it.`,
    );
  }
  const result = await deps.client(target).testConnection();
  const secrets = targetSecrets(target);
  if (result.type === 'error') return { ...result, message: redact(result.message, secrets) };
  return {
    type: 'ok',
    value: {
      checks: result.value.checks.map((check) => ({
        ...check,
        label: redact(check.label, secrets),
        detail: redact(check.detail, secrets),
      })),
    },
  };
}
