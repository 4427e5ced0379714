// Electron main: lifecycle and wiring only. The rules (security, IPC, menus, settings, launch requests,
// recovery) live in plain modules beside it, unit-tested without Electron.
import { app, BrowserWindow, dialog, Menu, net, protocol, session, shell } from 'electron';
import { readFileSync, statSync } from 'node:fs';
import { open as openFile, readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, appResponseHeaders, permissionGranted, resolveAppFile } from './security';
import { contentTypeOf } from '../shared/platform/contentTypes';
import { CONTENT_SECURITY_POLICY_HEADER } from '../shared/platform/contentSecurityPolicy';
import { registerIpc } from './ipc';
import { createMainWindow } from './window';
import { createKioskWindow, kioskLog } from './kioskWindow';
import { kioskConfigPath, kioskRequested, kioskRoutesAtStart } from './kiosk';
import { KIOSK_JS_FLAGS } from '../shared/kiosk/kioskEngineFlags';
import { menuTemplate } from './menuTemplate';
import { appEntryFor, backendRequested, backendSwitches } from './launchOptions';
import { IPC, type MenuCommand, type OpenRequest } from '../shared/platform/chorusApi';
import { rotatingLog } from './appLog';
import { SettingsFile } from './settingsFile';
import { FileGrants } from './fileGrants';
import { addRecent, removeRecent } from '../shared/desktop/recent';
import { LINK_SCHEME, launchRequests, requestForPath, viewLinkHash, type LaunchDisk, type LaunchRequest } from '../shared/desktop/launchRequests';
import type { RecentEntry } from '../shared/desktop/settings';
import { openRequestsFor } from './openRequests';
import { aboutDetail } from './about';
import type { ShellServices } from './ipcHandlers';

declare const CHORUS_VERSION: string;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererRoot = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
let mainWindow: BrowserWindow | null = null;
const kiosk = kioskRequested(process.argv);
const kioskConfig = kiosk ? kioskConfigPath(process.argv) : null;
// chorus.log in the app's logs folder (Help ▸ Show Logs), made on the first line.
let logFile: ((line: string) => void) | undefined;
const log = (line: string) => (logFile ??= rotatingLog(join(app.getPath('logs'), 'chorus.log')))(line);
process.on('uncaughtException', (error) => log(`main: uncaught ${error.stack ?? error.message}`));

app.enableSandbox();
// A kiosk's heap must stay put for weeks: V8 keeps to its baseline compiler there (shared/kiosk/kioskEngineFlags.ts).
if (kiosk) app.commandLine.appendSwitch('js-flags', KIOSK_JS_FLAGS);
// The analysis backend (--backend=cpu|gpu|auto): the page reads it from its address.
const backend = backendRequested(process.argv);
for (const name of backendSwitches(backend.backend, process.platform)) app.commandLine.appendSwitch(name);
// One Chorus at a time: a second launch (the file manager opening a file, a click on a chorus:// link)
// hands its files to the running one and quits.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

const disk: LaunchDisk = {
  kindOf: (path) => {
    try {
      const found = statSync(path);
      return found.isDirectory() ? 'folder' : found.isFile() ? 'file' : null;
    } catch {
      return null;
    }
  },
  resolveFrom: (cwd, path) => resolve(cwd, path),
};
// Unpackaged, argv is [electron, app folder, …]; packaged, [chorus, …].
const firstArgument = app.isPackaged ? 1 : 2;
// What arrives before the window can take it (macOS sends open-file before ready).
const early: LaunchRequest[] = [];

const settings = new SettingsFile(join(app.getPath('userData'), 'settings.json'), log);
const grants = new FileGrants();

