// Node entry of the CLI: wires runCli to the real file system and streams.
import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from './cli';

declare const CHORUS_VERSION: string;

const code = await runCli(process.argv.slice(2), {
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: (path, text) => writeFile(path, text),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  version: typeof CHORUS_VERSION === 'string' ? CHORUS_VERSION : 'dev',
});
process.exitCode = code;
