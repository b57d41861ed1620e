import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ExportStatusText,
  exportStatusText,
  issueLabel,
} from '@/components/shared/ExportStatusText';

describe('an export item’s status in words', () => {
  it('says every state in text, not only colour', () => {
    expect(exportStatusText({ type: 'queued' })).toBe('Queued');
    expect(exportStatusText({ type: 'running', step: 'attaching' })).toBe(
      'Attaching the evidence…',
    );
    expect(
      exportStatusText({ type: 'failed', message: 'Redmine refused the API key (401).' }),
    ).toBe('Failed: Redmine refused the API key (401).');
    expect(exportStatusText({ type: 'cancelled' })).toBe('Cancelled');
    const waiting = exportStatusText({
      type: 'waiting',
      retryAt: new Date(2026, 11, 1, 16, 5, 9).getTime(),
      reason: 'Redmine failed (503)',
    });
    expect(waiting).toMatch(/^Waiting until (16|04):05:09( PM)?: Redmine failed \(503\)$/);
  });

  it('links the issue once done, numbered issues with #', () => {
    expect(issueLabel({ id: '12', url: 'x' })).toBe('#12');
    expect(issueLabel({ id: 'PAY-7', url: 'x' })).toBe('PAY-7');
    const html = renderToStaticMarkup(
      <ExportStatusText
        status={{ type: 'done' }}
        issue={{ id: '12', url: 'https://redmine.example.com/issues/12' }}
      />,
    );
    expect(html).toBe(
      '<span class="export-status export-status--done" data-status="done">Done: <a href="https://redmine.example.com/issues/12" target="_blank" rel="noreferrer">issue #12</a></span>',
    );
  });
});
