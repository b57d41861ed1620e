import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { recordedSegments, type RecordedSegment, type RecordedSession } from '@/lib/friction';

const DIR = fileURLToPath(new URL('../../fixtures/friction/', import.meta.url));
const SUFFIX = '.studygroup.json.gz';

/** The recorded journeys next to record.mjs, by name ("clean", "rage-click", …). */
export const FIXTURES = readdirSync(DIR)
  .filter((file) => file.endsWith(SUFFIX))
  .map((file) => file.slice(0, -SUFFIX.length))
  .sort();

/** One fixture's segments (every session of the bundle), timeline split by segment. */
export function loadFixture(name: string): RecordedSegment[] {
  const bundle = JSON.parse(
    gunzipSync(readFileSync(`${DIR}${name}${SUFFIX}`)).toString('utf8'),
  ) as {
    sessions: RecordedSession[];
  };
  return bundle.sessions.flatMap(recordedSegments);
}
