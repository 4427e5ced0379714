// Electron main: lifecycle only. Security rules, IPC logic and the menu live in plain modules beside it.
import { app, BrowserWindow, Menu, net, protocol, session } from 'electron';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, appResponseHeaders, resolveAppFile } from './security';
import { contentTypeOf } from '../shared/platform/contentTypes';
import { CONTENT_SECURITY_POLICY_HEADER } from '../shared/platform/contentSecurityPolicy';
import { registerIpc } from './ipc';
import { createMainWindow } from './window';
import { createKioskWindow, kioskLog } from './kioskWindow';
import { kioskConfigPath, kioskRequested, kioskRoutesAtStart } from './kiosk';
import { menuTemplate } from './menuTemplate';
import { IPC, type MenuCommand } from '../shared/platform/chorusApi';

declare const CHORUS_VERSION: string;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererRoot = join(__dirname, '..', 'renderer');
let mainWindow: BrowserWindow | null = null;
const kiosk = kioskRequested(process.argv);
const kioskConfig = kiosk ? kioskConfigPath(process.argv) : null;

app.enableSandbox();
// A kiosk runs once: a second start (a staff member clicking again) brings the running one forward.
const firstInstance = !kiosk || app.requestSingleInstanceLock();
if (!firstInstance) app.quit();
app.on('second-instance', () => mainWindow?.focus());

void app.whenReady().then(() => {
  if (!firstInstance) return;
  // The kiosk's configuration, dataset and story (--kiosk-config FILE), where the page asks for them (shared/kiosk/kioskFiles.ts).
  const disk = { readText: (file: string) => readFileSync(file, 'utf8'), isFile: (file: string) => existsSync(file) && statSync(file).isFile(), resolveFrom: resolve };
  const kioskFiles = kiosk ? kioskRoutesAtStart(kioskConfig, disk, kioskLog) : {};
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
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  if (kiosk) {
    Menu.setApplicationMenu(null);
    mainWindow = createKioskWindow(join(__dirname, 'preload.cjs'));
    mainWindow.on('closed', () => (mainWindow = null));
    return;
  }
  registerIpc(() => mainWindow, CHORUS_VERSION);
  const send = (command: MenuCommand) => mainWindow?.webContents.send(IPC.menuCommand, command);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(send, process.platform === 'darwin') as Electron.MenuItemConstructorOptions[]),
  );
  // Every main window, the first and any macOS makes again on activate, forgets itself when closed
  // (a window re-created without it left mainWindow pointing at a destroyed window).
  const openMainWindow = () => {
    const window = createMainWindow(join(__dirname, 'preload.cjs'));
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
  };
  openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
