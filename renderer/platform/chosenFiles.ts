import type { GrantedFile } from '../../shared/platform/chorusApi';
import { readGranted } from './grantedFiles';
import { folderMembers } from '../../shared/formats/folderMembers';
import { chorus } from './chorus';
import { pickWebFiles } from './webPlatform';

/**
 * A file as the renderer hands it to the worker: a Blob (a File from the picker or a drop, or the bytes
 * Electron's dialog sent), which the worker reads in slices. `name` carries the folder for folder picks
 * and drops (`plane0/F.npy`), which is how a suite2p or Kilosort folder stays together.
 */
export interface ChosenFile {
  readonly name: string;
  readonly blob: Blob;
}

/** Files main granted, read from main in slices (grantedFiles.ts). */
export function fromGranted(files: readonly GrantedFile[]): Promise<ChosenFile[]> {
  return readGranted(files, (token, offset, length) => chorus.readSlice(token, offset, length));
}

/** Files of a folder pick keep their relative path; only the files Chorus reads are kept. */
export function fromFileList(files: readonly File[]): ChosenFile[] {
  const named = files.map((file) => ({ name: file.webkitRelativePath || file.name, blob: file as Blob }));
  return keepReadable(named);
}

/** Per folder, the members Chorus reads (a Kilosort folder's large intermediates are left out). */
export function keepReadable(files: readonly ChosenFile[]): ChosenFile[] {
  const folders = new Map<string, ChosenFile[]>();
  for (const file of files) {
    const cut = file.name.lastIndexOf('/');
    const folder = cut < 0 ? '' : file.name.slice(0, cut);
    folders.set(folder, [...(folders.get(folder) ?? []), file]);
  }
  // A results folder (chorus analyze or merge --format parquet): its manifest and every table, pairs/ included.
  const names = new Set(files.map((f) => f.name));
  const resultsFolders = files
    .filter((f) => /(^|\/)results\.json$/.test(f.name))
    .map((f) => f.name.slice(0, f.name.length - 'results.json'.length))
    .filter((folder) => names.has(`${folder}frames.parquet`));
  const inResults = (name: string) => resultsFolders.some((folder) => name.startsWith(folder) && /\.(parquet|json)$/i.test(name));
  if (resultsFolders.length > 0) return files.filter((f) => inResults(f.name));
  return [...folders.entries()].flatMap(([folder, members]) => {
    if (folder === '') return members; // files chosen one by one: the user meant each of them
    const keep = new Set(folderMembers(members.map((m) => m.name.slice(folder.length + 1))));
    return members.filter((m) => keep.has(m.name.slice(folder.length + 1)));
  });
}

/** Dropped files and folders (folders walked through the entries API), with folder paths in the names. */
export async function fromDrop(transfer: DataTransfer): Promise<ChosenFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.some((e) => e === null)) return fromFileList([...transfer.files]);
  const files: ChosenFile[] = [];
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      files.push({ name: path ? `${path}/${file.name}` : file.name, blob: file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children: FileSystemEntry[] = [];
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        children.push(...batch);
      }
      for (const child of children) await walk(child, path ? `${path}/${entry.name}` : entry.name);
    }
  };
  for (const entry of entries) await walk(entry!, '');
  return keepReadable(files);
}

/**
 * The platform's picker as ChosenFiles. After a click in the window (a user gesture) the browser's own
 * file chooser is used on every platform — Electron shows the native dialog for it — so the worker gets
 * the Files themselves and reads them in slices. The Electron menu has no gesture in the page: it asks
 * main's dialog, whose files the page reads from main in slices (fromGranted).
 */
export function chooseFiles(folder: boolean, fromGesture = true): Promise<ChosenFile[] | null> {
  // One chooser at a time: a double click (or a click while the menu's dialog is up) opens one.
  if (choosing) return Promise.resolve(null);
  choosing = pick(folder, fromGesture).finally(() => {
    choosing = null;
  });
  return choosing;
}

let choosing: Promise<ChosenFile[] | null> | null = null;

async function pick(folder: boolean, fromGesture: boolean): Promise<ChosenFile[] | null> {
  if (chorus.platform === 'web' || fromGesture) {
    const files = await pickWebFiles({ folder });
    return files && fromFileList(files);
  }
  const granted = await chorus.openDataset({ folder });
  return granted && fromGranted(granted);
}
