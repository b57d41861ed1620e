import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { PopupPage } from './pages/popup-page';
import { ReviewPage } from './pages/review-page';
import { SwaggerPage } from './pages/swagger-page';
import { readDownload, type BundleJson } from './support/bundle';
import { type ExtensionBrowser } from './support/extension';
import { recordOn, waitForRecording } from './support/recording';
import { test } from './support/fixtures';

/** What a fixed-length choice mask looks like (lib/recording/typed-values.ts). */
const CHOICE_MASK = '********';

type Node = {
  type: number;
  id: number;
  tagName?: string;
  attributes?: Record<string, unknown>;
  childNodes?: Node[];
};

/** Values (or their URL-encoded forms) found in the exported bundle's bytes. */
function leaks(text: string, values: string[]): string[] {
  return values.filter((v) => text.includes(v) || text.includes(encodeURIComponent(v)));
}

/** Every serialized node of a session: full snapshots and nodes added by mutations. */
function recordedNodes(session: BundleJson['sessions'][number]): Node[] {
  const stack: Node[] = [];
  for (const segment of session.segments) {
    for (const event of segment.events) {
      const data = event.data as { node?: Node; source?: number; adds?: { node: Node }[] };
      if (event.type === 2 && data.node) stack.push(data.node);
      if (event.type === 3 && data.source === 0)
        stack.push(...(data.adds ?? []).map((a) => a.node));
    }
  }
  const nodes: Node[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    nodes.push(node);
    stack.push(...(node.childNodes ?? []));
  }
  return nodes;
}

function incremental(session: BundleJson['sessions'][number], source: number) {
  return session.segments.flatMap((segment) =>
    segment.events
      .filter((e) => e.type === 3 && (e.data as { source: number }).source === source)
      .map((e) => e.data as Record<string, unknown>),
  );
}

