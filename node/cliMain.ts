// Node entry of the CLI: wires runCli to the real file system, streams, cores and Ctrl+C.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli';
import { nodeFiles } from './nodeFiles';

declare const CHORUS_VERSION: string;

const cancel = new AbortController();
process.once('SIGINT', () => cancel.abort());

const files = nodeFiles();

const code = await runCli(process.argv.slice(2), {
  readFile: files.readFile,
  openFile: files.openFile,
  listFolder: files.listFolder,
  writeFile: (path, text) => writeFile(path, text),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  version: typeof CHORUS_VERSION === 'string' ? CHORUS_VERSION : 'dev',
  workerUrl: new URL('./frameWorker.mjs', import.meta.url),
  defaultWorkers: Math.min(8, availableParallelism()),
  signal: cancel.signal,
  readWorkerUrl: new URL('./readWorker.mjs', import.meta.url),
  rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
});
files.closeAll();
process.exit(code);
