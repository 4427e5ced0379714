import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsFile } from '../../../electron/settingsFile';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../shared/desktop/settings';

let folder = '';
afterEach(() => rmSync(folder, { recursive: true, force: true }));
const fresh = () => (folder = mkdtempSync(join(tmpdir(), 'chorus-settings-')));

describe('settings.json in the user-data folder', () => {
  it('starts from the defaults, writes what changes, and reads it back at the next start', () => {
    const file = join(fresh(), 'nested', 'settings.json');
    const first = new SettingsFile(file);
    expect(first.load()).toEqual(DEFAULT_SETTINGS);
    expect(existsSync(file)).toBe(false);
    first.update({ theme: 'light', windowBounds: { x: 0, y: 0, width: 1000, height: 700, maximized: true } });
    const next = new SettingsFile(file);
    expect(next.load()).toMatchObject({ theme: 'light', windowBounds: { maximized: true } });
    expect(next.forPage().notice).toBeNull();
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('a corrupt file is kept as settings.json.bak and replaced by the defaults, with a notice once', () => {
    const file = join(fresh(), 'settings.json');
    writeFileSync(file, '{"version": 1, "theme": "li');
    const logged: string[] = [];
    const settings = new SettingsFile(file, (line) => logged.push(line));
    expect(settings.load()).toEqual(DEFAULT_SETTINGS);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('{"version": 1, "theme": "li');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_SETTINGS);
    const { notice } = settings.forPage();
    expect(notice?.title).toBe(`Some settings in ${file} could not be used`);
    expect(notice?.lines.join('\n')).toMatch(/not JSON[\s\S]*kept as .*settings\.json\.bak/);
    expect(settings.forPage().notice).toBeNull();
    expect(logged[0]).toMatch(/settings: .*not JSON/);
    // The next start reads the replaced file without a word.
    const again = new SettingsFile(file);
    again.load();
    expect(again.forPage().notice).toBeNull();
  });

  it('a file of a newer Chorus is set aside, not overwritten in place', () => {
    const file = join(fresh(), 'settings.json');
    const newer = JSON.stringify({ version: SETTINGS_VERSION + 1, theme: 'light', shiny: true });
    writeFileSync(file, newer);
    const settings = new SettingsFile(file);
    expect(settings.load().theme).toBe('dark');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(newer);
    expect(settings.forPage().notice?.lines[0]).toMatch(/newer Chorus/);
  });

  it('one bad field: the rest is kept, the field named, the original backed up', () => {
    const file = join(fresh(), 'settings.json');
    writeFileSync(file, JSON.stringify({ version: SETTINGS_VERSION, theme: 'light', defaultLayout: 'spiral' }));
    const settings = new SettingsFile(file);
    expect(settings.load()).toMatchObject({ theme: 'light', defaultLayout: 'anatomical' });
    expect(settings.forPage().notice?.lines[0]).toMatch(/^defaultLayout: /);
    expect(existsSync(`${file}.bak`)).toBe(true);
  });

  it('a folder it cannot write costs the saving, not the app', () => {
    if (process.getuid?.() === 0) {
      // root writes through permissions: make the file's path a folder instead.
      const file = join(fresh(), 'settings.json');
      mkdirSync(`${file}.tmp`);
      const logged: string[] = [];
      const settings = new SettingsFile(file, (line) => logged.push(line));
      settings.load();
      expect(settings.update({ theme: 'light' }).theme).toBe('light');
      expect(logged[0]).toMatch(/could not be written/);
      return;
    }
    const dir = fresh();
    chmodSync(dir, 0o500);
    const logged: string[] = [];
    const settings = new SettingsFile(join(dir, 'settings.json'), (line) => logged.push(line));
    settings.load();
    expect(settings.update({ theme: 'light' }).theme).toBe('light');
    expect(logged[0]).toMatch(/could not be written/);
    chmodSync(dir, 0o700);
  });
});
