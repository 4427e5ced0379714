import { describe, expect, it } from 'vitest';
import { posix } from 'node:path';
import { isBlockedKioskKey, kioskConfigPath, kioskRequested, kioskRoutesAtStart, kioskWindowOptions } from '../../../electron/kiosk';

const key = (key: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}, type = 'keyDown') => ({ type, key, control: false, meta: false, alt: false, shift: false, ...mods });

describe('kiosk shell', () => {
  it('starts as a kiosk only when asked', () => {
    expect(kioskRequested(['electron', '.', '--kiosk'])).toBe(true);
    expect(kioskRequested(['electron', '.'])).toBe(false);
    expect(kioskConfigPath(['electron', '.', '--kiosk', '--kiosk-config', 'museum/kiosk.json'], '/srv')).toBe('/srv/museum/kiosk.json');
    expect(kioskConfigPath(['electron', '.', '--kiosk-config', '/etc/chorus/kiosk.json'], '/srv')).toBe('/etc/chorus/kiosk.json');
    expect(kioskConfigPath(['electron', '.', '--kiosk'], '/srv')).toBeNull();
    expect(kioskConfigPath(['electron', '.', '--kiosk-config', '--kiosk'], '/srv')).toBeNull();
  });

  it('opens full screen, framed by nothing, without dev tools, and as secure as the workspace', () => {
    const options = kioskWindowOptions('/app/preload.cjs');
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: '/app/preload.cjs' });
  });

  it.each([
    ['F5'],
    ['F11'],
    ['F12'],
    ['BrowserBack'],
  ])('blocks %s', (name) => {
    expect(isBlockedKioskKey(key(name))).toBe(true);
  });

  it('blocks reload, close, quit, print, zoom, new windows, tools and history by keys, with Ctrl or Cmd', () => {
    for (const k of ['r', 'R', 'w', 'q', 'p', 'n', '+', '=', '-', '0']) {
      expect(isBlockedKioskKey(key(k, { control: true })), `Ctrl+${k}`).toBe(true);
      expect(isBlockedKioskKey(key(k, { meta: true })), `Cmd+${k}`).toBe(true);
    }
    expect(isBlockedKioskKey(key('I', { control: true, shift: true }))).toBe(true);
    expect(isBlockedKioskKey(key('ArrowLeft', { alt: true }))).toBe(true);
    expect(isBlockedKioskKey(key('F4', { alt: true }))).toBe(true);
  });

  it('lets a visitor’s ordinary keys through (they count as input), and key-ups too', () => {
    for (const k of ['a', 'ArrowLeft', 'ArrowRight', ' ', 'Enter', 'Escape', 'Tab']) expect(isBlockedKioskKey(key(k)), k).toBe(false);
    expect(isBlockedKioskKey(key('F5', {}, 'keyUp'))).toBe(false);
  });
});

describe('kiosk files at start', () => {
  const disk = (files: Record<string, string>) => ({ readText: (path: string) => files[path] ?? '', isFile: (path: string) => path in files, resolveFrom: posix.resolve });
  it('serves what kiosk.json names; a broken setup is logged and the kiosk runs on its defaults', () => {
    const logged: string[] = [];
    const log = (line: string) => logged.push(line);
    expect(kioskRoutesAtStart(null, disk({}), log)).toEqual({});
    expect(kioskRoutesAtStart('/k/kiosk.json', disk({ '/k/kiosk.json': '{"chorusKiosk": 1, "dataset": "v4.nwb"}', '/k/v4.nwb': '' }), log)).toEqual({ '/kiosk.json': '/k/kiosk.json', '/kiosk/dataset/v4.nwb': '/k/v4.nwb' });
    expect(logged).toEqual([]);
    expect(kioskRoutesAtStart('/k/kiosk.json', disk({ '/k/kiosk.json': '{"chorusKiosk": 1, "dataset": "v4.nwb"}' }), log)).toEqual({});
    expect(logged).toEqual(['--kiosk-config /k/kiosk.json: dataset: /k/v4.nwb is not a file (a path relative to kiosk.json\'s folder, or absolute); the kiosk runs on its defaults (the demo)']);
  });
});
