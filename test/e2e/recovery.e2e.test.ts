import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appSession, chooseFiles, countPixels } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';

/** Recovery and cancellation in the app (issue 16, item 7): a lost WebGL context, a cancelled large read, a double click. */
// Counts the page's Workers started and ended, so a test can see that a cancelled read's worker ended.
const session = appSession(async (page) => {
  await page.addInitScript(() => {
    const Native = window.Worker;
    const counts = { started: 0, ended: 0 };
    (window as unknown as { workerCounts: typeof counts }).workerCounts = counts;
    window.Worker = class extends Native {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        counts.started++;
      }
      override terminate(): void {
        counts.ended++;
        super.terminate();
      }
    };
  });
  await page.reload();
  await page.getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 90_000 });
});
const workerCounts = () => session.page.evaluate(() => (window as unknown as { workerCounts: { started: number; ended: number } }).workerCounts);
const dialog = () => session.page.getByRole('dialog', { name: 'Open dataset' });
const openButton = () => dialog().getByRole('button', { name: 'Open', exact: true });

describe('recovery', () => {
  it('a WebGL context that is lost and not restored is replaced: the network is drawn again and a notice says so', async () => {
    const { page } = session;
    await expect.poll(async () => (await countPixels(page)).drawn).toBeGreaterThan(1000);
    // Lose the context for good (no restoreContext): as after a GPU reset the browser gives up on.
    await page.evaluate(() => {
      const canvas = document.querySelector('[data-scene] canvas') as HTMLCanvasElement;
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGL2RenderingContext;
      gl.getExtension('WEBGL_lose_context')!.loseContext();
    });
    await expect.poll(() => page.getByRole('status', { name: 'The graphics were reset' }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await countPixels(page)).drawn, { timeout: 30_000 }).toBeGreaterThan(1000);
    expect(await page.evaluate(() => document.querySelectorAll('[data-scene] canvas').length)).toBe(1);
    await page.getByRole('status', { name: 'The graphics were reset' }).getByRole('button').first().click();
  });

  it('a double click on "Open dataset…" opens one file chooser', async () => {
    const { page } = session;
    let choosers = 0;
    const count = () => choosers++;
    page.on('filechooser', count);
    const first = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open dataset…' }).dblclick();
    const file = JSON.stringify(smallChorusFile());
    await (await first).setFiles({ name: 'small.chorus.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect.poll(() => openButton().isEnabled(), { timeout: 60_000 }).toBe(true);
    page.off('filechooser', count);
    expect(choosers).toBe(1);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('Cancel stops a large read at once: the next small file previews without waiting for it', async () => {
    const { page } = session;
    // ~200 MB of long-format CSV: reading and parsing it takes far longer than the small preview below.
    const folder = mkdtempSync(join(tmpdir(), 'chorus-large-'));
    const large = join(folder, 'large.csv');
    const row = 'day1,task,1,1,-5,0,stimulus,0,1,n1,12.5\n';
    writeFileSync(large, `session,condition,order,trial,stimulus,choice,epoch,epoch_start,epoch_end,neuron,response\n${row.repeat(Math.ceil(200e6 / row.length))}`);
    try {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Open dataset…' }).click();
      await (await chooser).setFiles(large);
      await dialog().waitFor();
      const before = await workerCounts();
      await dialog().getByRole('button', { name: 'Cancel' }).click();
      await dialog().waitFor({ state: 'detached' });
      // The worker reading the large file ended with the dialog (a cancel message could not reach its parse).
      expect((await workerCounts()).ended).toBe(before.ended + 1);
      await chooseFiles(page, [{ name: 'small.chorus.json', buffer: Buffer.from(JSON.stringify(smallChorusFile())) }]);
      await expect.poll(() => openButton().isEnabled(), { timeout: 30_000 }).toBe(true);
      await dialog().getByRole('button', { name: 'Cancel' }).click();
      // The demo stays on screen throughout.
      expect(await page.getByRole('img', { name: /3D network of 120 neurons/ }).count()).toBe(1);
      expect(session.errors).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
