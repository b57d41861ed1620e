import { describe, expect, it } from 'vitest';
import { elapsedMs } from '@/lib/sessions';
import { lastSeenRecording } from '@/lib/sessions/elapsed';

const run = (
  runStartedAt: number | null,
  tasks: { startedAt: number | null; endedAt: number | null }[] = [],
) => ({
  runStartedAt,
  tasks,
});

describe('recording time', () => {
  it('counts the current run on top of what earlier runs recorded', () => {
    expect(elapsedMs({ activeMs: 5_000, runStartedAt: 10_000 }, 12_500)).toBe(7_500);
    expect(elapsedMs({ activeMs: 5_000, runStartedAt: null }, 99_000)).toBe(5_000);
  });
});

describe('when a session cut off by the browser was last seen recording', () => {
  it('is the latest moment stored of its run: any tab, "still recording" marks, tasks', () => {
    const segments = [
      { startedAt: 1_000, lastTs: 1_090 }, // the newest page load, idle after loading
      { startedAt: 500, lastTs: 64_000 }, // another tab kept recording
    ];
    expect(lastSeenRecording(run(400), segments, 100_000)).toBe(64_000);
    expect(
      lastSeenRecording(run(400, [{ startedAt: 400, endedAt: 70_000 }]), segments, 100_000),
    ).toBe(70_000);
  });

  it('ignores what an earlier run stored and anything after now (a clock gone wrong)', () => {
    const segments = [
      { startedAt: 100, lastTs: 900 },
      { startedAt: 2_000, lastTs: 5_000_000 },
    ];
    expect(lastSeenRecording(run(1_000), segments, 10_000)).toBe(2_000);
  });

  it('is the run start when nothing was stored, and nothing for a paused session', () => {
    expect(lastSeenRecording(run(1_000), [], 10_000)).toBe(1_000);
    expect(lastSeenRecording(run(null), [{ startedAt: 1, lastTs: 2 }], 10_000)).toBeNull();
  });
});