async function readSlice(path: string, offset: number, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const handle = await openFile(path, 'r');
  try {
    const bytes = new Uint8Array(length);
    const { bytesRead } = await handle.read(bytes, 0, length, offset);
    return bytesRead === length ? bytes : bytes.slice(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const services: Omit<ShellServices, 'chooseDatasetPaths' | 'chooseTextFile'> = {
  version: CHORUS_VERSION,
  fileSize: async (path) => (await stat(path)).size,
  listFolder: async (path) => ((await stat(path)).isDirectory() ? readdir(path) : null),
  readSlice,
  readText: (path) => readFile(path, 'utf8'),
  grants,
  loadSettings: () => settings.forPage(),
  saveSettings: (patch) => settings.update(patch),
  noteOpened: (kind, path) => {
    settings.update({ recent: addRecent(settings.settings.recent, { kind, path }, new Date()) });
    app.addRecentDocument(path);
    buildMenu();
  },
};

/** Sends the page what to open, once its page has loaded (the preload keeps it until the page listens). */
function sendToPage(requests: readonly OpenRequest[]): void {
  const window = mainWindow;
  if (!window || requests.length === 0) return;
  const send = () => requests.forEach((request) => window.webContents.send(IPC.openRequest, request));
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
  else send();
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function openLaunchRequests(requests: readonly LaunchRequest[], skipped: readonly string[] = []): Promise<void> {
  if (!mainWindow) {
    early.push(...requests);
    return;
  }
  sendToPage(await openRequestsFor(requests, skipped, services));
}

function openRecent(entry: RecentEntry): void {
  const kind = disk.kindOf(entry.path);
  const request = kind === null ? null : requestForPath(entry.path, kind === 'folder');
  if (request === null) {
    settings.update({ recent: removeRecent(settings.settings.recent, entry.path) });
    buildMenu();
    sendToPage([{ kind: 'problem', title: `Could not open ${entry.path}`, lines: ['It is no longer there; it was taken off the recent list.'] }]);
    return;
  }
  void openLaunchRequests([request]);
}

function buildMenu(): void {
  if (kiosk) return;
  const send = (command: MenuCommand) => mainWindow?.webContents.send(IPC.menuCommand, command);
  const documentation = app.isPackaged ? join(process.resourcesPath, 'docs', 'README.md') : join(app.getAppPath(), 'README.md');
  const template = menuTemplate({
    platform: process.platform,
    send,
    recent: settings.settings.recent,
    openRecent,
    clearRecent: () => {
      settings.update({ recent: [] });
      app.clearRecentDocuments();
      buildMenu();
    },
    about: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'About Chorus',
        message: 'Chorus',
        detail: aboutDetail(CHORUS_VERSION, process.versions, process.platform, process.arch),
      }),
    documentation: () => void shell.openPath(documentation),
    showLogs: () => void shell.openPath(app.getPath('logs')),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]));
}

app.on('second-instance', (_event, argv, workingDirectory) => {
  if (kiosk) return void mainWindow?.focus();
  const { requests, skipped } = launchRequests(argv, firstArgument, workingDirectory, disk);
  void openLaunchRequests(requests, skipped);
  mainWindow?.focus();
});
// macOS hands files and links to the running app in events, not in argv.
app.on('open-file', (event, path) => {
  event.preventDefault();
  const request = requestForPath(path, disk.kindOf(path) === 'folder');
  if (request) void openLaunchRequests([request]);
});
app.on('open-url', (event, url) => {
  event.preventDefault();
  const hash = viewLinkHash(url);
  if (hash) void openLaunchRequests([{ kind: 'view-link', hash }]);
});

void app.whenReady().then(() => {
  if (!firstInstance) return;
  if (app.isPackaged && !kiosk) app.setAsDefaultProtocolClient(LINK_SCHEME);
  if (backend.problem) log(`launch: ${backend.problem}`);
  // The kiosk's configuration, dataset and story (--kiosk-config FILE), where the page asks for them (shared/kiosk/kioskFiles.ts).
  const kioskDisk = { readText: (file: string) => readFileSync(file, 'utf8'), isFile: (file: string) => disk.kindOf(file) === 'file', resolveFrom: resolve };
  const kioskFiles = kiosk ? kioskRoutesAtStart(kioskConfig, kioskDisk, kioskLog) : {};
  protocol.handle(APP_SCHEME, async (request) => {
    const path = new URL(request.url).pathname;
    const file = Object.hasOwn(kioskFiles, path) ? kioskFiles[path]! : resolveAppFile(rendererRoot, request.url);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!response.ok) return response;
    return new Response(response.body, { headers: appResponseHeaders(contentTypeOf(file), CONTENT_SECURITY_POLICY_HEADER) });
  });
  // No remote content: refuse every request that is not our own scheme (or devtools).
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionGranted(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) => permissionGranted(permission, details.requestingUrl ?? origin));

  if (kiosk) {
    Menu.setApplicationMenu(null);
    mainWindow = createKioskWindow(preloadPath);
    mainWindow.on('closed', () => (mainWindow = null));
    return;
  }
  settings.load();
  registerIpc(() => mainWindow, services);
  buildMenu();
  // Every main window, the first and any macOS makes again on activate, forgets itself when closed
  // (a window re-created without it left mainWindow pointing at a destroyed window).
  const openMainWindow = () => {
    const window = createMainWindow({ preloadPath, entry: appEntryFor(backend.backend), bounds: settings.settings.windowBounds, log, saveBounds: (windowBounds) => settings.update({ windowBounds }) });
    mainWindow = window;
    window.webContents.on('console-message', ({ level, message }) => {
      if (level === 'error') log(`page error: ${message.slice(0, 2000)}`);
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
  };
  openMainWindow();
  const { requests, skipped } = launchRequests(process.argv, firstArgument, process.cwd(), disk);
  void openLaunchRequests([...early.splice(0), ...requests], skipped);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
