// Regenerates the screenshots in docs/: the demo at the last task session, pre-decision epoch, summary
// complete (screenshot.png), the inspector's population view (population.png), then the inspector on the
// most task-relevant neuron, the split and the difference views, the functional layout in the light
// theme, the dataset dialog and the hypothesis explorer; then the talk: presentation mode on the demo
// story's fifth step and the presenter view beside it (presentation.png, presenter-view.png); then the
// kiosk's attract loop and a visit (kiosk-attract.png, kiosk-visit.png).
//   node scripts/screenshot.mjs [--talk | --kiosk]   (only those; needs a Chromium: CHORUS_CHROMIUM or /usr/bin/chromium)
import { fileURLToPath } from 'node:url';
import { launchChromium, serveBuiltApp } from './builtApp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { server, url } = await serveBuiltApp();
const browser = await launchChromium();
const talkOnly = process.argv.includes('--talk');
const kioskOnly = process.argv.includes('--kiosk');

/** The kiosk at 1920 × 1080 with touch: its attract loop, then a visit on day 10 with a neuron tapped. */
async function kioskShots() {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
  await page.goto(`${url}?kiosk`);
  await page.getByRole('region', { name: 'Story' }).waitFor({ timeout: 90_000 });
  await page.waitForTimeout(3000);
  await page.screenshot({ path: `${root}docs/kiosk-attract.png` });
  await page.touchscreen.tap(960, 160);
  await page.getByRole('slider', { name: 'Learning' }).fill('10');
  await page.waitForTimeout(2500);
  const label = page.locator('.node-labels span:not([hidden])').first();
  const box = await label.boundingBox();
  await page.touchscreen.tap(box.x - 8, box.y + 8);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${root}docs/kiosk-visit.png` });
  console.log('wrote docs/kiosk-attract.png and docs/kiosk-visit.png');
  await page.close();
}

/** Presentation mode at the demo story's fifth step (day 10), and the presenter view that follows it. */
async function talkShots() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Present' }).click();
  const status = page.getByRole('status', { name: 'Presentation status' });
  for (let k = 1; k < 5; k++) await page.keyboard.press('PageDown');
  await page.waitForFunction(() => /^Step 5 of/.test(document.querySelector('[aria-label="Presentation status"]')?.textContent ?? ''));
  await status.waitFor();
  const opened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Presenter view' }).click();
  const presenter = await opened;
  await presenter.setViewportSize({ width: 1100, height: 640 });
  await presenter.getByRole('status', { name: 'Presenter status' }).waitFor();
  await page.waitForTimeout(4000); // the step's transition, and the controls' fade
  await page.mouse.move(10, 360);
  await page.screenshot({ path: `${root}docs/presentation.png` });
  await presenter.screenshot({ path: `${root}docs/presenter-view.png` });
  console.log('wrote docs/presentation.png and docs/presenter-view.png');
  await page.close();
}

try {
  if (talkOnly || kioskOnly) {
    await (talkOnly ? talkShots() : kioskShots());
    process.exit(0);
  }
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(url);
  await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 90_000 });
  // The statistics pass (intervals, tests) follows the network; wait for it so the summary is complete.
  await page.getByRole('progressbar', { name: 'Statistics progress' }).waitFor({ timeout: 30_000 });
  await page.getByRole('progressbar', { name: 'Statistics progress' }).waitFor({ state: 'detached', timeout: 300_000 });
  await page.getByLabel('Epoch').selectOption({ label: 'pre-decision' });
  await page.getByRole('slider', { name: 'Session' }).fill('10');
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `${root}docs/screenshot.png` });
  const shot = async (name) => {
    await page.waitForTimeout(2000);
    await page.screenshot({ path: `${root}docs/${name}` });
    console.log(`wrote docs/${name}`);
  };
  console.log('wrote docs/screenshot.png');
  // Nothing picked: the inspector shows the population with its decoder checks.
  await page.getByRole('region', { name: 'Inspector' }).screenshot({ path: `${root}docs/population.png` });
  console.log('wrote docs/population.png');
  await page.getByLabel('Inspect neuron').selectOption({ index: 1 });
  await shot('inspector.png');
  await page.getByRole('combobox', { name: 'View', exact: true }).selectOption('split');
  await shot('split-view.png');
  await page.getByRole('combobox', { name: 'View', exact: true }).selectOption('difference');
  await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Clear selection' }).click();
  await shot('difference-view.png');
  await page.getByRole('combobox', { name: 'View', exact: true }).selectOption('single');
  await page.getByLabel('Layout').selectOption('functional');
  await page.getByLabel('Theme').selectOption('light');
  await shot('functional-light.png');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Layout').selectOption('anatomical');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open dataset…' }).click();
  const csv = ['session,condition,order,trial,stimulus,choice,epoch,neuron,response'];
  for (let day = 1; day <= 2; day++) for (let t = 0; t < 40; t++) for (let n = 0; n < 6; n++) csv.push(`day${day},task,${day},${t},${t % 2 ? 1 : -1},${(t + n) % 2},stimulus,cell${n},${(n + 1) * (t % 7) + (t % 2) * (n + 2)}`);
  await (await chooser).setFiles({ name: 'rig-A-week1.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv.join('\n')}\n`) });
  await page.getByRole('dialog', { name: 'Open dataset' }).getByRole('button', { name: 'Open', exact: true }).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('[role="dialog"] button')].some((b) => b.textContent === 'Open' && !b.disabled));
  await shot('dataset-dialog.png');
  // The hypothesis explorer with both models on its chart.
  await page.goto(`${url}?explore`);
  const status = page.getByRole('status', { name: 'Explorer status' });
  await page.waitForFunction(() => /Simulated and analysed in/.test(document.querySelector('[aria-label="Explorer status"]')?.textContent ?? ''), null, { timeout: 120_000 });
  const before = await status.textContent();
  await page.getByRole('checkbox', { name: 'Both side by side on the chart' }).check();
  await page.waitForFunction((previous) => {
    const text = document.querySelector('[aria-label="Explorer status"]')?.textContent ?? '';
    return /Simulated and analysed in/.test(text) && text !== previous;
  }, before, { timeout: 120_000 });
  await shot('explorer.png');
  await talkShots();
  await kioskShots();
} finally {
  await browser.close();
  server.close();
}
