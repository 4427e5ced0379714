import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { countPixels, startApp, type RunningApp } from './harness';
import { loseContext } from './contextLoss';
import { smallChorusFile } from '../helpers/smallDataset';
import { parseStoryFile, storyFileText, type Story } from '../../shared/story/storyFile';

/**
 * Issue 13: a kiosk shows what its kiosk.json names — its own dataset and attract story — with the
 * camera locked where the configuration says so; a dataset or story it cannot use is logged and the
 * demo shown instead (a visitor never sees an error); and a lost WebGL context is drawn again within 2 s.
 */
const folder = mkdtempSync(join(tmpdir(), 'chorus-kiosk-content-'));
const datasetText = JSON.stringify(smallChorusFile({ neurons: 8, trialsPerSide: 12, sessions: 3, passive: true }));
writeFileSync(join(folder, 'exhibit.chorus.json'), datasetText);
writeFileSync(join(folder, 'broken.chorus.json'), '{"format": "chorus-dataset", "version": 1, "neurons": [');

/** A two-step story of the exhibit's dataset; `sha256` other than the file's makes it a story of another version. */
function exhibitStory(sha256: string): Story {
  const view = (position: number) => ({
    chorusView: 1 as const,
    dataset: 'small test file',
    condition: 'task',
    position,
    layout: 'anatomical' as const,
    camera: { position: [0, 1.2, 6] as [number, number, number], target: [3.5, 0, 0] as [number, number, number] },
    filter: { mode: 'top' as const, count: 300 },
    colourBy: 'relevance' as const,
    selection: null,
    viewMode: 'single' as const,
    theme: 'dark' as const,
  });
  return parseStoryFile(
    storyFileText({
      chorusStory: 1,
      title: 'The exhibit',
      dataset: { kind: 'files', name: 'small test file', files: [{ name: 'exhibit.chorus.json', bytes: Buffer.byteLength(datasetText), sha256 }] },
      steps: [
        { view: view(0), caption: 'Exhibit step one: the first day', notes: '', transition: { seconds: 1, easing: 'ease-in-out' }, playback: null, advanceAfterSeconds: null },
        { view: view(2), caption: 'Exhibit step two: the last day', notes: '', transition: { seconds: 1, easing: 'ease-in-out' }, playback: null, advanceAfterSeconds: null },
      ],
    }),
  );
}
const sha = createHash('sha256').update(datasetText).digest('hex');
writeFileSync(join(folder, 'exhibit.chorus-story.json'), storyFileText(exhibitStory(sha)));
writeFileSync(join(folder, 'other.chorus-story.json'), storyFileText(exhibitStory('0'.repeat(64))));

function kioskConfig(name: string, fields: object): string {
  const path = join(folder, `${name}.json`);
  writeFileSync(path, JSON.stringify({ chorusKiosk: 1, attractStepSeconds: 2, ...fields }));
  return path;
}

const running: RunningApp[] = [];
afterAll(async () => Promise.all(running.map((app) => app.close())));

/** A kiosk page on this configuration, once its attract loop shows; with the page's console warnings. */
async function kiosk(config: string): Promise<{ page: Page; warnings: string[]; errors: string[] }> {
  const app = await startApp({ kioskConfig: config });
  running.push(app);
  const page = await app.browser.newPage({ viewport: { width: 1024, height: 640 }, hasTouch: true });
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${app.url}?kiosk`);
  await page.getByRole('region', { name: 'Story' }).waitFor({ timeout: 90_000 });
  return { page, warnings, errors };
}

const status = (page: Page) => page.getByRole('status', { name: 'Current frame' }).innerText();
const story = (page: Page) => page.getByRole('region', { name: 'Story' }).innerText();
const camera = (page: Page) => page.locator('[data-scene]').getAttribute('data-camera');


describe('kiosk content', () => {
  it("shows kiosk.json's dataset and story on a loop, with the camera locked when interactions.camera is false", { timeout: 180_000 }, async () => {
    const { page, warnings, errors } = await kiosk(kioskConfig('exhibit', { dataset: 'exhibit.chorus.json', story: 'exhibit.chorus-story.json', interactions: { camera: false } }));
    expect(await story(page)).toMatch(/^Exhibit step (one|two)/);
    await expect.poll(() => story(page), { timeout: 30_000 }).toMatch(/^Exhibit step two: the last day/);
    await expect.poll(() => story(page), { timeout: 30_000 }).toMatch(/^Exhibit step one: the first day/);
    // The exhibit's 3 days, not the demo's 10.
    expect(await status(page)).toBe('Day 1 of 3 · Doing the task');
    await page.touchscreen.tap(500, 100);
    await page.getByRole('slider', { name: 'Learning' }).waitFor();
    const box = (await page.locator('[data-scene] canvas').boundingBox())!;
    const before = await camera(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(500);
    expect(await camera(page)).toBe(before);
    expect(warnings.filter((w) => /kiosk/.test(w))).toEqual([]);
    expect(errors).toEqual([]);

    // A lost WebGL context is drawn again within 2 s: restored by the browser, or never (a new canvas).
    // The camera is locked and a visit holds still: the same links are drawn before and after.
    const links = (await countPixels(page)).link;
    expect(links).toBeGreaterThan(500);
    const restored = await loseContext(page, 300);
    await expect.poll(async () => (await countPixels(page)).link, { timeout: 5000 }).toBeGreaterThan(links * 0.8);
    const replaced = await loseContext(page, null);
    await expect.poll(async () => (await countPixels(page)).link, { timeout: 5000 }).toBeGreaterThan(links * 0.8);
    console.log(`kiosk: network drawn again ${restored.toFixed(0)} ms after a restored context loss, ${replaced.toFixed(0)} ms after one never restored`);
    expect(restored).toBeLessThan(2000);
    expect(replaced).toBeLessThan(2000);
    expect(await page.evaluate(() => document.querySelectorAll('[data-scene] canvas').length)).toBe(1);
    // The kiosk says nothing of it to a visitor: no notice, no dialog.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a story of another version of the dataset is logged and the demo story is told on the exhibit', { timeout: 180_000 }, async () => {
    const { page, warnings } = await kiosk(kioskConfig('other-story', { dataset: 'exhibit.chorus.json', story: 'other.chorus-story.json' }));
    expect(await story(page)).toMatch(/neurons/);
    expect(await status(page)).toBe('Day 1 of 3 · Doing the task');
    expect(warnings.join('\n')).toMatch(/kiosk\.json story "other\.chorus-story\.json": this story is of exhibit\.chorus\.json .*other contents.*; the demo story is shown/);
  });

  it('a dataset that cannot be read is logged and the demo is shown', { timeout: 180_000 }, async () => {
    const { page, warnings, errors } = await kiosk(kioskConfig('broken', { dataset: 'broken.chorus.json' }));
    expect(await status(page)).toBe('Day 1 of 10 · Doing the task');
    expect(warnings.join('\n')).toMatch(/kiosk\.json dataset "broken\.chorus\.json": .*broken\.chorus\.json.*; the demo is shown/);
    expect(errors).toEqual([]);
  });
});
