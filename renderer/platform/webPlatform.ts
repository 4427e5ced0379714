import { CHORUS_API_VERSION, type ChorusApi, type MenuCommand, type OpenDatasetOptions, type PickedFile } from '../../shared/platform/chorusApi';
import { DATA_EXTENSIONS } from '../../shared/formats/readerCatalog';

/** The browser implementation of window.chorus: a file input instead of a native dialog. */
export function createWebPlatform(version: string): ChorusApi {
  return {
    platform: 'web',
    appInfo: async () => ({ apiVersion: CHORUS_API_VERSION, platform: 'web', version }),
    openDataset: async (options) => {
      const files = await pickWebFiles(options);
      return files && Promise.all(files.map(readPickedFile));
    },
    onMenuCommand: (_listener: (command: MenuCommand) => void) => () => {},
  };
}

/** The browser's picker: several files, or a whole folder (files then carry webkitRelativePath). */
export function pickWebFiles(options?: OpenDatasetOptions): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    if (options?.folder) input.webkitdirectory = true;
    else input.accept = DATA_EXTENSIONS.join(',');
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      resolve(files.length === 0 ? null : files);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

export async function readPickedFile(file: File): Promise<PickedFile> {
  return { name: file.webkitRelativePath || file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
