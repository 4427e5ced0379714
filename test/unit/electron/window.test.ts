import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The window's handlers, on stand-ins for Electron's objects (the electron module is mocked: its binary
 * is not needed to check what the handlers decide and do).
 */
const opened: string[] = [];
const windows: FakeWindow[] = [];

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string; overrideBrowserWindowOptions?: unknown }) | null = null;
  sent: [string, unknown][] = [];
  setWindowOpenHandler(handler: FakeContents['openHandler']) {
    this.openHandler = handler;
  }
  send(channel: string, message: unknown) {
    this.sent.push([channel, message]);
  }
}

class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  loaded: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    windows.push(this);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  getBounds() {
    return { x: 0, y: 0, width: 1400, height: 900 };
  }
  getNormalBounds() {
    return { x: 5, y: 6, width: 1200, height: 800 };
  }
  isMaximized() {
    return true;
  }
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
  screen: {
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    getDisplayMatching: () => ({ id: 1 }),
  },
}));

const { createMainWindow, guardContents } = await import('../../../electron/window');
const { APP_ENTRY } = await import('../../../electron/security');
const { IPC } = await import('../../../shared/platform/chorusApi');

const prevented = (contents: FakeContents, event: string, ...args: unknown[]) => {
  let stopped = false;
  contents.emit(event, { preventDefault: () => (stopped = true) }, ...args);
  return stopped;
};

beforeEach(() => {
  opened.length = 0;
  windows.length = 0;
});

describe('every window’s guard', () => {
  it('refuses navigation away from the app and any <webview>', () => {
    const contents = new FakeContents();
    guardContents(contents as never, '/p.cjs', () => null);
    expect(prevented(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented(contents, 'will-navigate', `${APP_ENTRY}#view=x`)).toBe(false);
    expect(prevented(contents, 'will-attach-webview', {}, {})).toBe(true);
  });

  it('opens the presenter view as secure as its opener, listed links in the browser, and nothing else', () => {
    const contents = new FakeContents();
    guardContents(contents as never, '/p.cjs', () => ({ x: 0, y: 0, width: 100, height: 100 }));
    const presenter = contents.openHandler!({ url: `${APP_ENTRY}?presenter` });
    expect(presenter.action).toBe('allow');
    expect(presenter.overrideBrowserWindowOptions).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/p.cjs' } });
    expect(contents.openHandler!({ url: 'https://doi.org/10.1126/x' }).action).toBe('deny');
    expect(opened).toEqual(['https://doi.org/10.1126/x']);
    for (const url of ['https://evil.example/', 'http://doi.org/x', `${APP_ENTRY}?kiosk`, 'file:///etc/passwd']) expect(contents.openHandler!({ url }).action, url).toBe('deny');
    expect(opened).toHaveLength(1);
    // The presenter view's own window gets the same guard.
    const child = new FakeWindow({});
    contents.emit('did-create-window', child);
    expect(prevented(child.webContents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(child.webContents.openHandler!({ url: 'https://evil.example/' }).action).toBe('deny');
  });
});

describe('the main window', () => {
  const make = (saved: unknown = null) => {
    const log: string[] = [];
    const bounds: unknown[] = [];
    const window = createMainWindow({ preloadPath: '/p.cjs', entry: APP_ENTRY, bounds: saved as never, log: (line) => log.push(line), saveBounds: (b) => bounds.push(b) }) as unknown as FakeWindow;
    return { window, log, bounds };
  };

  it('is sandboxed and isolated, opens the app, and reopens where it was', () => {
    const { window } = make({ x: 100, y: 100, width: 1300, height: 850, maximized: false });
    expect(window.options).toMatchObject({ x: 100, y: 100, width: 1300, height: 850, show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false } });
    expect(window.loaded).toEqual([APP_ENTRY]);
  });

  it('saves its bounds as it closes', () => {
    const { window, bounds } = make();
    window.emit('close');
    expect(bounds).toEqual([{ x: 5, y: 6, width: 1200, height: 800, maximized: true }]);
  });

  it('a crashed or hung page is logged, counted, reloaded, and told once it is back', async () => {
    vi.useFakeTimers();
    try {
      const { window, log } = make();
      window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      await vi.runAllTimersAsync();
      expect(window.loaded).toEqual([APP_ENTRY, APP_ENTRY]);
      expect(log[0]).toMatch(/^The page's process ended \(crashed, exit code 139\); reloading in 0 ms \(1 in the last 10 minutes\)$/);
      window.webContents.emit('did-finish-load');
      expect(window.webContents.sent).toEqual([[IPC.openRequest, { kind: 'problem', title: 'Chorus reloaded its window', lines: ["The page's process ended (crashed, exit code 139).", expect.stringMatching(/^This has happened 1 time in the last 10 minutes/)] }]]);
      window.webContents.emit('did-finish-load');
      expect(window.webContents.sent).toHaveLength(1);
      window.emit('unresponsive');
      await vi.runAllTimersAsync();
      expect(log[1]).toMatch(/^The page stopped responding; reloading in 0 ms \(2 in the last 10 minutes\)$/);
      expect(window.loaded).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
