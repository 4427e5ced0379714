/**
 * The kiosk shell's rules as plain values and functions (tested without Electron): the window, the keys
 * a visitor must not reach, and what happens when the page crashes or hangs. electron/kioskWindow.ts
 * applies them.
 */
import { isAbsolute, resolve } from 'node:path';
import { secureWebPreferences } from './security';
import { kioskSetup, type KioskDisk } from '../shared/kiosk/kioskFiles';

/** `--kiosk` on Electron's command line (after `--`, as npm start passes it). */
export function kioskRequested(argv: readonly string[]): boolean {
  return argv.includes('--kiosk');
}

/** --kiosk-config FILE, made absolute; null without it. */
export function kioskConfigPath(argv: readonly string[], cwd = process.cwd()): string | null {
  const flag = argv.indexOf('--kiosk-config');
  const given = flag >= 0 ? argv[flag + 1] : undefined;
  if (given === undefined || given.startsWith('--')) return null;
  return isAbsolute(given) ? given : resolve(cwd, given);
}

/**
 * The files the kiosk page may fetch (URL path → file: kiosk.json, its dataset, its story), checked at
 * start. A broken setup is logged for the staff and the kiosk runs on its defaults (the demo): an
 * exhibit that starts on the demo is better than a black screen.
 */
export function kioskRoutesAtStart(configPath: string | null, disk: KioskDisk, log: (line: string) => void): Readonly<Record<string, string>> {
  if (configPath === null) return {};
  try {
    return kioskSetup(configPath, disk).routes;
  } catch (error) {
    log(`--kiosk-config ${(error as Error).message}; the kiosk runs on its defaults (the demo)`);
    return {};
  }
}

/** A full-screen kiosk window: no frame, no menu, no dev tools, no zoom by pinch or keys; as secure as the workspace's. */
export function kioskWindowOptions(preloadPath: string) {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#0d1117',
    title: 'Chorus',
    show: false,
    webPreferences: { ...secureWebPreferences(preloadPath), devTools: false, zoomFactor: 1 },
  } as const;
}

// The keys a kiosk blocks are one rule for Electron's window and the web build's page (shared/kiosk/blockedKeys.ts).
export { isBlockedKioskKey, type KeyInput } from '../shared/kiosk/blockedKeys';
