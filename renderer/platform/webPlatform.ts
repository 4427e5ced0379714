import {
  CHORUS_API_VERSION,
  menuCommandSchema,
  openRequestSchema,
  type ChorusApi,
  type GrantedFile,
  type MenuCommand,
  type OpenDatasetOptions,
  type OpenRequest,
  type TextFile,
} from '../../shared/platform/chorusApi';
import { DATA_EXTENSIONS } from '../../shared/formats/readerCatalog';
import { patchSettings, readSettings, settingsNotice, settingsText, type Settings } from '../../shared/desktop/settings';

const SETTINGS_KEY = 'chorus.settings';
/** Where the web build kept mapping presets before the settings file existed. */
const OLD_PRESETS_KEY = 'chorus.mappingPresets';

/**
 * The page's stand-ins for the shell's menu and its requests to open files: events on window, so the
 * web build's end-to-end tests drive every menu command and open request through the very handlers
 * Electron's menu and main reach (App.tsx). Their details are checked as IPC's are.
 */
export const MENU_COMMAND_EVENT = 'chorus:menu-command';
export const OPEN_REQUEST_EVENT = 'chorus:open-request';

/** The browser implementation of window.chorus: a file input instead of a native dialog, localStorage for settings. */
export function createWebPlatform(version: string): ChorusApi {
  const granted = new Map<string, File>();
  let settings: Settings | null = null;
  return {
    platform: 'web',
    appInfo: async () => ({ apiVersion: CHORUS_API_VERSION, platform: 'web', version }),
    openDataset: async (options) => {
      const files = await pickWebFiles(options);
      return files && files.map((file): GrantedFile => grantFile(granted, file));
    },
    readSlice: async (token, offset, length) => {
      const file = granted.get(token);
      if (!file) throw new Error('readSlice: no such file was chosen');
      return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
    },
    openTextFile: () => pickTextFile(),
    loadSettings: async () => {
      const stored = localStorage.getItem(SETTINGS_KEY);
      const read = readSettings(stored ?? legacySettings());
      if (read.backUp && stored !== null) localStorage.setItem(`${SETTINGS_KEY}.bak`, stored);
      settings = read.settings;
      if (read.backUp || stored === null) localStorage.setItem(SETTINGS_KEY, settingsText(settings));
      return { settings, notice: settingsNotice('this browser\u2019s storage', read, read.backUp && stored !== null ? `${SETTINGS_KEY}.bak in its storage` : null) };
    },
    saveSettings: async (patch) => {
      settings = patchSettings(settings ?? readSettings(localStorage.getItem(SETTINGS_KEY)).settings, patch);
      localStorage.setItem(SETTINGS_KEY, settingsText(settings));
    },
    onMenuCommand: (listener: (command: MenuCommand) => void) => pageEvents(MENU_COMMAND_EVENT, (detail) => menuCommandSchema.safeParse(detail), listener),
    onOpenRequest: (listener: (request: OpenRequest) => void) => pageEvents(OPEN_REQUEST_EVENT, (detail) => openRequestSchema.safeParse(detail), listener),
  };
}

function pageEvents<T>(name: string, parse: (detail: unknown) => { success: true; data: T } | { success: false }, listener: (value: T) => void): () => void {
  const handler = (event: Event) => {
    const parsed = parse((event as CustomEvent).detail);
    if (parsed.success) listener(parsed.data);
  };
  window.addEventListener(name, handler);
  return () => window.removeEventListener(name, handler);
}

/** Mapping presets the web build saved before settings existed, as a settings file (or null). */
function legacySettings(): string | null {
  const presets = localStorage.getItem(OLD_PRESETS_KEY);
  if (presets === null) return null;
  try {
    return JSON.stringify({ version: 1, mappingPresets: JSON.parse(presets) as unknown });
  } catch {
    return null;
  }
}

function grantFile(granted: Map<string, File>, file: File): GrantedFile {
  const token = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  granted.set(token, file);
  return { name: file.webkitRelativePath || file.name, size: file.size, token };
}

/** The browser's picker: several files, or a whole folder (files then carry webkitRelativePath). */
export function pickWebFiles(options?: OpenDatasetOptions, { multiple = true, accept = DATA_EXTENSIONS.join(',') } = {}): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    if (options?.folder) input.webkitdirectory = true;
    else input.accept = accept;
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      resolve(files.length === 0 ? null : files);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** One JSON file (a view, a story) by the browser's picker, as text. */
export async function pickTextFile(): Promise<TextFile | null> {
  const files = await pickWebFiles({ folder: false }, { multiple: false, accept: '.json,application/json' });
  const file = files?.[0];
  return file ? { name: file.name, text: await file.text() } : null;
}
