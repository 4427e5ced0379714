import { CHORUS_API_VERSION, type ChorusApi, type MenuCommand, type PickedFile } from '../../shared/platform/chorusApi';

/** The browser implementation of window.chorus: a file input instead of a native dialog. */
export function createWebPlatform(version: string): ChorusApi {
  return {
    platform: 'web',
    appInfo: async () => ({ apiVersion: CHORUS_API_VERSION, platform: 'web', version }),
    openDataset: () => pickFile(),
    onMenuCommand: (_listener: (command: MenuCommand) => void) => () => {},
  };
}

function pickFile(): Promise<PickedFile[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.json,.chorus.json,.csv,.tsv,.txt,.nwb,application/json,text/csv';
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      if (files.length === 0) return resolve(null);
      void Promise.all(files.map(readPickedFile)).then(resolve);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

export async function readPickedFile(file: File): Promise<PickedFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
