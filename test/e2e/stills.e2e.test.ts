import { describe, expect, it } from 'vitest';
import { appSession } from './harness';

/**
 * Issue 11, item 6: a still is rendered in tiles with the page running between them — the progress
 * moves while it renders and Cancel stops it with no file — and shows what the screen shows.
 */
const session = appSession();

describe('Save image', () => {
  it('at 4×, the progress moves while the still renders (the page is not frozen), and Cancel stops it with no file', async () => {
    const page = session.page;
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByLabel('Image size').selectOption('4');
    await page.getByRole('button', { name: 'Save image' }).click();
    const progress = page.getByRole('progressbar', { name: 'Image progress' });
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 }).toBeGreaterThan(0);
    const first = Number(await progress.getAttribute('value'));
    // The page updated its own progress bar during the still: it ran between tiles.
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 }).toBeGreaterThan(first);
    expect(await page.getByRole('button', { name: 'Save image' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel image' }).click();
    await progress.waitFor({ state: 'detached' });
    expect(downloads).toBe(0);
    expect(await page.getByRole('button', { name: 'Save image' }).isEnabled()).toBe(true);
  });

  it('at 1×, with a neuron selected, the still arrives with its size and playback resumes after it', async () => {
    const page = session.page;
    await page.getByLabel('Image size').selectOption('1');
    await page.getByLabel('Inspect neuron').selectOption({ index: 1 });
    await page.getByRole('button', { name: /^(Play|Pause)$/ }).click();
    const download = page.waitForEvent('download', { timeout: 300_000 });
    await page.getByRole('button', { name: 'Save image' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^chorus-.*-1x\.png$/);
    await expect.poll(() => page.getByRole('button', { name: /^(Play|Pause)$/ }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: /^(Play|Pause)$/ }).click();
    expect(session.errors).toEqual([]);
  });
});
