import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { appSession, chooseFiles, openFromDialog, settledPixels } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';
import { aView } from '../helpers/viewFiles';

/**
 * Views and names from strangers (issue 16): a #view= link of another dataset, one that cannot be read,
 * one naming what the dataset lacks, a view file with a camera at 1e308, and a neuron id with a
 * right-to-left override. Each is said in a notice that stays, keeps the stage drawn, or is isolated.
 */
const session = appSession();

const status = (page: Page) => page.getByRole('status', { name: 'Current frame' });
const hashOf = (page: Page) => new URL(page.url()).hash;
const origin = () => new URL(session.page.url()).origin;
const linkTo = (view: object | string) => `${origin()}/#view=${encodeURIComponent(typeof view === 'string' ? view : JSON.stringify(view))}`;

/**
 * The app reloaded at `url` (in the same page: a second page beside it would double the work of two
 * slow cores), once its dataset (the demo) is on screen and analysed.
 */
async function reopenAt(url: string): Promise<Page> {
  const page = session.page;
  // By way of a blank page: from the app's own address, a new #view= alone would not reload it.
  await page.goto('about:blank');
  await page.goto(url);
  await status(page).waitFor({ timeout: 90_000 });
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 90_000 });
  return page;
}

/** Switches the layout and waits until the scene has finished moving: long past the URL's 300 ms debounce. */
async function changeLayout(page: Page, layout: 'functional' | 'anatomical'): Promise<void> {
  await page.getByLabel('Layout').selectOption(layout);
  await expect.poll(() => page.getByRole('img', { name: /3D network/ }).getAttribute('data-layout'), { timeout: 30_000 }).toBe(layout);
}

const small = smallChorusFile({ neurons: 4, trialsPerSide: 12, sessions: 2 });
const smallView = aView({ dataset: 'small test file', position: 1, layout: 'tuning', selection: { kind: 'neuron', id: 'n2' } });
/** A view of the demo (its first frame, nothing selected), to be spoilt one field at a time. */
const demoView = { ...smallView, dataset: 'Simulated V4 learning (seed 1)', position: 0, layout: 'anatomical', selection: null };

describe('#view= links', () => {
  it('a view of another dataset is said, and the notice stays (the link too) until that dataset opens', async () => {
    const link = linkTo(smallView);
    const page = await reopenAt(link);
    const notice = page.getByRole('status', { name: 'The view in this link is of another dataset' });
    // The demo has loaded and cleared its own notices: this one is still there.
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain('Open "small test file" to see it');
    await changeLayout(page, 'functional');
    expect(await notice.count()).toBe(1);
    expect(page.url()).toBe(link);

    await chooseFiles(page, [{ name: 'small.chorus.json', buffer: Buffer.from(JSON.stringify(small)) }]);
    await openFromDialog(page);
    await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toBe('Session 2 of 2 · stimulus · task');
    expect(await notice.count()).toBe(0);
    expect(await page.getByLabel('Layout').inputValue()).toBe('tuning');
    expect(await page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 3 }).textContent()).toBe('Neuron n2');
  });

  it('a link that cannot be read is said; the URL keeps it until the notice is dismissed', async () => {
    const broken = linkTo('{"chorusView": 1, "dataset": "x", "camera": [');
    const page = await reopenAt(broken);
    const notice = page.getByRole('status', { name: 'The view in this link could not be read' });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/#view=: not valid JSON: /);
    await changeLayout(page, 'functional');
    expect(page.url()).toBe(broken);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await changeLayout(page, 'anatomical');
    await expect.poll(() => hashOf(page)).toMatch(/^#view=%7B%22chorusView%22%3A1%2C%22dataset%22/);
  });

  it('a link naming what the dataset lacks is applied as far as it fits, and the rest is said', async () => {
    const view = { ...demoView, condition: 'sleep', selection: { kind: 'neuron', id: 'no such neuron' } };
    const page = await reopenAt(linkTo(view));
    const notice = page.getByRole('status', { name: 'Parts of the view in this link were not applied' });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/condition "sleep" is not in this dataset .*neuron "no such neuron" is not in this dataset; nothing is selected/);
  });
});

describe('a view file', () => {
  it('with the camera at 1e308 leaves the stage drawn, and says the camera was brought closer', async () => {
    const view = { ...demoView, camera: { position: [1e308, 1e308, 1e308], target: [0, 0, 0] } };
    const file = join(mkdtempSync(join(tmpdir(), 'chorus-view-')), 'far.chorus-view.json');
    writeFileSync(file, JSON.stringify(view));
    const chooser = session.page.waitForEvent('filechooser');
    await session.page.getByRole('button', { name: 'Open view…' }).click();
    await (await chooser).setFiles(file);
    const notice = session.page.getByRole('status', { name: 'Parts of the view far.chorus-view.json were not applied' });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/the camera at \(1\.00e\+308, .*could not see the network .*it was brought closer/);
    expect((await settledPixels(session.page)).drawn).toBeGreaterThan(0);
    const camera = JSON.parse((await session.page.locator('[data-scene="main"]').getAttribute('data-camera'))!) as { position: number[] };
    expect(camera.position.every((v) => Number.isFinite(v) && Math.abs(v) <= 100)).toBe(true);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
  });
});

describe('names with right-to-left overrides', () => {
  it('a neuron id with U+202E is shown isolated: in the inspector, the scene label and the dialog', async () => {
    const id = '\u202Egnp.exe';
    const file = { ...small, neurons: small.neurons.map((n, i) => (i === 0 ? { ...n, id } : n)) };
    await chooseFiles(session.page, [{ name: '\u202Egnp.chorus.json', buffer: Buffer.from(JSON.stringify(file)) }]);
    const dialog = session.page.getByRole('dialog', { name: 'Open dataset' });
    const fileName = dialog.locator('.dialog-files bdi');
    expect(await fileName.textContent()).toBe('\u202Egnp.chorus.json');
    await openFromDialog(session.page);
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent(), { timeout: 60_000 }).toBe('small test file');
    // The first neuron (value 0) is the one with the override.
    await session.page.getByLabel('Inspect neuron').selectOption('0');
    const heading = session.page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 3 });
    await expect.poll(() => heading.textContent()).toBe(`Neuron ${id}`);
    const shown = heading.locator('bdi');
    expect(await shown.textContent()).toBe(id);
    expect(await shown.evaluate((element) => [element.tagName, getComputedStyle(element).unicodeBidi])).toEqual(['BDI', 'isolate']);
    // The selected neuron's label in the scene (a span drawn over the canvas).
    const label = session.page.locator('[data-scene="main"] .node-label.selected');
    await expect.poll(() => label.allTextContents()).toEqual([id]);
    expect(await label.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');
    expect(session.errors).toEqual([]);
  });
});
