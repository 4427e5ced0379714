/**
 * Every IPC handler of main, as plain functions over injected services: each checks that the message
 * comes from the app's own page and validates its payload before doing anything (the renderer is
 * untrusted). Registered with Electron in ipc.ts; unit-tested directly.
 */
import { z } from 'zod';
import { basename, join } from 'node:path';
import { folderMembers, isResultsFolder } from '../shared/formats/folderMembers';
import {
  CHORUS_API_VERSION,
  IPC,
  MAX_DATASET_BYTES,
  MAX_TEXT_FILE_BYTES,
  openDatasetOptionsSchema,
  readSliceArgsSchema,
  settingsPatchSchema,
  textFileKindSchema,
  type AppInfo,
  type GrantedFile,
  type LoadedSettings,
  type OpenDatasetOptions,
  type TextFile,
  type TextFileKind,
} from '../shared/platform/chorusApi';
import type { SettingsPatch } from '../shared/desktop/settings';
import { isAppUrl } from './security';
import type { FileGrants } from './fileGrants';

export interface ShellServices {
  version: string;
  /** Native open dialog (files, or one folder); resolves to the chosen paths, or null when cancelled. */
  chooseDatasetPaths(folder: boolean): Promise<string[] | null>;
  /** Native open dialog for one view or story file; null when cancelled. */
  chooseTextFile(kind: TextFileKind): Promise<string | null>;
  /** The names in a folder, or null when the path is a file. */
  listFolder(path: string): Promise<string[] | null>;
  fileSize(path: string): Promise<number>;
  /** Up to `length` bytes of the file from `offset`. */
  readSlice(path: string, offset: number, length: number): Promise<Uint8Array<ArrayBuffer>>;
  readText(path: string): Promise<string>;
  grants: FileGrants;
  loadSettings(): LoadedSettings;
  saveSettings(patch: SettingsPatch): void;
  /** A file the user opened, for the recent lists (the app's menu and the OS's). */
  noteOpened(kind: 'dataset' | TextFileKind, path: string): void;
}

export class IpcRejection extends Error {}

const noPayload = z.tuple([]);

type Handler = (senderUrl: string, args: unknown[]) => Promise<unknown>;

/**
 * The files of a dataset the user chose, granted to the page: a chosen folder stands for the files Chorus
 * reads in it, named `folder/file` (one recording). Refuses a folder with nothing to read and a total
 * over MAX_DATASET_BYTES.
 */
export async function grantDataset(paths: readonly string[], services: Pick<ShellServices, 'listFolder' | 'fileSize' | 'grants'>): Promise<GrantedFile[]> {
  const named: { path: string; name: string }[] = [];
  let results = false;
  for (const path of paths) {
    const names = await services.listFolder(path);
    if (names === null) named.push({ path, name: basename(path) });
    else if (isResultsFolder(names)) {
      // Saved results: the manifest, the tables and every file of pairs/ (the page streams them in slices).
      results = true;
      for (const name of names.filter((n) => /\.(parquet|json)$/i.test(n))) named.push({ path: join(path, name), name: `${basename(path)}/${name}` });
      const pairs = names.includes('pairs') ? ((await services.listFolder(join(path, 'pairs'))) ?? []) : [];
      for (const name of pairs.filter((n) => n.endsWith('.parquet'))) named.push({ path: join(path, 'pairs', name), name: `${basename(path)}/pairs/${name}` });
    } else for (const name of folderMembers(names)) named.push({ path: join(path, name), name: `${basename(path)}/${name}` });
  }
  if (named.length === 0) throw new IpcRejection(`${basename(paths[0] ?? '')} holds no file Chorus reads`);
  const sizes = await Promise.all(named.map(({ path }) => services.fileSize(path)));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  // A dataset is read whole into memory; results are streamed a row group at a time, so no cap applies.
  if (!results && total > MAX_DATASET_BYTES) {
    const what = named.length === 1 ? basename(named[0]!.path) : `${named.length} files`;
    throw new IpcRejection(`${what} ${named.length === 1 ? 'is' : 'are'} ${(total / 2 ** 30).toFixed(1)} GiB; Chorus opens up to 1 GiB at once`);
  }
  return named.map(({ path, name }, i) => ({ name, size: sizes[i]!, token: services.grants.grant(path, sizes[i]!) }));
}

/** A view or story file as text, refused over MAX_TEXT_FILE_BYTES (a view is a few kB: a large one is not one). */
export async function readTextFile(path: string, services: Pick<ShellServices, 'fileSize' | 'readText'>): Promise<TextFile> {
  const size = await services.fileSize(path);
  if (size > MAX_TEXT_FILE_BYTES) throw new IpcRejection(`${basename(path)} is ${(size / 2 ** 20).toFixed(0)} MiB: too large for a view or story file`);
  return { name: basename(path), text: await services.readText(path) };
}

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
    [IPC.openDataset]: guarded(z.union([noPayload, z.tuple([openDatasetOptionsSchema])]), async (args): Promise<GrantedFile[] | null> => {
      const folder = (args as [OpenDatasetOptions?])[0]?.folder ?? false;
      const chosen = await services.chooseDatasetPaths(folder);
      if (chosen === null || chosen.length === 0) return null;
      const granted = await grantDataset(chosen, services);
      // Several files chosen together are one dataset; the recent list keeps the first (a folder, or the file).
      services.noteOpened('dataset', chosen[0]!);
      return granted;
    }),
    [IPC.readSlice]: guarded(readSliceArgsSchema, async (args): Promise<Uint8Array<ArrayBuffer>> => {
      const [token, offset, length] = args as z.infer<typeof readSliceArgsSchema>;
      const file = services.grants.lookup(token);
      if (!file) throw new IpcRejection('IPC payload refused: no such file was chosen');
      if (offset >= file.size) return new Uint8Array(0);
      return services.readSlice(file.path, offset, Math.min(length, file.size - offset));
    }),
    [IPC.openTextFile]: guarded(z.tuple([textFileKindSchema]), async (args): Promise<TextFile | null> => {
      const [kind] = args as [TextFileKind];
      const path = await services.chooseTextFile(kind);
      if (path === null) return null;
      const file = await readTextFile(path, services);
      services.noteOpened(kind, path);
      return file;
    }),
    [IPC.loadSettings]: guarded(noPayload, async () => services.loadSettings()),
    [IPC.saveSettings]: guarded(z.tuple([settingsPatchSchema]), async (args) => {
      services.saveSettings((args as [SettingsPatch])[0]);
    }),
  };
}
