import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
// @ts-expect-error -- plain ESM build script without type declarations
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electron: { path: string | null; reason: string | null } = findElectronBinary(root);
if (!electron.path) console.warn(`Electron end-to-end tests skipped: ${electron.reason}.`);

describe.skipIf(!electron.path)('Chorus in Electron', () => {
  it('opens one sandboxed window that shows the demo network through window.chorus', async () => {
    const app = await _electron.launch({ executablePath: electron.path!, args: [root] });
    try {
      const page = await app.firstWindow();
      await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
      expect(await page.title()).toBe('Chorus');
      expect(await page.evaluate(() => window.chorus?.platform)).toBe('electron');
      // No Node in the page: contextIsolation + sandbox + nodeIntegration false.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => location.protocol)).toBe('chorus:');
      const info = await page.evaluate(() => window.chorus!.appInfo());
      expect(info.platform).toBe('electron');
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
