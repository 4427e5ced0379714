import type { MenuCommand } from '../shared/platform/chorusApi';
import { recentLabel } from '../shared/desktop/recent';
import type { RecentEntry } from '../shared/desktop/settings';

/** The application menu as data (Electron's MenuItemConstructorOptions shape), built without Electron. */
export interface MenuItemSpec {
  label?: string;
  role?: string;
  accelerator?: string;
  /** false: the accelerator is shown but the page handles the key (Space in a text field stays a space). */
  registerAccelerator?: boolean;
  type?: 'separator';
  enabled?: boolean;
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export interface MenuContext {
  platform: string;
  /** Commands the page carries out (each has a control in the page too). */
  send(command: MenuCommand): void;
  recent: readonly RecentEntry[];
  openRecent(entry: RecentEntry): void;
  clearRecent(): void;
  /** Help ▸ About (macOS: Chorus ▸ About Chorus): the versions. */
  about(): void;
  documentation(): void;
  showLogs(): void;
}

const separator: MenuItemSpec = { type: 'separator' };

/**
 * The menu in the platform's conventions: macOS has the app menu (About, Services, Hide, Quit) and a
 * Window menu with Bring All to Front; Windows and Linux have File … Help with Exit in File and About in
 * Help. Roles give each platform its own accelerators (Redo, Full Screen, Quit); CmdOrCtrl does the rest.
 */
export function menuTemplate(context: MenuContext): MenuItemSpec[] {
  const isMac = context.platform === 'darwin';
  const command = (label: string, sent: MenuCommand, accelerator?: string, pageKey = false): MenuItemSpec => ({
    label,
    click: () => context.send(sent),
    ...(accelerator ? { accelerator } : {}),
    ...(pageKey ? { registerAccelerator: false } : {}),
  });
  const about: MenuItemSpec = { label: 'About Chorus', click: context.about };
  const separatorSlash = context.platform === 'win32' ? '\\' : '/';
  const recentItems: MenuItemSpec[] = context.recent.map((entry) => ({ label: recentLabel(entry, separatorSlash), click: () => context.openRecent(entry) }));

  return [
    ...(isMac
      ? [
          {
            label: 'Chorus',
            submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
          },
        ]
      : []),
    {
      label: 'File',
      submenu: [
        command('Open Dataset…', 'open-dataset', 'CmdOrCtrl+O'),
        command('Open Folder…', 'open-folder', 'CmdOrCtrl+Shift+O'),
        {
          label: 'Open Recent',
          submenu: [
            ...(recentItems.length > 0 ? recentItems : [{ label: 'No Recent Files', enabled: false }]),
            separator,
            { label: 'Clear Menu', enabled: recentItems.length > 0, click: context.clearRecent },
          ],
        },
        command('Load Demo', 'load-demo', 'CmdOrCtrl+D'),
        separator,
        command('Open View…', 'open-view', 'CmdOrCtrl+Alt+O'),
        command('Save View…', 'save-view', 'CmdOrCtrl+S'),
        command('Open Story…', 'open-story'),
        separator,
        command('Export Image…', 'export-image', 'CmdOrCtrl+E'),
        command('Export Video…', 'export-video', 'CmdOrCtrl+Shift+E'),
        separator,
        { role: 'close' },
        ...(isMac ? [] : [{ role: 'quit' }]),
      ],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        command('Play / Pause', 'toggle-play', 'Space', true),
        separator,
        {
          label: 'Layout',
          submenu: [
            command('Anatomical', 'layout-anatomical', 'CmdOrCtrl+1'),
            command('Functional (Shared Information)', 'layout-functional', 'CmdOrCtrl+2'),
            command('Tuning Ring', 'layout-tuning', 'CmdOrCtrl+3'),
          ],
        },
        command('Single View', 'view-single', 'CmdOrCtrl+Alt+1'),
        command('Split: Task | Passive', 'view-split', 'CmdOrCtrl+Alt+2'),
        command('Difference: Task − Passive', 'view-difference', 'CmdOrCtrl+Alt+3'),
        { label: 'Theme', submenu: [command('Dark', 'theme-dark'), command('Light', 'theme-light')] },
        separator,
        command('Explore Hypotheses', 'explore'),
        command('Present', 'present', 'F5', true),
        separator,
        { role: 'togglefullscreen' },
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    {
      label: 'Window',
      submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      label: 'Help',
      submenu: [
        ...(isMac ? [] : [about, separator]),
        { label: 'Documentation', click: context.documentation },
        { label: 'Show Logs', click: context.showLogs },
      ],
    },
  ];
}
