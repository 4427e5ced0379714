import { app, BrowserWindow, powerSaveBlocker } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY, isAppUrl } from './security';
import { isBlockedKioskKey, kioskWindowOptions } from './kiosk';
import { rotatingLog } from './appLog';
import { pageRecovery } from './recovery';

/** The kiosk's log (app logs folder, rotated at 1 MB, five kept): what staff read after a week. */
export function kioskLog(line: string): void {
  kioskLogFile ??= rotatingLog(join(app.getPath('logs'), 'kiosk.log'));
  kioskLogFile(line);
}
let kioskLogFile: ((line: string) => void) | undefined;

/**
 * The kiosk window (electron/kiosk.ts has its rules): full screen on the app's own page at ?kiosk, keys
 * that would leave or reload it blocked, no context menu or zoom, the display kept awake; a page that
 * crashes or hangs is logged and reloaded into the attract loop (at once, then with growing pauses
 * when it keeps failing).
 */
export function createKioskWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions(preloadPath));
  const entry = `${APP_ENTRY}?kiosk`;
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
  const recovery = pageRecovery(() => {
    if (!window.isDestroyed()) void window.loadURL(entry);
  }, kioskLog);
  contents.on('render-process-gone', (_event, details) => recovery.failed(`the page's process ended (${details.reason}, exit code ${details.exitCode}); back to the attract loop`));
  window.on('unresponsive', () => recovery.failed('the page stopped responding; back to the attract loop'));
  kioskLog('kiosk started');
  void window.loadURL(entry);
  return window;
}
