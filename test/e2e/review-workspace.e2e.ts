import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from './support/demo';
import { PARTICIPANTS, recordParticipant, type RecordedBundle } from './support/workspace-scenario';

describe('the review workspace over three participants of one study', () => {
  let demo: Demo;
  const bundles: RecordedBundle[] = [];
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('records three participants, each exported to a bundle', async () => {
    for (const script of PARTICIPANTS) bundles.push(await recordParticipant(demo, script));
    for (const b of bundles) {
      const json = JSON.parse(gunzipSync(b.buffer).toString('utf8'));
      const s = json.sessions[0];
      console.log(
        b.alias,
        JSON.stringify(s.tasks),
        s.goalReached,
        JSON.stringify(
          s.annotations.map((a: Record<string, unknown>) => [
            a.kind,
            a.tagId,
            a.detector,
            a.severity,
            a.note,
            JSON.stringify(a.target),
          ]),
        ),
      );
    }
    expect(bundles).toHaveLength(3);
  });
});
