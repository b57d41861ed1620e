import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  detectRecording,
  recordedSegments,
  type RecordedSession,
} from '../../lib/friction';
import { JOURNEYS, recordJourney } from '../fixtures/friction/record.mjs';
import { test as base } from './support/fixtures';

/** A directory for the file's recorded bundles, removed after it. */
const test = base.extend('dir', { scope: 'file' }, async ({}, { onCleanup }) => {
  const dir = await mkdtemp(join(tmpdir(), 'sg-friction-'));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
});

// The journeys of the committed fixtures, recorded again with the extension as
// built now: detection must hold live and on what the current recorder produces.
describe('friction detection on fresh recordings', () => {
  test.for(Object.keys(JOURNEYS) as (keyof typeof JOURNEYS)[])(
    '%s journey',
    async (name, { demo, dir }) => {
      const file = join(dir, `${name}.studygroup.json.gz`);
      const { liveDetectors } = await recordJourney(name, demo.url, file);
      // While recording: exactly this journey's detector fired, once (none on the clean journey).
      expect(liveDetectors).toEqual(name === 'clean' ? [] : [name]);
      const bundle = JSON.parse(gunzipSync(await readFile(file)).toString('utf8')) as {
        sessions: RecordedSession[];
      };
      const findings = detectRecording(
        bundle.sessions.flatMap(recordedSegments),
        DEFAULT_THRESHOLDS,
      );
      // Over the finished recording: the same.
      expect(findings.map((f) => f.detector)).toEqual(name === 'clean' ? [] : [name]);
    },
  );
});
