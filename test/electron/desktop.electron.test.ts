/**
 * The desktop app end to end, in Electron (skipped with one line where no binary exists, as here):
 * a dataset opened through a stubbed native dialog, the recent list in the menu and in settings.json,
 * the single-instance hand-off of a second launch's file, navigation and window.open refused, and the menu.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
// @ts-expect-error -- plain ESM build script without type declarations
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { smallChorusFile } from '../helpers/smallDataset';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electron: { path: string | null; reason: string | null } = findElectronBinary(root);
if (!electron.path) console.warn(`Electron desktop tests skipped: ${electron.reason}.`);

let folder = '';
let app: ElectronApplication | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = '';
});

async function launch(...files: string[]) {
  folder = folder || mkdtempSync(join(tmpdir(), 'chorus-electron-'));
  app = await _electron.launch({ executablePath: electron.path!, args: [root, `--user-data-dir=${join(folder, 'user-data')}`, ...files] });
  const page = await app.firstWindow();
  await page.getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
  return page;
}

function datasetFile(name = 'day1.chorus.json'): string {
  folder = folder || mkdtempSync(join(tmpdir(), 'chorus-electron-'));
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(smallChorusFile({ neurons: 6, trialsPerSide: 10, sessions: 2 })));
  return path;
}

/** Clicks a menu item by its labels, as the user does. */
const clickMenu = (labels: string[]) =>
  app!.evaluate(({ Menu }, path) => {
    let items = Menu.getApplicationMenu()!.items;
    for (const label of path.slice(0, -1)) items = items.find((item) => item.label === label)!.submenu!.items;
    items.find((item) => item.label === path.at(-1))!.click();
  }, labels);

const menuLabels = (labels: string[]) =>
  app!.evaluate(({ Menu }, path) => {
    let items = Menu.getApplicationMenu()!.items;
    for (const label of path) items = items.find((item) => item.label === label)!.submenu!.items;
    return items.map((item) => item.label);
  }, labels);

describe.skipIf(!electron.path)('the desktop app in Electron', () => {
  it('File ▸ Open Dataset… opens the chosen file (dialog stubbed), read from main in slices, and lists it under Open Recent', async () => {
    const file = datasetFile();
    const page = await launch();
    await app!.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    }, file);
    await clickMenu(['File', 'Open Dataset…']);
    await page.getByRole('dialog', { name: 'Open dataset' }).waitFor({ timeout: 60_000 });
    expect(await menuLabels(['File', 'Open Recent'])).toContain(`day1.chorus.json — ${folder}`);
    const settings = JSON.parse(readFileSync(join(folder, 'user-data', 'settings.json'), 'utf8'));
    expect(settings.recent[0]).toMatchObject({ kind: 'dataset', path: file });
  });

  it('a file on the command line opens at start; a second launch hands its file to the running window and quits', async () => {
    const first = datasetFile('first.chorus.json');
    const page = await launch(first);
    await page.getByRole('dialog', { name: 'Open dataset' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    const second = datasetFile('second.chorus.json');
    const launched = spawn(electron.path!, [root, `--user-data-dir=${join(folder, 'user-data')}`, second]);
    const code = await new Promise<number | null>((resolve) => launched.on('exit', resolve));
    expect(code).toBe(0);
    await page.getByRole('dialog', { name: 'Open dataset' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('dialog', { name: 'Open dataset' }).textContent()).toContain('second.chorus.json');
    expect(app!.windows()).toHaveLength(1);
  });

  it('refuses navigation away and window.open; denies permissions', async () => {
    const page = await launch();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toMatch(/^chorus:\/\/app\//);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await page.evaluate(() => window.open('chorus://app/index.html?kiosk') === null)).toBe(true);
    expect(app!.windows()).toHaveLength(1);
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state)).not.toBe('granted');
  });

  it('the menu drives the page: View ▸ Theme ▸ Light, and the setting survives a restart', async () => {
    const page = await launch();
    await clickMenu(['View', 'Theme', 'Light']);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await expect.poll(() => JSON.parse(readFileSync(join(folder, 'user-data', 'settings.json'), 'utf8')).theme, { timeout: 5000 }).toBe('light');
    await app!.close();
    const again = await launch();
    await expect.poll(() => again.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });
});
