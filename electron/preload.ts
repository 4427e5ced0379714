// Preload (sandboxed): exposes exactly the typed ChorusApi — never ipcRenderer or a generic send().
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC,
  appInfoSchema,
  menuCommandSchema,
  openDatasetOptionsSchema,
  pickedFilesSchema,
  type ChorusApi,
  type MenuCommand,
} from '../shared/platform/chorusApi';

const api: ChorusApi = {
  platform: 'electron',
  appInfo: async () => appInfoSchema.parse(await ipcRenderer.invoke(IPC.appInfo)),
  openDataset: async (options) => {
    const picked: unknown = await ipcRenderer.invoke(IPC.openDataset, ...(options ? [openDatasetOptionsSchema.parse(options)] : []));
    return picked === null ? null : pickedFilesSchema.parse(picked);
  },
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const handler = (_event: unknown, command: unknown) => {
      const parsed = menuCommandSchema.safeParse(command);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(IPC.menuCommand, handler);
    return () => ipcRenderer.removeListener(IPC.menuCommand, handler);
  },
};

contextBridge.exposeInMainWorld('chorus', api);