describe('what the participant typed or chose never reaches the export', () => {
  /** Stop the session (which hands over the page's last batch), export, and return it. */
  async function stopAndExport(ext: ExtensionBrowser, popup: PopupPage, page: Page, title: string) {
    await popup.page.bringToFront();
    await popup.stop();
    const review = await ReviewPage.open(ext);
    const bundle = await readDownload(await review.exportAll());
    await Promise.all([review.page.close(), popup.close(), page.close()]);
    const session = bundle.json.sessions.find((s) => s.title === title);
    if (!session) throw new Error(`no session "${title}" in the export`);
    return { text: bundle.text, session };
  }

  test('masks typed values a page echoes as text, attributes, URL and console and error messages', async ({
    sites,
    ext,
  }) => {
    const key = 'sk-live-4417-zephyr';
    const note = 'meet at the blue door 8812';
    const { page, popup } = await recordOn(ext, sites.site('privacy-echo.html'), 'Echo');
    await page.locator('#key').pressSequentially(key); // echoed live, key by key
    await page.locator('#note').pressSequentially(note);
    const thrown = page.waitForEvent('pageerror');
    await page.getByRole('button', { name: 'Save' }).click();
    await thrown;
    const { text, session } = await stopAndExport(ext, popup, page, 'Echo');

    expect(leaks(text, [key, note, key.slice(0, 12), note.slice(0, 14)])).toEqual([]);
    // The echoes and messages were recorded, with the values masked.
    expect(text).toContain(`Saved key ${'*'.repeat(key.length)} with note`);
    const messages = session.timeline.map(
      (entry) => `${entry.type}: ${String(entry.message ?? entry.reason)}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        `console-error: could not sync key ${'*'.repeat(key.length)}`,
        expect.stringMatching(/^js-error: .*sync failed for \*{19}$/),
        `unhandled-rejection: Error: rejected ${'*'.repeat(note.length)}`,
      ]),
    );
  });

  test('masks select, radio and checkbox values and states, in snapshots, mutations and input events', async ({
    sites,
    ext,
  }) => {
    const { page, popup } = await recordOn(ext, sites.site('privacy-choices.html'), 'Choices');
    await page.locator('#plan').selectOption('plan-gold');
    await page.locator('#size').selectOption('size-s');
    await page.getByLabel('Crimson').check();
    await page.locator('#news').check();
    await page.locator('#terms').uncheck();
    await page.getByRole('button', { name: 'More colours' }).click();
    await page.waitForFunction(() => document.body.dataset.done === 'yes');
    const { text, session } = await stopAndExport(ext, popup, page, 'Choices');

    const values = ['color-teal', 'color-crimson', 'color-ochre', 'color-violet'];
    expect(leaks(text, [...values, 'opt-newsletter', 'opt-terms'])).toEqual([]);

    const nodes = recordedNodes(session).filter((n) => n.type === 2);
    const selects = nodes.filter((n) => n.tagName === 'select');
    expect(selects.map((n) => n.attributes?.value)).toEqual([CHOICE_MASK, CHOICE_MASK]);
    const stateful = nodes.filter(
      (n) => 'checked' in (n.attributes ?? {}) || 'selected' in (n.attributes ?? {}),
    );
    expect(stateful).toEqual([]);
    const radios = nodes.filter((n) => n.attributes?.type === 'radio');
    expect(radios.length).toBe(4); // three in the snapshot, one added later
    expect(radios.every((n) => n.attributes?.value === CHOICE_MASK)).toBe(true);
    const changes = incremental(session, 0).flatMap(
      (m) => (m.attributes ?? []) as { attributes: Record<string, unknown> }[],
    );
    expect(changes.filter((c) => 'checked' in c.attributes || 'selected' in c.attributes)).toEqual(
      [],
    );

    const inputs = incremental(session, 5);
    const selectIds = new Set(selects.map((n) => n.id));
    const selectInputs = inputs.filter((i) => selectIds.has(i.id as number));
    expect(selectInputs.length).toBeGreaterThanOrEqual(2);
    expect(selectInputs.every((i) => i.text === CHOICE_MASK)).toBe(true);
    const radioIds = new Set(radios.map((n) => n.id));
    expect(inputs.some((i) => radioIds.has(i.id as number))).toBe(true);
    expect(inputs.filter((i) => i.isChecked !== false || !/^\**$/.test(String(i.text)))).toEqual(
      [],
    );
  });

  test('masks text typed into a designMode document (an iframe editor)', async ({ sites, ext }) => {
    const typed = 'Designmode letter to the landlord 5521';
    const { page, popup } = await recordOn(ext, sites.site('privacy-design-mode.html'), 'Design');
    await page.frameLocator('#editor').locator('#message-body-para').click();
    await page.keyboard.type(typed);
    await page.waitForFunction(
      (t) =>
        (
          document.getElementById('editor') as HTMLIFrameElement
        ).contentDocument?.body.textContent?.includes(t),
      typed,
    );
    const { text } = await stopAndExport(ext, popup, page, 'Design');

    expect(text).toContain('message-body-para'); // the editor's document was recorded
    expect(leaks(text, [typed, 'Designmode', 'landlord'])).toEqual([]);
  });

  test('masks what was typed into Swagger UI wherever it prints it back, without page errors', async ({
    sites,
    ext,
  }) => {
    const name = 'ada-lovelace-1815';
    const token = 'tok-9f3k-77q';
    const title = 'grocery list 4410';
    const secret = 'body-secret-6620';
    const page = await ext.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    await page.goto(sites.swaggerUrl);
    const swagger = new SwaggerPage(page);
    await swagger.waitForOperations();
    const popup = await PopupPage.open(ext);
    await popup.start({ title: 'Swagger', participant: 'P' });
    await page.bringToFront();
    await waitForRecording(page);

    const find = await swagger.tryOut('findUser');
    await swagger.typeParameter(find, 'name', name);
    await swagger.typeParameter(find, 'token', token);
    await swagger.execute(find, token); // the curl command, request URL and response show both
    const create = await swagger.tryOut('createNote');
    await swagger.typeBody(create, JSON.stringify({ title, secret }));
    await swagger.execute(create, secret);
    expect(sites.received.map((r) => r.body)).toContain(JSON.stringify({ title, secret }));
    const { text } = await stopAndExport(ext, popup, page, 'Swagger');

    expect(text).toContain('Request URL'); // Swagger's echo of the request was recorded
    expect(leaks(text, [name, token, title, secret])).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
