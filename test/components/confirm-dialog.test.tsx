import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from '@/components/shared/ConfirmDialog';

const render = (danger: boolean) =>
  renderToStaticMarkup(
    <ConfirmDialog
      open={false}
      title="Delete Checkout?"
      confirmLabel="Delete session"
      danger={danger}
      onConfirm={() => {}}
      onCancel={() => {}}
    >
      <p>This cannot be undone.</p>
    </ConfirmDialog>,
  );

describe('confirm dialog', () => {
  it('is a dialog named by its title, with the question, Cancel first, then the action', () => {
    const html = render(true);
    const labelledBy = /<dialog class="dialog" aria-labelledby="([^"]+)">/.exec(html)?.[1];
    expect(labelledBy).toBeTruthy();
    expect(html).toContain(
      `<h3 id="${labelledBy}">Delete Checkout?</h3><p>This cannot be undone.</p>`,
    );
    expect(html).toMatch(
      /<button type="button" class="button">Cancel<\/button><button type="button" class="button button--danger">Delete session<\/button>/,
    );
  });

  it('marks a harmless action as the primary one', () => {
    expect(render(false)).toContain('class="button button--primary">Delete session</button>');
  });
});
