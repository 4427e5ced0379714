import { BrowserWindow, screen, shell } from 'electron';
import { APP_ENTRY, isAppUrl, secureWebPreferences } from './security';
import { isPresenterUrl, presenterBounds } from './presenterWindow';

/**
 * The app's window: sandboxed, isolated, and unable to navigate away or open other windows but one —
 * the presenter view, the app's own page, as secure as this one, on the second display if there is one.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    backgroundColor: '#0d1117',
    title: 'Chorus',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isPresenterUrl(url)) {
      const bounds = presenterBounds(screen.getAllDisplays(), screen.getDisplayMatching(window.getBounds()).id);
      return {
        action: 'allow',
        overrideBrowserWindowOptions: { ...bounds, title: 'Chorus — presenter view', backgroundColor: '#0d1117', webPreferences: secureWebPreferences(preloadPath) },
      };
    }
    // Links to documentation open in the user's browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(APP_ENTRY);
  return window;
}
