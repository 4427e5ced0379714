/**
 * Every IPC handler of main, as plain functions over injected services: each checks that the message
 * comes from the app's own page and validates its payload before doing anything (the renderer is
 * untrusted). Registered with Electron in ipc.ts; unit-tested directly.
 */
import { z } from 'zod';
import { basename, join } from 'node:path';
import { folderMembers } from '../shared/formats/folderMembers';
import { CHORUS_API_VERSION, IPC, MAX_DATASET_BYTES, openDatasetOptionsSchema, type AppInfo, type OpenDatasetOptions, type PickedFile } from '../shared/platform/chorusApi';
import { isAppUrl } from './security';

export interface ShellServices {
  version: string;
  /** Native open dialog (files, or one folder); resolves to the chosen paths, or null when cancelled. */
  chooseDatasetPaths(folder: boolean): Promise<string[] | null>;
  /** The names in a folder, or null when the path is a file. */
  listFolder(path: string): Promise<string[] | null>;
  fileSize(path: string): Promise<number>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}

export class IpcRejection extends Error {}

const noPayload = z.tuple([]);

type Handler = (senderUrl: string, args: unknown[]) => Promise<unknown>;

export function createIpcHandlers(services: ShellServices): Record<string, Handler> {
  const guarded =
    <T>(schema: z.ZodType, run: (args: unknown) => Promise<T>): Handler =>
    async (senderUrl, args) => {
      if (!isAppUrl(senderUrl)) throw new IpcRejection(`IPC from an unexpected page (${senderUrl}) was refused`);
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw new IpcRejection(`IPC payload refused: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return run(parsed.data);
    };

  return {
    [IPC.appInfo]: guarded(noPayload, async (): Promise<AppInfo> => ({
      apiVersion: CHORUS_API_VERSION,
      platform: 'electron',
      version: services.version,
    })),
    [IPC.openDataset]: guarded(z.union([noPayload, z.tuple([openDatasetOptionsSchema])]), async (args): Promise<PickedFile[] | null> => {
      const folder = (args as [OpenDatasetOptions?])[0]?.folder ?? false;
      const chosen = await services.chooseDatasetPaths(folder);
      if (chosen === null || chosen.length === 0) return null;
      // A chosen folder stands for the files Chorus reads in it, named `folder/file` (one recording).
      const named: { path: string; name: string }[] = [];
      for (const path of chosen) {
        const names = await services.listFolder(path);
        if (names === null) named.push({ path, name: basename(path) });
        else for (const name of folderMembers(names)) named.push({ path: join(path, name), name: `${basename(path)}/${name}` });
      }
      if (named.length === 0) throw new IpcRejection(`${basename(chosen[0]!)} holds no file Chorus reads`);
      const paths = named.map((n) => n.path);
      let total = 0;
      for (const path of paths) total += await services.fileSize(path);
      if (total > MAX_DATASET_BYTES) {
        const what = paths.length === 1 ? basename(paths[0]!) : `${paths.length} files`;
        throw new IpcRejection(`${what} ${paths.length === 1 ? 'is' : 'are'} ${(total / 2 ** 30).toFixed(1)} GiB; Chorus opens up to 1 GiB in one piece`);
      }
      return Promise.all(named.map(async ({ path, name }) => ({ name, bytes: await services.readFile(path) })));
    }),
  };
}
