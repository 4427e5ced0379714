// Node entry of the CLI: wires runCli to the real file system, streams, cores and Ctrl+C.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli';
import { nodeFiles } from './nodeFiles';
import { kernelsFromEnvironment } from './kernelThreads';
import { nodeAccelerator } from './nodeGpu';

declare const CHORUS_VERSION: string;

const cancel = new AbortController();
process.once('SIGINT', () => cancel.abort());

try {
  kernelsFromEnvironment();
} catch (error) {
  process.stderr.write(`chorus: ${(error as Error).message}\n`);
  process.exit(2);
}

const files = nodeFiles();

const code = await runCli(process.argv.slice(2), {
  readFile: files.readFile,
  openFile: files.openFile,
  listFolder: files.listFolder,
  writeFile: (path, text) => writeFile(path, text),
  writeBytes: async (path, bytes) => {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.partial`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  },
  makeFolder: async (path) => void (await mkdir(path, { recursive: true })),
  resolvePath: (path) => resolve(path),
  runProgram: (file, args) =>
    new Promise((done, fail) => {
      execFile(file, [...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') fail(error);
        else done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
    }),
  // This very bundle (already built): jobs on every node run the same install, and none rebuilds it.
  chorusCommand: [process.execPath, fileURLToPath(import.meta.url)],
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  version: typeof CHORUS_VERSION === 'string' ? CHORUS_VERSION : 'dev',
  workerUrl: new URL('./frameWorker.mjs', import.meta.url),
  defaultWorkers: Math.min(8, availableParallelism()),
  signal: cancel.signal,
  readWorkerUrl: new URL('./readWorker.mjs', import.meta.url),
  rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
  openAccelerator: (backend) => nodeAccelerator(backend),
});
files.closeAll();
process.exit(code);
