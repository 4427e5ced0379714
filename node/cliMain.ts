// Node entry of the CLI: wires runCli to the real file system, streams, cores and Ctrl+C.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { runCli } from './cli';
import type { InputFile } from '../shared/formats/source';

declare const CHORUS_VERSION: string;

const cancel = new AbortController();
process.once('SIGINT', () => cancel.abort());

/** Files are read in slices as readers ask (HDF5 reads only what it needs); descriptors close at exit. */
const descriptors: number[] = [];
function openFile(path: string): InputFile {
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
}

const code = await runCli(process.argv.slice(2), {
  readFile: async (path) => new Uint8Array(await readFile(path)),
  openFile: async (path) => openFile(path),
  listFolder: async (path) => ((await stat(path)).isDirectory() ? readdir(path) : null),
  writeFile: (path, text) => writeFile(path, text),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  version: typeof CHORUS_VERSION === 'string' ? CHORUS_VERSION : 'dev',
  workerUrl: new URL('./frameWorker.mjs', import.meta.url),
  defaultWorkers: Math.min(8, availableParallelism()),
  signal: cancel.signal,
});
for (const fd of descriptors) closeSync(fd);
process.exit(code);
