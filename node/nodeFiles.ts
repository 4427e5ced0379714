import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import type { InputFile } from '../shared/formats/source';

/**
 * The real file system as the CLI's readers see it: files read in slices as readers ask (HDF5 reads only
 * what it needs), whole files, and folder listings. Descriptors stay open until `closeAll` (the process's
 * or the read worker's end).
 */
export interface NodeFiles {
  readFile(path: string): Promise<Uint8Array>;
  openFile(path: string): Promise<InputFile>;
  listFolder(path: string): Promise<string[] | null>;
  closeAll(): void;
}

export function nodeFiles(): NodeFiles {
  const descriptors: number[] = [];
  return {
    readFile: async (path) => new Uint8Array(await readFile(path)),
    openFile: async (path) => {
      const fd = openSync(path, 'r');
      descriptors.push(fd);
      const size = fstatSync(fd).size;
      return {
        name: path,
        source: {
          size,
          read: (offset, length) => {
            const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
            let done = 0;
            while (done < bytes.length) {
              const n = readSync(fd, bytes, done, bytes.length - done, offset + done);
              if (n === 0) break;
              done += n;
            }
            return bytes.subarray(0, done);
          },
        },
      };
    },
    listFolder: async (path) => ((await stat(path)).isDirectory() ? readdir(path) : null),
    closeAll: () => {
      for (const fd of descriptors.splice(0)) closeSync(fd);
    },
  };
}
