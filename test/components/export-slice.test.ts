import { describe, expect, it } from 'vitest';
import { batchesOf, isSettled } from '@/components/review/export-slice';
import type { ExportJobRecord, ExportStatus } from '@/lib/contracts';

function job(
  id: string,
  batchId: string,
  createdAt: number,
  status: ExportStatus,
): ExportJobRecord {
  return {
    id,
    batchId,
    targetId: 't1',
    findingId: `f-${id}`,
    studyKey: 'study',
    mode: 'create',
    key: 'k',
    draft: {
      marker: `sg-finding-${id}`,
      title: `Finding ${id}`,
      body: '',
      labels: [],
      attachments: [],
    },
    issue: null,
    attached: [],
    status,
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
  };
}

describe('export batches on the board', () => {
  it('groups jobs by batch, newest batch first, items in the order they were queued', () => {
    const batches = batchesOf([
      job('b', 'old', 10, { type: 'done' }),
      job('c', 'new', 21, { type: 'queued' }),
      job('a', 'old', 10, { type: 'failed', message: 'no' }),
      job('d', 'new', 20, { type: 'running', step: 'creating' }),
    ]);
    expect(batches.map((b) => b.batchId)).toEqual(['new', 'old']);
    expect(batches[0]!.items.map((i) => i.id)).toEqual(['d', 'c']);
    expect(batches[1]!.items.map((i) => i.title)).toEqual(['Finding a', 'Finding b']);
    // A batch item carries no draft (its attachments can be megabytes).
    expect(batches[0]!.items[0]).not.toHaveProperty('draft');
  });

  it('counts done, failed and cancelled as settled; queued, running and waiting are not', () => {
    const settled = (status: ExportStatus) => isSettled({ status });
    expect(settled({ type: 'done' })).toBe(true);
    expect(settled({ type: 'failed', message: 'x' })).toBe(true);
    expect(settled({ type: 'cancelled' })).toBe(true);
    expect(settled({ type: 'queued' })).toBe(false);
    expect(settled({ type: 'running', step: 'attaching' })).toBe(false);
    expect(settled({ type: 'waiting', retryAt: 1, reason: 'offline' })).toBe(false);
  });
});
