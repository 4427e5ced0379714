import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { appSession } from './harness';
import { frameDigests, hasFfmpeg, probeVideo } from './videoProbe';

/**
 * Issue 12, item 6: Export video… renders frame by frame at a size of its own, with progress and
 * Cancel; the same inputs give the same frames; a format the browser cannot encode is said, and the
 * other offered.
 */
const session = appSession();
const work = mkdtempSync(join(tmpdir(), 'chorus-video-'));
const ffmpeg = hasFfmpeg();
if (!ffmpeg) console.log('video export e2e: skipped the ffprobe checks: ffmpeg is not installed (apt-get install ffmpeg)');

/** Opens the dialog and sets up a short orbit video of the view on screen: 2 s at 24 fps, 640 × 360. */
async function orbitDialog(page: Page, seconds = 2) {
  await page.getByRole('button', { name: 'Export video…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export video' });
  await dialog.waitFor();
  await dialog.getByRole('radio', { name: /The view on screen over a run of sessions/ }).check();
  await dialog.getByLabel('From session').selectOption('1');
  await dialog.getByLabel('To session').selectOption('10');
  await dialog.getByLabel('Seconds').fill(String(seconds));
  await dialog.getByLabel('Orbit (degrees)').fill('60');
  await dialog.getByLabel('Video size').selectOption({ label: '640 × 360 (preview)' });
  await dialog.getByLabel('Frame rate').selectOption('24');
  await dialog.getByLabel('File type').selectOption('mp4');
  return dialog;
}

async function exportOnce(page: Page, name: string): Promise<string> {
  const dialog = await orbitDialog(page);
  await expect.poll(() => dialog.getByText(/^48 frames, 2 s of video at 640 × 360/).count()).toBe(1);
  const download = page.waitForEvent('download', { timeout: 300_000 });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  const path = join(work, name);
  await file.saveAs(path);
  await dialog.getByRole('status').getByText(/Saved .*: 48 frames/).waitFor({ timeout: 60_000 });
  expect(file.suggestedFilename()).toMatch(/^chorus-.*-sessions1-10\.mp4$/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  return path;
}

describe('Export video', () => {
  it('writes an orbit of the view as H.264 at the chosen size and rate, the same frames each time, and the view is as before', { timeout: 600_000 }, async () => {
    const page = session.page;
    const scene = page.getByRole('img', { name: /3D network/ });
    const cameraBefore = await page.locator('[data-scene]').first().getAttribute('data-camera');
    const first = await exportOnce(page, 'first.mp4');
    const second = await exportOnce(page, 'second.mp4');
    expect(readFileSync(first).subarray(4, 8).toString('latin1')).toBe('ftyp');
    // The view on screen is where it was: the video moved its own camera, not the user's.
    await expect.poll(() => page.locator('[data-scene]').first().getAttribute('data-camera')).toBe(cameraBefore);
    await expect(scene.isVisible()).resolves.toBe(true);
    if (ffmpeg) {
      expect(probeVideo(first)).toMatchObject({ codec: 'h264', width: 640, height: 360, fps: 24, frames: 48 });
      const [a, b] = [frameDigests(first), frameDigests(second)];
      expect(a).toHaveLength(48);
      expect(b).toEqual(a);
      // The frames move (the camera turns and the sessions play): no two neighbours alike at the ends.
      expect(a[0]).not.toBe(a[47]);
    }
    expect(session.errors).toEqual([]);
  });

  it('shows progress with the time left, and Cancel stops it with no file', { timeout: 300_000 }, async () => {
    const page = session.page;
    let downloads = 0;
    page.on('download', () => downloads++);
    const dialog = await orbitDialog(page, 60);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const progress = dialog.getByRole('progressbar', { name: 'Video progress' });
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 120_000 }).toBeGreaterThan(2);
    await expect.poll(() => dialog.getByText(/frame \d+ of 1440, .* left/).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel video' }).click();
    await dialog.getByText('The video was cancelled; nothing was saved.').waitFor({ timeout: 60_000 });
    expect(downloads).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The workspace is painted again.
    expect(await page.getByRole('button', { name: 'Export video…' }).isVisible()).toBe(true);
  });

  it('says when this browser cannot encode H.264, and offers WebM', { timeout: 180_000 }, async () => {
    const browser = session.page.context().browser()!;
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    // A browser without an H.264 encoder (as some Linux builds are).
    await context.addInitScript(() => {
      const original = VideoEncoder.isConfigSupported.bind(VideoEncoder);
      VideoEncoder.isConfigSupported = async (config) => (config.codec.startsWith('avc') ? { supported: false, config } : original(config));
    });
    const page = await context.newPage();
    try {
      await page.goto(session.page.url().split('#')[0]!);
      await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
      await page.getByRole('button', { name: 'Export video…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export video' });
      const alert = dialog.getByRole('alert');
      await alert.getByText(/cannot encode MP4 \(H\.264\) video at this size and frame rate\. WebM \(VP9\) works here/).waitFor({ timeout: 30_000 });
      expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isDisabled()).toBe(true);
      expect(await dialog.getByLabel('File type').locator('option[value="mp4"]').textContent()).toMatch(/not available here/);
      await alert.getByRole('button', { name: 'Use WebM (VP9)' }).click();
      expect(await dialog.getByLabel('File type').inputValue()).toBe('webm');
      await alert.waitFor({ state: 'detached' });
      expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
