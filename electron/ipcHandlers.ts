/**
 * Every IPC handler of main, as plain functions over injected services: each checks that the message
 * comes from the app's own page and validates its payload before doing anything (the renderer is
 * untrusted). Registered with Electron in ipc.ts; unit-tested directly.
 */
import { z } from 'zod';
import { basename } from 'node:path';
import { CHORUS_API_VERSION, IPC, MAX_DATASET_BYTES, type AppInfo, type PickedFile } from '../shared/platform/chorusApi';
import { isAppUrl } from './security';

export interface ShellServices {
  version: string;
  /** Native open dialog; resolves to the chosen paths, or null when cancelled. */
  chooseDatasetPaths(): Promise<string[] | null>;
  fileSize(path: string): Promise<number>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}

export class IpcRejection extends Error {}

const noPayload = z.tuple([]);

type Handler = (senderUrl: string, args: unknown[]) => Promise<unknown>;

export function createIpcHandlers(services: ShellServices): Record<string, Handler> {
  const guarded =
    <T>(schema: z.ZodType, run: () => Promise<T>): Handler =>
    async (senderUrl, args) => {
      if (!isAppUrl(senderUrl)) throw new IpcRejection(`IPC from an unexpected page (${senderUrl}) was refused`);
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw new IpcRejection(`IPC payload refused: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return run();
    };

  return {
    [IPC.appInfo]: guarded(noPayload, async (): Promise<AppInfo> => ({
      apiVersion: CHORUS_API_VERSION,
      platform: 'electron',
      version: services.version,
    })),
    [IPC.openDataset]: guarded(noPayload, async (): Promise<PickedFile[] | null> => {
      const paths = await services.chooseDatasetPaths();
      if (paths === null || paths.length === 0) return null;
      let total = 0;
      for (const path of paths) total += await services.fileSize(path);
      if (total > MAX_DATASET_BYTES) {
        const what = paths.length === 1 ? basename(paths[0]!) : `${paths.length} files`;
        throw new IpcRejection(`${what} ${paths.length === 1 ? 'is' : 'are'} ${(total / 2 ** 30).toFixed(1)} GiB; Chorus opens up to 1 GiB in one piece`);
      }
      return Promise.all(paths.map(async (path) => ({ name: basename(path), bytes: await services.readFile(path) })));
    }),
  };
}
