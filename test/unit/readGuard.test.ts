import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../../node/cli';
import { ReadWorkerHost } from '../../node/guardedRead';
import { answerOf, errorOf } from '../../node/readRequest';
import { nodeFiles } from '../../node/nodeFiles';
import { DatasetError } from '../../shared/dataset/datasetError';
import { MappingError } from '../../shared/formats/mappingError';
import { EMPTY_MAPPING } from '../../shared/formats/mapping';
import { encode, smallChorusFile } from '../helpers/smallDataset';

/**
 * The CLI's guarded reads (node/guardedRead.ts) on the built read worker: a damaged NWB file that sends
 * the HDF5 library into an endless loop (the fuzzer's regression fixture) is stopped and refused, naming
 * it, and the next file still reads; Ctrl+C ends a read at once; refusals keep their class across the thread.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const looping = join(root, 'test/fixtures/fuzz/nwb/hang-38f5ba09/units_int64.nwb');
let bundled = '';
let workerUrl: URL;

beforeAll(async () => {
  bundled = mkdtempSync(join(tmpdir(), 'chorus-read-'));
  await build({ absWorkingDir: root, entryPoints: ['node/readWorker.ts'], outfile: join(bundled, 'readWorker.mjs'), bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
  workerUrl = pathToFileURL(join(bundled, 'readWorker.mjs'));
}, 60_000);
afterAll(() => rmSync(bundled, { recursive: true, force: true }));

function cliIo(signal?: AbortSignal) {
  const files = nodeFiles();
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      ...files,
      writeFile: async () => {},
      stdout: (text: string) => void out.push(text),
      stderr: (text: string) => void err.push(text),
      version: 'test',
      workerUrl: new URL('file:///unused'),
      defaultWorkers: 1,
      readWorkerUrl: workerUrl,
      ...(signal ? { signal } : {}),
    },
  };
}

describe('reads the CLI stops when they stop making progress', () => {
  it('refuses an NWB file the HDF5 library loops on, naming it, and goes on to the next file', async () => {
    const small = join(bundled, 'small.chorus.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(small, encode(smallChorusFile({ neurons: 3, trialsPerSide: 6, sessions: 1 }))));
    const { io, out, err } = cliIo();
    const code = await runCli(['inspect', looping, small, '--read-timeout', '2'], io);
    expect(code).toBe(2);
    expect(err.join('')).toContain(`chorus: ${looping}: (file): was still being read after 2 s without progress and was stopped: the file is damaged`);
    expect(out.join('')).toMatch(/small\.chorus\.json: Chorus dataset \(\.chorus\.json\) — 3 neuron\(s\)/);
  }, 60_000);

  it('analyze refuses it the same way, with exit code 2', async () => {
    const { io, err } = cliIo();
    expect(await runCli(['analyze', looping, '--read-timeout', '2'], io)).toBe(2);
    expect(err.join('')).toMatch(/\(file\): was still being read after 2 s without progress/);
  }, 60_000);

  it('Ctrl+C ends a stuck read (exit 130), without waiting for the time limit', async () => {
    const cancel = new AbortController();
    const { io, err } = cliIo(cancel.signal);
    setTimeout(() => cancel.abort(), 3000);
    // A 600 s limit, far past the test's own: the read ends because of the cancel, which the message says.
    expect(await runCli(['inspect', looping, '--read-timeout', '600'], io)).toBe(130);
    expect(err.join('')).toMatch(/cancelled/);
    expect(err.join('')).not.toMatch(/without progress/);
  }, 60_000);

  it('keeps one worker for many reads and replaces it after a stopped one', async () => {
    const host = new ReadWorkerHost({ workerUrl, timeoutSeconds: 2 });
    const small = { name: 'a.chorus.json', bytes: encode(smallChorusFile({ neurons: 3, trialsPerSide: 6, sessions: 1 })) };
    const open = (sources: { name: string; bytes: Uint8Array }[]) => host.read<{ dataset: { neurons: unknown[] } }>({ kind: 'open', sources, matching: null, mapping: EMPTY_MAPPING, dropSilent: true, memoryLimit: 1e9 });
    expect((await open([small])).dataset.neurons).toHaveLength(3);
    const stuck = await open([{ name: 'loop.nwb', bytes: new Uint8Array(readFileSync(looping)) }]).catch((error: unknown) => error);
    expect(stuck).toBeInstanceOf(DatasetError);
    expect((stuck as DatasetError).issues[0]).toMatchObject({ code: 'damaged-file', file: 'loop.nwb', field: '(file)' });
    expect((await open([small])).dataset.neurons).toHaveLength(3);
    host.close();
  }, 60_000);
});

describe('refusals crossing the thread', () => {
  it('a DatasetError and a MappingError (with its choices) come back as themselves; anything else as an Error with its message', () => {
    const issues = [{ severity: 'error' as const, file: 'f.mat', field: 'resp', message: 'needs its axes named' }];
    const mapping = errorOf(answerOf(new MappingError(issues, { responses: ['resp'] })) as never);
    expect(mapping).toBeInstanceOf(MappingError);
    expect((mapping as MappingError).choices).toEqual({ responses: ['resp'] });
    const plain = errorOf(answerOf(new DatasetError(issues)) as never);
    expect(plain).toBeInstanceOf(DatasetError);
    expect(plain).not.toBeInstanceOf(MappingError);
    const other = errorOf(answerOf(new TypeError('x is not a function')) as never);
    expect(other).toMatchObject({ name: 'TypeError', message: 'x is not a function' });
  });
});
