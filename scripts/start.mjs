// npm start: build the extension, serve the demo product, open Chromium with
// the extension loaded. `npm start -- --headless` (or no display) runs a short
// scripted session instead and writes its bundle and a screenshot of the
// review page to demo-output/.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startDemoServer } from '../demo/server.mjs';
import { buildExtension } from './build-extension.mjs';
import { EXTENSION_DIR, launchWithExtension, pinExtension, TEST_EXTENSION_DIR } from './launch.mjs';
import { findChrome } from './find-chrome.mjs';
import { openPopup, startQuickSession, stopSession } from './popup-driver.mjs';

const OUTPUT_DIR = resolve('demo-output');
const PROFILE_DIR = resolve('.chromium-profile');

function build(testVariant) {
  console.log(
    `Building the extension${testVariant ? ' (test variant with loopback access granted)' : ''}…`,
  );
  buildExtension({ env: testVariant ? { SG_TEST_HOSTS: '1' } : {} });
}

async function interactive(demo) {
  build(false);
  await pinExtension(PROFILE_DIR, EXTENSION_DIR);
  const { context } = await launchWithExtension({
    extensionDir: EXTENSION_DIR,
    profileDir: PROFILE_DIR,
    headless: false,
    viewport: null,
    args: ['--start-maximized'],
    closeOnSignals: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${demo.url}/`);
  console.log(`
Study Group is loaded in Chromium (profile kept in ${PROFILE_DIR}).
  Demo product:  ${demo.url}/
  Help center:   ${demo.partnerUrl}/  (another origin: never recorded)
Click the Study Group button in the toolbar, then "Start session".
Close the browser window or press Ctrl+C to stop.`);
  await new Promise((done) => context.on('close', done));
}

async function scripted(demo) {
  build(true);
  await mkdir(OUTPUT_DIR, { recursive: true });
  const { context, extensionId } = await launchWithExtension({ extensionDir: TEST_EXTENSION_DIR });
  const ext = (path) => `chrome-extension://${extensionId}/${path}`;
  try {
    const page = await context.newPage();
    await page.goto(`${demo.url}/`);
    const popup = await openPopup(context, extensionId);
    await startQuickSession(popup, {
      title: 'Get paid online (scripted demo)',
      participant: 'Demo baker',
    });
    await popup.screenshot({ path: `${OUTPUT_DIR}/popup-recording.png` });
    console.log('Recording a short session on the demo product…');

    await page.bringToFront();
    const recording = () =>
      page.waitForFunction(
        () => document.documentElement.getAttribute('data-study-group') === 'recording',
      );
    for (const path of [
      '/signup',
      '/dashboard',
      '/payments',
      '/settings',
      '/payouts',
      '/dashboard',
    ]) {
      await page.goto(`${demo.url}${path}`);
      await recording();
      if (path === '/settings') await page.locator('#statementDescriptor').fill('CRUMB DEMO');
      if (path === '/payments') {
        await page.getByRole('link', { name: 'Create payment link' }).click();
        await page.waitForURL(/\/payments\/new$/);
      }
      await page.waitForTimeout(700);
    }
    await page.waitForTimeout(1_200);

    await popup.bringToFront();
    await stopSession(popup);

    const review = await context.newPage();
    await review.setViewportSize({ width: 1440, height: 1000 });
    await review.goto(ext('review.html'));
    await review.getByRole('checkbox', { name: 'Select all sessions' }).check();
    const [download] = await Promise.all([
      review.waitForEvent('download'),
      review.getByRole('button', { name: 'Export bundle' }).click(),
    ]);
    const bundlePath = `${OUTPUT_DIR}/${download.suggestedFilename()}`;
    await download.saveAs(bundlePath);
    await review.getByRole('button', { name: 'Get paid online (scripted demo)' }).click();
    await review
      .frameLocator('iframe.player__frame')
      .locator('.replayer-wrapper iframe')
      .waitFor({ state: 'attached' });
    await review.waitForTimeout(1_000);
    const screenshotPath = `${OUTPUT_DIR}/review.png`;
    await review.screenshot({ path: screenshotPath, fullPage: true });
    console.log(`
Done. Wrote:
  ${bundlePath}  (the exported session bundle; import it in any Study Group)
  ${screenshotPath}  (the review page replaying it)
  ${OUTPUT_DIR}/popup-recording.png  (the popup while recording)`);
  } finally {
    await context.close();
  }
}

const headless =
  process.argv.includes('--headless') ||
  (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
if (headless && !process.argv.includes('--headless')) {
  console.log('No display found: running the scripted headless demo (npm start -- --headless).');
}

findChrome(); // fail early, with install instructions, when there is no browser
const demo = await startDemoServer({ port: 4173, partnerPort: 4174 }).catch(() =>
  startDemoServer(),
);
try {
  await (headless ? scripted(demo) : interactive(demo));
} finally {
  await demo.close();
}
