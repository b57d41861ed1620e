import { expect } from 'vitest';
import type { ElementIdentity } from '../../lib/contracts';
import { Overlay } from './pages/overlay';
import { SwaggerPage } from './pages/swagger-page';
import { test } from './support/fixtures';
import { recordOn } from './support/recording';

interface StoredAnnotation {
  kind: 'manual' | 'auto';
  detector: string | null;
  evidence: Record<string, unknown> | null;
  target: {
    selector: string;
    text: string;
    rect: { x: number; y: number; width: number; height: number };
    identity?: ElementIdentity;
  } | null;
}

const centre = (box: { x: number; y: number; width: number; height: number } | null) => ({
  x: box!.x + box!.width / 2,
  y: box!.y + box!.height / 2,
});

test('a pin on the icon of a button stores the identity of the button', async ({ demo, ext }) => {
  const { page, popup } = await recordOn(ext, `${demo.url}/payouts`, 'Identity');
  const overlay = await Overlay.attach(ext.context, page);
  await expect.poll(() => overlay.present()).toBe(true);

  await overlay.tag({
    key: '1',
    pinAt: centre(await page.locator('#export-csv svg').boundingBox()),
  });
  await overlay.tag({
    key: '2',
    pinAt: centre(await page.getByRole('link', { name: 'Settings' }).boundingBox()),
  });

  const [icon, link] = await ext.readStore<StoredAnnotation>('annotations', 'ts');
  // The selector finds what was pinned; the identity names the control it is part of.
  expect(icon!.target!.selector).toMatch(/svg/);
  expect(icon!.target!.identity).toEqual({
    id: 'export-csv',
    testId: null,
    role: 'button',
    name: 'Export CSV',
    label: null,
    text: 'Export CSV',
    path: 'main > button',
  });
  expect(link!.target!.identity).toEqual({
    id: null,
    testId: null,
    role: 'link',
    name: 'Settings',
    label: null,
    text: 'Settings',
    path: 'header > nav > ul > a',
  });
  expect(await page.locator(link!.target!.selector).textContent()).toBe('Settings');
  await popup.page.bringToFront();
  await popup.stop();
  await page.close();
});

test('a dead click on Swagger UI stores the clicked control as its target', async ({
  sites,
  ext,
}) => {
  const { page, popup } = await recordOn(ext, sites.swaggerUrl, 'Swagger identity');
  const swagger = new SwaggerPage(page);
  await swagger.waitForOperations();
  // "Copy path to clipboard" on an operation (shown on hover): nothing visible follows the click.
  const operation = page.locator('#operations-default-findUser');
  await operation.locator('.opblock-summary').hover();
  const copy = operation.getByRole('button', { name: 'Copy path to clipboard' });
  await expect.poll(async () => (await copy.boundingBox())?.width ?? 0).toBeGreaterThan(10);
  const box = (await copy.boundingBox())!;
  await copy.click();
  // A click is dead once the recording goes on past the wait with no answer.
  await page.waitForTimeout(1_500);
  await page.mouse.move(box.x + 200, box.y + 200, { steps: 5 });

  await expect
    .poll(
      async () =>
        (await ext.readStore<StoredAnnotation>('annotations')).find(
          (a) => a.detector === 'dead-click',
        ),
      { timeout: 10_000 },
    )
    .toBeTruthy();
  const dead = (await ext.readStore<StoredAnnotation>('annotations')).find(
    (a) => a.detector === 'dead-click',
  )!;
  expect(dead.target).toMatchObject({
    rect: { width: 0, height: 0 },
    identity: {
      id: null,
      testId: null,
      role: 'button',
      name: 'Copy path to clipboard',
      label: null,
    },
  });
  // The rect is the click's point, on the operation's summary line (the button itself slides in on hover).
  const line = (await operation.locator('.opblock-summary').boundingBox())!;
  const { x, y } = dead.target!.rect;
  expect(x >= line.x && x <= line.x + line.width && y >= line.y && y <= line.y + line.height).toBe(
    true,
  );
  expect(dead.target!.identity!.path).toMatch(/button$/);
  await popup.page.bringToFront();
  await popup.stop();
  await page.close();
});
