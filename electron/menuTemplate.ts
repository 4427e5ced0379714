import type { MenuCommand } from '../shared/platform/chorusApi';

/** The application menu as data (Electron's MenuItemConstructorOptions shape), built without Electron. */
export interface MenuItemSpec {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: 'separator';
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export function menuTemplate(send: (command: MenuCommand) => void, isMac: boolean): MenuItemSpec[] {
  return [
    ...(isMac ? [{ role: 'appMenu' }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Dataset…', accelerator: 'CmdOrCtrl+O', click: () => send('open-dataset') },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => send('open-folder') },
        { label: 'Load Demo', accelerator: 'CmdOrCtrl+D', click: () => send('load-demo') },
        { type: 'separator' },
        { role: isMac ? 'close' : 'quit' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Play / Pause', accelerator: 'Space', click: () => send('toggle-play') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
  ];
}
