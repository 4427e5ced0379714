import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appSession } from './harness';
import { MENU_COMMANDS, type MenuCommand, type OpenRequest } from '../../shared/platform/chorusApi';

/**
 * The desktop menu's commands and main's requests to open files, in the web build: each goes through the
 * page's own handlers (renderer/ui/menuCommands.ts), reached here by the events the web platform listens
 * to where Electron's preload listens to IPC. Every command is exercised and its effect seen.
 */
const session = appSession();
const page = () => session.page;
const send = (command: MenuCommand) => page().evaluate((c) => window.dispatchEvent(new CustomEvent('chorus:menu-command', { detail: c })), command);
const ask = (request: OpenRequest | Record<string, unknown>) => page().evaluate((r) => window.dispatchEvent(new CustomEvent('chorus:open-request', { detail: r })), request);
const exercised = new Set<MenuCommand>();
const run = async (command: MenuCommand) => {
  exercised.add(command);
  await send(command);
};

describe('menu commands in the page', () => {
  it('View: layouts, single / split / difference, theme and play', async () => {
    await run('layout-functional');
    await expect.poll(() => page().getByLabel('Layout').inputValue()).toBe('functional');
    await run('layout-tuning');
    await expect.poll(() => page().getByLabel('Layout').inputValue()).toBe('tuning');
    await run('layout-anatomical');
    await expect.poll(() => page().getByLabel('Layout').inputValue()).toBe('anatomical');
    for (const [command, mode] of [['view-split', 'split'], ['view-difference', 'difference'], ['view-single', 'single']] as const) {
      await run(command);
      await expect.poll(() => page().getByRole('combobox', { name: 'View', exact: true }).inputValue()).toBe(mode);
    }
    await run('theme-light');
    await expect.poll(() => page().evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await run('theme-dark');
    await expect.poll(() => page().evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const play = page().getByRole('group', { name: 'Playback' }).getByRole('button', { name: /^(Play|Pause)$/ });
    const before = await play.getAttribute('aria-pressed');
    await run('toggle-play');
    await expect.poll(() => play.getAttribute('aria-pressed')).not.toBe(before);
    await run('toggle-play');
    await expect.poll(() => play.getAttribute('aria-pressed')).toBe(before);
  });

  it('File: the pickers open (dataset, folder, view, story), Save View downloads, Export Image starts and cancels', async () => {
    // The folder picker last: it cannot be answered with no folder, so it is left open (a reload clears it).
    for (const command of ['open-dataset', 'open-view', 'open-story', 'open-folder'] as const) {
      const chooser = page().waitForEvent('filechooser', { timeout: 10_000 });
      await run(command);
      const picker = await chooser;
      expect(picker.isMultiple(), command).toBe(command === 'open-dataset' || command === 'open-folder');
      if (command !== 'open-folder') await picker.setFiles([]);
    }
    const download = page().waitForEvent('download');
    await run('save-view');
    expect((await download).suggestedFilename()).toMatch(/\.chorus-view\.json$/);
    await run('export-image');
    const saving = page().getByRole('status', { name: 'Saving the image' });
    await saving.waitFor();
    await saving.getByRole('button', { name: 'Cancel image' }).click();
    await saving.waitFor({ state: 'detached' });
    await run('export-video');
    const video = page().getByRole('dialog', { name: /video/i });
    await video.waitFor();
    await page().keyboard.press('Escape');
    await video.waitFor({ state: 'detached' });
  });

  it('the explorer, the presentation and the demo', async () => {
    await run('explore');
    await page().getByRole('region', { name: 'Hypothesis explorer' }).waitFor();
    await run('load-demo');
    await page().getByRole('region', { name: 'Hypothesis explorer' }).waitFor({ state: 'detached' });
    await page().getByRole('status', { name: 'Current frame' }).waitFor();
    await run('present');
    await page().getByRole('region', { name: 'Presentation' }).waitFor();
    await page().keyboard.press('Escape');
    await page().getByRole('region', { name: 'Presentation' }).waitFor({ state: 'detached' });
  });

  it('every menu command was exercised above', () => {
    expect([...exercised].sort()).toEqual([...MENU_COMMANDS].sort());
  });
});

describe("main's requests to open files and links", () => {
  it('a view (file or chorus:// link) applies; what cannot open is said; an invalid request is ignored', async () => {
    const download = page().waitForEvent('download');
    await page().getByRole('button', { name: 'Save view' }).click();
    const saved = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as Record<string, unknown>;
    expect(await page().getByLabel('Layout').inputValue()).toBe('anatomical');
    await ask({ kind: 'view', file: { name: 'fig.chorus-view.json', text: JSON.stringify({ ...saved, layout: 'functional' }) } });
    await expect.poll(() => page().getByLabel('Layout').inputValue()).toBe('functional');
    await ask({ kind: 'view-link', hash: `#view=${encodeURIComponent(JSON.stringify({ ...saved, layout: 'tuning' }))}` });
    await expect.poll(() => page().getByLabel('Layout').inputValue()).toBe('tuning');

    await ask({ kind: 'view-link', hash: '#view=%7Bnot' });
    await page().getByRole('alert', { name: 'Could not open the chorus:// link' }).waitFor();
    await ask({ kind: 'problem', title: 'Could not open v4.nwb', lines: ['It is no longer there; it was taken off the recent list.'] });
    await expect.poll(() => page().getByRole('alert', { name: 'Could not open v4.nwb' }).textContent()).toContain('It is no longer there');
    await ask({ kind: 'dataset', files: [{ name: 'v4.nwb', size: 10, token: '0'.repeat(32) }] });
    await expect.poll(() => page().getByRole('alert', { name: 'Could not read the dataset' }).textContent()).toContain('no such file was chosen');
    // Not an open request: dropped by the schema, as the preload drops a malformed IPC message.
    await ask({ kind: 'problem', title: 42 });
    await ask({ kind: 'view', file: { name: 'x', text: JSON.stringify({ ...saved, layout: 'anatomical' }) }, extra: true });
    await page().waitForTimeout(300);
    expect(await page().getByLabel('Layout').inputValue()).toBe('tuning');
    expect(session.errors).toEqual([]);
  });
});

describe('settings in the web build', () => {
  it('the theme, layout and link filter survive a reload; a corrupt settings entry is set aside with a notice', async () => {
    await page().getByLabel('Theme').selectOption('light');
    await page().getByLabel('Links per frame').fill('120');
    await expect.poll(() => page().evaluate(() => JSON.parse(localStorage.getItem('chorus.settings') ?? '{}').linkFilter?.count), { timeout: 5000 }).toBe(120);
    // Without the view in the address (#view=…, the web build's own view link), only the settings carry over.
    const reopen = () => page().goto(page().url().split('#')[0]!);
    await reopen();
    await page().getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
    await expect.poll(() => page().evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await page().getByLabel('Layout').inputValue()).toBe('tuning');
    expect(await page().getByLabel('Links per frame').inputValue()).toBe('120');

    await page().evaluate(() => localStorage.setItem('chorus.settings', '{"version": 1, "theme": "li'));
    await reopen();
    const notice = page().getByRole('status', { name: /^Some settings in this browser.s storage could not be used$/ });
    await expect.poll(() => notice.textContent(), { timeout: 90_000 }).toMatch(/not JSON/);
    expect(await page().evaluate(() => localStorage.getItem('chorus.settings.bak'))).toBe('{"version": 1, "theme": "li');
    expect(await page().evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });
});
