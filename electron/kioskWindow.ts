import { app, BrowserWindow, powerSaveBlocker } from 'electron';
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ENTRY, isAppUrl } from './security';
import { isBlockedKioskKey, kioskWindowOptions, logRotation, recoveryPlan } from './kiosk';

const LOG_MAX_BYTES = 1 << 20;
const LOG_KEEP = 5;

/** One line in the kiosk's log (app logs folder, rotated at 1 MB, five kept): what staff read after a week. */
export function kioskLog(line: string): void {
  try {
    const folder = app.getPath('logs');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'kiosk.log');
    if (existsSync(file) && statSync(file).size > LOG_MAX_BYTES) {
      for (const { from, to } of logRotation(file, LOG_KEEP)) {
        if (!existsSync(from)) continue;
        if (to === null) rmSync(from);
        else renameSync(from, to);
      }
    }
    appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
  } catch {
    // A full or read-only disk must not take the exhibit down with it.
  }
}

/**
 * The kiosk window (electron/kiosk.ts has its rules): full screen on the app's own page at ?kiosk, keys
 * that would leave or reload it blocked, no context menu or zoom, the display kept awake; a page that
 * crashes or hangs is logged and reloaded into the attract loop (at once, then with growing pauses
 * when it keeps failing).
 */
export function createKioskWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions(preloadPath));
  const entry = `${APP_ENTRY}?kiosk`;
  const failures: number[] = [];
  window.once('ready-to-show', () => window.show());
  powerSaveBlocker.start('prevent-display-sleep');
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKioskKey(input)) event.preventDefault();
  });
  contents.on('context-menu', (event) => event.preventDefault());
  // The page never shows a visitor an error: what it warns of (a lost WebGL context, a kiosk.json file it
  // could not use, a caught render error) goes to the staff's log.
  contents.on('console-message', ({ level, message }) => {
    if (level === 'warning' || level === 'error') kioskLog(`page ${level}: ${message.slice(0, 2000)}`);
  });
  void contents.setVisualZoomLevelLimits(1, 1);
  const recover = (what: string) => {
    const now = Date.now();
    const plan = recoveryPlan(failures, now);
    failures.push(now);
    while (failures.length > 50) failures.shift();
    kioskLog(`${what}; reloading into the attract loop in ${plan.reloadAfterMs} ms (${plan.recent} in the last 10 minutes)`);
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(entry);
    }, plan.reloadAfterMs);
  };
  contents.on('render-process-gone', (_event, details) => recover(`the page's process ended (${details.reason}, exit code ${details.exitCode})`));
  window.on('unresponsive', () => recover('the page stopped responding'));
  kioskLog('kiosk started');
  void window.loadURL(entry);
  return window;
}
