import { dialog, ipcMain, type BrowserWindow } from 'electron';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createIpcHandlers } from './ipcHandlers';
import { DATA_EXTENSIONS } from '../shared/formats/readerCatalog';

/** Registers every handler once; each receives the sending frame's URL for the origin check. */
export function registerIpc(getWindow: () => BrowserWindow | null, version: string): void {
  const handlers = createIpcHandlers({
    version,
    chooseDatasetPaths: async (folder) => {
      const window = getWindow();
      const options = folder
        ? { title: 'Open folder (suite2p plane, Kilosort/phy output, .npy arrays)', properties: ['openDirectory' as const, 'multiSelections' as const] }
        : {
            title: 'Open dataset',
            properties: ['openFile' as const, 'multiSelections' as const],
            filters: [
              { name: 'Datasets (Chorus, NWB 2, MATLAB, NumPy, CSV/TSV)', extensions: DATA_EXTENSIONS.map((extension) => extension.slice(1)) },
              { name: 'All files', extensions: ['*'] },
            ],
          };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    fileSize: async (path) => (await stat(path)).size,
    listFolder: async (path) => ((await stat(path)).isDirectory() ? readdir(path) : null),
    readFile: async (path) => new Uint8Array(await readFile(path)),
  });
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args) => handler(event.senderFrame?.url ?? '', args));
  }
}
