/**
 * Type-checking fallback for machines where the optional `electron` package could not be installed
 * (its binary download is blocked). electron/tsconfig.json maps 'electron' to the real typings first and
 * to this file only when they are absent. It declares just the API surface Chorus's shell uses, with the
 * same shapes as Electron's own typings, so the shell is still type-checked everywhere.
 */
interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  spellcheck?: boolean;
  devTools?: boolean;
  zoomFactor?: number;
}

export interface WebContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): this;
  on(event: 'did-finish-load', listener: () => void): this;
  once(event: 'did-finish-load', listener: () => void): this;
  on(event: 'did-create-window', listener: (window: BrowserWindow) => void): this;
  isLoading(): boolean;
  on(
    event: 'before-input-event',
    listener: (event: { preventDefault(): void }, input: { type: string; key: string; control: boolean; meta: boolean; alt: boolean; shift: boolean }) => void,
  ): this;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): this;
  on(event: 'context-menu', listener: (event: { preventDefault(): void }) => void): this;
  on(event: 'console-message', listener: (event: { level: 'info' | 'warning' | 'error' | 'debug'; message: string; lineNumber: number; sourceId: string }) => void): this;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  setWindowOpenHandler(
    handler: (details: { url: string }) =>
      | { action: 'deny' }
      | { action: 'allow'; overrideBrowserWindowOptions?: BrowserWindowOptions },
  ): void;
  send(channel: string, ...args: unknown[]): void;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface BrowserWindowOptions {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  backgroundColor?: string;
  title?: string;
  show?: boolean;
  kiosk?: boolean;
  fullscreen?: boolean;
  frame?: boolean;
  autoHideMenuBar?: boolean;
  webPreferences?: WebPreferences;
}

export declare class BrowserWindow {
  constructor(options?: BrowserWindowOptions);
  static getAllWindows(): BrowserWindow[];
  getBounds(): Rectangle;
  webContents: WebContents;
  getNormalBounds(): Rectangle;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'close' | 'closed' | 'unresponsive' | 'responsive', listener: () => void): this;
  isDestroyed(): boolean;
  isMaximized(): boolean;
  isMinimized(): boolean;
  maximize(): void;
  restore(): void;
  focus(): void;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export declare const app: {
  whenReady(): Promise<void>;
  enableSandbox(): void;
  quit(): void;
  on(event: 'window-all-closed' | 'activate', listener: () => void): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): void;
  on(event: 'open-file' | 'open-url', listener: (event: { preventDefault(): void }, pathOrUrl: string) => void): void;
  requestSingleInstanceLock(): boolean;
  getPath(name: 'logs' | 'userData'): string;
  getAppPath(): string;
  readonly isPackaged: boolean;
  addRecentDocument(path: string): void;
  clearRecentDocuments(): void;
  setAsDefaultProtocolClient(protocol: string): boolean;
  commandLine: { appendSwitch(name: string, value?: string): void };
};

export declare const powerSaveBlocker: { start(type: 'prevent-display-sleep' | 'prevent-app-suspension'): number };

export declare const protocol: {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean } }[],
  ): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
};

export declare const net: { fetch(input: string): Promise<Response> };

export declare const session: {
  defaultSession: {
    webRequest: {
      onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
    };
    setPermissionRequestHandler(
      handler: (contents: WebContents, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void,
    ): void;
    setPermissionCheckHandler(handler: (contents: WebContents | null, permission: string, requestingOrigin: string, details: { requestingUrl?: string }) => boolean): void;
  };
};

export interface OpenDialogOptions {
  title?: string;
  properties?: ('openFile' | 'openDirectory' | 'multiSelections')[];
  filters?: { name: string; extensions: string[] }[];
}
interface OpenDialogReturnValue {
  canceled: boolean;
  filePaths: string[];
}
export declare const dialog: {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showMessageBox(options: { type?: 'none' | 'info' | 'error' | 'question' | 'warning'; title?: string; message: string; detail?: string }): Promise<{ response: number }>;
};

export declare const ipcMain: {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown): void;
};

export declare const ipcRenderer: {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
};

export declare const contextBridge: { exposeInMainWorld(key: string, api: unknown): void };

export declare const shell: { openExternal(url: string): Promise<void>; openPath(path: string): Promise<string> };
export declare const screen: {
  getAllDisplays(): { id: number; workArea: Rectangle }[];
  getDisplayMatching(rect: Rectangle): { id: number; workArea: Rectangle };
};

interface MenuItem {
  label: string;
  submenu?: MenuInstance;
  click(): void;
}
declare class MenuInstance {
  items: MenuItem[];
}
export declare const Menu: {
  buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): MenuInstance;
  setApplicationMenu(menu: MenuInstance | null): void;
  getApplicationMenu(): MenuInstance | null;
};

declare global {
  namespace NodeJS {
    interface Process {
      /** Electron: the packaged app's resources folder. */
      resourcesPath: string;
    }
  }
  namespace Electron {
    interface MenuItemConstructorOptions {
      label?: string;
      role?: string;
      accelerator?: string;
      type?: 'separator';
      enabled?: boolean;
      registerAccelerator?: boolean;
      submenu?: MenuItemConstructorOptions[];
      click?: () => void;
    }
  }
}
