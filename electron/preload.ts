// Preload (sandboxed): exposes exactly the typed ChorusApi — never ipcRenderer or a generic send().
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC,
  appInfoSchema,
  grantedFilesSchema,
  loadedSettingsSchema,
  menuCommandSchema,
  openDatasetOptionsSchema,
  openRequestSchema,
  readSliceArgsSchema,
  settingsPatchSchema,
  textFileKindSchema,
  textFileSchema,
  type ChorusApi,
  type MenuCommand,
  type OpenRequest,
} from '../shared/platform/chorusApi';
import { bufferedChannel } from '../shared/platform/bufferedChannel';

// Main may ask the page to open something before the page listens (a file the app was launched with,
// the notice after a crash reload): those wait here for the first listener.
const openRequests = bufferedChannel<OpenRequest>();
ipcRenderer.on(IPC.openRequest, (_event, request: unknown) => {
  const parsed = openRequestSchema.safeParse(request);
  if (parsed.success) openRequests.push(parsed.data);
});

const api: ChorusApi = {
  platform: 'electron',
  appInfo: async () => appInfoSchema.parse(await ipcRenderer.invoke(IPC.appInfo)),
  openDataset: async (options) => {
    const granted: unknown = await ipcRenderer.invoke(IPC.openDataset, ...(options ? [openDatasetOptionsSchema.parse(options)] : []));
    return granted === null ? null : grantedFilesSchema.parse(granted);
  },
  readSlice: async (token, offset, length) => {
    const bytes: unknown = await ipcRenderer.invoke(IPC.readSlice, ...readSliceArgsSchema.parse([token, offset, length]));
    if (!(bytes instanceof Uint8Array)) throw new Error('readSlice: main sent no bytes');
    return bytes as Uint8Array<ArrayBuffer>;
  },
  openTextFile: async (kind) => {
    const file: unknown = await ipcRenderer.invoke(IPC.openTextFile, textFileKindSchema.parse(kind));
    return file === null ? null : textFileSchema.parse(file);
  },
  loadSettings: async () => loadedSettingsSchema.parse(await ipcRenderer.invoke(IPC.loadSettings)),
  saveSettings: async (patch) => {
    await ipcRenderer.invoke(IPC.saveSettings, settingsPatchSchema.parse(patch));
  },
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const handler = (_event: unknown, command: unknown) => {
      const parsed = menuCommandSchema.safeParse(command);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(IPC.menuCommand, handler);
    return () => ipcRenderer.removeListener(IPC.menuCommand, handler);
  },
  onOpenRequest: (listener) => openRequests.listen(listener),
};

contextBridge.exposeInMainWorld('chorus', api);
