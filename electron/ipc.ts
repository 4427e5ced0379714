import { dialog, ipcMain, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { createIpcHandlers, type ShellServices } from './ipcHandlers';
import { DATA_EXTENSIONS } from '../shared/formats/readerCatalog';
import { STORY_FILE_ENDING, VIEW_FILE_ENDING } from '../shared/desktop/launchRequests';
import type { TextFileKind } from '../shared/platform/chorusApi';

const TEXT_FILE_DIALOGS: Record<TextFileKind, OpenDialogOptions> = {
  view: { title: 'Open view', properties: ['openFile'], filters: [{ name: `Chorus views (${VIEW_FILE_ENDING})`, extensions: ['json'] }] },
  story: { title: 'Open story', properties: ['openFile'], filters: [{ name: `Chorus stories (${STORY_FILE_ENDING})`, extensions: ['json'] }] },
};

/** Registers every handler once, with the native dialogs; each receives the sending frame's URL for the origin check. */
export function registerIpc(getWindow: () => BrowserWindow | null, services: Omit<ShellServices, 'chooseDatasetPaths' | 'chooseTextFile'>): void {
  const show = (options: OpenDialogOptions) => {
    const window = getWindow();
    return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
  };
  const handlers = createIpcHandlers({
    ...services,
    chooseDatasetPaths: async (folder) => {
      const options: OpenDialogOptions = folder
        ? { title: 'Open folder (suite2p plane, Kilosort/phy output, .npy arrays)', properties: ['openDirectory', 'multiSelections'] }
        : {
            title: 'Open dataset',
            properties: ['openFile', 'multiSelections'],
            filters: [
              { name: 'Datasets (Chorus, NWB 2, MATLAB, NumPy, CSV/TSV)', extensions: DATA_EXTENSIONS.map((extension) => extension.slice(1)) },
              { name: 'All files', extensions: ['*'] },
            ],
          };
      const result = await show(options);
      return result.canceled ? null : result.filePaths;
    },
    chooseTextFile: async (kind) => {
      const result = await show(TEXT_FILE_DIALOGS[kind]);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args) => handler(event.senderFrame?.url ?? '', args));
  }
}
