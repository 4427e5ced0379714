import { BrowserWindow, screen, shell, type Rectangle, type WebContents } from 'electron';
import { isAppUrl, secureWebPreferences, windowOpenDecision } from './security';
import { isPresenterUrl, presenterBounds } from './presenterWindow';
import { MIN_WINDOW_SIZE, restoredBounds } from './windowBounds';
import { pageRecovery } from './recovery';
import { IPC, type OpenRequest } from '../shared/platform/chorusApi';
import type { WindowBounds } from '../shared/desktop/settings';

/**
 * What every window's page may not do, whatever it runs: navigate away from the app, attach a
 * <webview>, or open a window other than the presenter view (a listed https link goes to the browser).
 */
export function guardContents(contents: WebContents, preloadPath: string, presenterNear: () => Rectangle | null): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, isPresenterUrl);
    if (decision === 'presenter') {
      const near = presenterNear();
      const bounds = near ? presenterBounds(screen.getAllDisplays(), screen.getDisplayMatching(near).id) : undefined;
      return {
        action: 'allow',
        overrideBrowserWindowOptions: { ...bounds, title: 'Chorus — presenter view', backgroundColor: '#0d1117', webPreferences: secureWebPreferences(preloadPath) },
      };
    }
    if (decision === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The presenter view's window is guarded like its opener.
  contents.on('did-create-window', (child) => guardContents(child.webContents, preloadPath, () => null));
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly bounds: WindowBounds | null;
  readonly log: (line: string) => void;
  /** The window's bounds as it closes, for the next start. */
  readonly saveBounds: (bounds: WindowBounds) => void;
  /** The page to load: APP_ENTRY, with the launch's ?backend= (launchOptions.ts). */
  readonly entry: string;
}

/**
 * The app's window: sandboxed, isolated, guarded (guardContents), where it was last; a page that crashes
 * or hangs is logged, reloaded (at once, then with growing pauses) and told so once it is back.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { maximized, ...bounds } = restoredBounds(options.bounds, screen.getAllDisplays());
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    backgroundColor: '#0d1117',
    title: 'Chorus',
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  const contents = window.webContents;
  guardContents(contents, options.preloadPath, () => window.getBounds());
  let told: OpenRequest | null = null;
  const recovery = pageRecovery(() => {
    if (!window.isDestroyed()) void window.loadURL(options.entry);
  }, options.log);
  const failed = (what: string) => {
    const plan = recovery.failed(what);
    told = { kind: 'problem', title: 'Chorus reloaded its window', lines: [`${what}.`, `This has happened ${plan.recent} time${plan.recent === 1 ? '' : 's'} in the last 10 minutes; the log (Help ▸ Show Logs) has each.`] };
  };
  contents.on('render-process-gone', (_event, details) => failed(`The page's process ended (${details.reason}, exit code ${details.exitCode})`));
  window.on('unresponsive', () => failed('The page stopped responding'));
  contents.on('did-finish-load', () => {
    if (told) contents.send(IPC.openRequest, told);
    told = null;
  });
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    options.saveBounds({ x, y, width, height, maximized: window.isMaximized() });
  });
  void window.loadURL(options.entry);
  return window;
}
