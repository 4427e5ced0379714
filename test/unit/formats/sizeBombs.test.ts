import { beforeAll, describe, expect, it } from 'vitest';
import { Zip, ZipDeflate, Zlib } from 'fflate';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { inputFromBytes, openSessionFiles } from '../../../shared/formats/index';
import { readMatV5 } from '../../../shared/formats/matV5';
import { readMatV73 } from '../../../shared/formats/matV73';
import { readNpz } from '../../../shared/formats/npz';
import { inspectNwb } from '../../../shared/formats/nwbInspect';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { runCli, type CliIo } from '../../../node/cli';
import { findH5pyPython, runPythonJson } from '../../helpers/python';
import { refusal } from '../../helpers/refusal';
import { concat, element as matElement } from '../../helpers/matV5Bytes';

/**
 * Decompression and size bombs (issue 16): small files that declare hundreds of millions of elements are
 * refused before anything that size is allocated or inflated, with a message saying what was declared.
 * Every bomb is made here: zlib and deflate of zeros are tiny, and h5py resizes a chunked dataset without
 * writing it.
 */

const GiB = 1024 ** 3;

/** A stream of `count` zero bytes after `head`, compressed by `push` a megabyte at a time (never held whole). */
function pushZeros(push: (chunk: Uint8Array, final: boolean) => void, head: Uint8Array, count: number, tail = new Uint8Array(0)): void {
  push(head, false);
  const zeros = new Uint8Array(1 << 20);
  for (let left = count; left > 0; left -= zeros.length) push(zeros.subarray(0, Math.min(left, zeros.length)), false);
  push(tail, true);
}

/** A little-endian MATLAB data element in the long form (type, size, payload padded to 8 bytes), as in a compressed variable. */
const element = (type: number, payload: Uint8Array): Uint8Array => matElement(true, type, payload, false);

const uint32s = (...values: number[]) => new Uint8Array(Uint32Array.from(values).buffer);

/**
 * A MATLAB v7 file of one variable `a`, a double array of `count` × 1 stored as zero bytes (miUINT8, as
 * MATLAB stores doubles that fit in a byte), inside one miCOMPRESSED element: 200 million take 195 KB.
 * `streamed` zeros follow its tag in the zlib stream (more than `count` makes the stream lie about its size).
 */
function matV5Bomb(count: number, streamed = count): Uint8Array {
  const [miUINT8, miINT32, miUINT32, miINT8, miMATRIX, miCOMPRESSED, mxDOUBLE] = [2, 5, 6, 1, 14, 15, 6];
  const arrayHead = concat([element(miUINT32, uint32s(mxDOUBLE, 0)), element(miINT32, uint32s(count, 1)), element(miINT8, new TextEncoder().encode('a'))]);
  const dataTag = uint32s(miUINT8, count);
  const padding = new Uint8Array((8 - (count % 8)) % 8);
  const matrixTag = uint32s(miMATRIX, arrayHead.length + dataTag.length + count + padding.length);
  const compressed: Uint8Array[] = [];
  const zlib = new Zlib({ level: 9 }, (chunk) => compressed.push(chunk));
  pushZeros((chunk, final) => zlib.push(chunk, final), concat([matrixTag, arrayHead, dataTag]), streamed, padding);
  const body = concat(compressed);
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, Platform: GLNXA64, Created by: Chorus tests'));
  header.set([0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01, 0x49, 0x4d], 116); // subsystem offset, version 0x0100, 'IM'
  return concat([header, uint32s(miCOMPRESSED, body.length), body]);
}

/** An .npz holding `a.npy`: `count` zeros of `descr` (itemSize bytes each), deflated as NumPy's savez_compressed does. */
function npzBomb(descr: string, itemSize: number, count: number): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${count},), }`;
  header = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11, ' ') + '\n';
  const npyHead = concat([new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]), new TextEncoder().encode(header)]);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const member = new ZipDeflate('a.npy', { level: 9 });
  zip.add(member);
  pushZeros((chunk, final) => member.push(chunk, final), npyHead, count * itemSize);
  zip.end();
  return concat(chunks);
}

/**
 * The memory a refusal took: the growth of the process's peak RSS (so an allocation freed before the
 * refusal still shows) and of its RSS after a full garbage collection, in MB.
 */
async function memoryOf(run: () => Promise<unknown>): Promise<{ peakMB: number; rssMB: number; seconds: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const [peak, rss, started] = [process.resourceUsage().maxRSS * 1024, process.memoryUsage().rss, performance.now()];
  await run();
  const seconds = (performance.now() - started) / 1000;
  gc();
  return { peakMB: (process.resourceUsage().maxRSS * 1024 - peak) / 1e6, rssMB: (process.memoryUsage().rss - rss) / 1e6, seconds };
}

const DECLARED = /declares 200,000,000 elements \(1\.5 GB as double/;

describe('decompression bombs: MATLAB v7 and .npz', () => {
  it('refuses a 195 KB MATLAB file inflating to 200 million zeros from its declared dims, inflating only kilobytes', async () => {
    const bomb = matV5Bomb(200_000_000);
    expect(bomb.length).toBeLessThan(250_000);
    let error: DatasetError | null = null;
    const used = await memoryOf(async () => (error = await refusal(() => readMatV5(bomb, 'bomb.mat', { memoryLimit: GiB }))));
    console.info(`MATLAB bomb (${(bomb.length / 1e3).toFixed(0)} KB): refused in ${used.seconds.toFixed(2)} s, peak RSS +${used.peakMB.toFixed(1)} MB, RSS +${used.rssMB.toFixed(1)} MB`);
    expect(error!.issues).toEqual([
      {
        severity: 'error',
        code: 'memory-limit',
        file: 'bomb.mat',
        field: 'a',
        message: 'declares 200,000,000 elements (1.5 GB as double, besides the 190.7 MB it inflates to), more than the memory limit of 1.0 GB (--max-memory); it was not read — check the file, or raise the limit if the machine has the memory',
      },
    ]);
    expect(used.peakMB).toBeLessThan(300);
  });

  it('refuses the same bomb through the app\'s way in, at its default limit of 1 GB', async () => {
    const error = await refusal(() => openSessionFiles([inputFromBytes('bomb.mat', matV5Bomb(200_000_000))], { dropSilent: false }));
    expect(error.issues[0]).toMatchObject({ code: 'memory-limit', file: 'bomb.mat', field: 'a' });
    expect(error.issues[0]!.message).toMatch(DECLARED);
  });

  it('inflates no more than a compressed variable declares, whatever its stream holds', async () => {
    // 8 values declared, 100 MB of zeros behind them in the stream: the reader stops after the 8.
    const lying = matV5Bomb(8, 100_000_000);
    let values: ArrayLike<number> = [];
    const used = await memoryOf(async () => (values = (await readMatV5(lying, 'lying.mat', { memoryLimit: GiB })).variables[0]!.values as ArrayLike<number>));
    expect(Array.from(values)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(used.peakMB).toBeLessThan(50);
  });

  for (const [label, descr, itemSize, count, size] of [
    ['200 million uint8 zeros (0.2 MB)', '|u1', 1, 200_000_000, '1.5 GB'],
    ['100 million float64 zeros (0.8 MB)', '<f8', 8, 100_000_000, '762.9 MB'],
  ] as const) {
    it(`refuses an .npz of ${label} from its .npy header, before inflating it`, async () => {
      const bomb = npzBomb(descr, itemSize, count);
      expect(bomb.length).toBeLessThan(1_000_000);
      let error: DatasetError | null = null;
      const used = await memoryOf(async () => (error = await refusal(() => readNpz(bomb, 'bomb.npz', { memoryLimit: GiB }))));
      console.info(`.npz bomb of ${label}: ${(bomb.length / 1e3).toFixed(0)} KB, refused in ${used.seconds.toFixed(2)} s, peak RSS +${used.peakMB.toFixed(1)} MB, RSS +${used.rssMB.toFixed(1)} MB`);
      const inflated = count * itemSize + 128;
      expect(error!.issues).toEqual([
        {
          severity: 'error',
          code: 'memory-limit',
          file: 'bomb.npz:a.npy',
          field: '(npy header)',
          message: `declares ${count.toLocaleString('en-US')} elements (${size} as double, shape (${count}) of ${descr}, besides the ${(inflated / 1024 ** 2).toFixed(1)} MB it inflates to), more than the memory limit of 1.0 GB (--max-memory); it was not read — check the file, or raise the limit if the machine has the memory`,
        },
      ]);
      expect(used.peakMB).toBeLessThan(300);
    });
  }
});

const python = findH5pyPython();
if (!python.command) console.warn(`HDF5 size-bomb tests skipped: ${python.reason}`);
const bombScript = fileURLToPath(new URL('../../helpers/hdf5_size_bombs.py', import.meta.url));

describe.skipIf(!python.command)('size bombs: HDF5 datasets resized to 200 million elements', () => {
  let files: Record<string, Uint8Array> = {};

  beforeAll(() => {
    const output = runPythonJson(python.command!, bombScript, {}) as { files: Record<string, string> };
    files = Object.fromEntries(Object.entries(output.files).map(([name, base64]) => [name, new Uint8Array(Buffer.from(base64, 'base64'))]));
  });

  it('refuses an NWB file whose spike times were resized to 200 million, in inspect and in reading, without reading them', async () => {
    expect(files['resized_units.nwb']!.length).toBeLessThan(100_000);
    const input = inputFromBytes('resized.nwb', files['resized_units.nwb']!);
    let inspected: DatasetError | null = null;
    const used = await memoryOf(async () => (inspected = await refusal(() => inspectNwb(input, { memoryLimit: GiB }))));
    console.info(`resized NWB: refused in ${used.seconds.toFixed(2)} s, peak RSS +${used.peakMB.toFixed(1)} MB, RSS +${used.rssMB.toFixed(1)} MB`);
    for (const error of [inspected!, await refusal(() => openSessionFiles([input], { dropSilent: false, memoryLimit: GiB }))]) {
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]).toMatchObject({ code: 'memory-limit', file: 'resized.nwb', field: '/units/spike_times' });
      expect(error.issues[0]!.message).toMatch(DECLARED);
    }
    expect(used.peakMB).toBeLessThan(300);
  });

  it('refuses a MATLAB v7.3 variable resized to 10 × 20 million, naming it', async () => {
    const error = await refusal(() => readMatV73(inputFromBytes('resized.mat', files['resized_v73.mat']!), { memoryLimit: GiB }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ code: 'memory-limit', file: 'resized.mat', field: 'a' });
    expect(error.issues[0]!.message).toMatch(DECLARED);
  });

  it('refuses a dataset past what the HDF5 library reads in one piece, whatever --max-memory allows', async () => {
    const error = await refusal(() => inspectNwb(inputFromBytes('resized.nwb', files['resized_units.nwb']!), { memoryLimit: 64 * GiB }));
    expect(error.issues[0]).toMatchObject({ code: 'memory-limit', field: '/units/spike_times' });
    expect(error.issues[0]!.message).toBe('declares 200,000,000 elements (1.5 GB as stored), more than the HDF5 reader takes in one piece (1.0 GB)');
  });
});

describe('chorus --max-memory', () => {
  function cliIo(files: Record<string, Uint8Array>): CliIo & { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      readFile: async (path) => files[path] ?? Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT', path })),
      listFolder: async () => null,
      writeFile: async () => {},
      stdout: (text) => void out.push(text),
      stderr: (text) => void err.push(text),
      version: 'test',
      workerUrl: new URL('file:///nonexistent'),
      defaultWorkers: 1,
    };
  }

  it('refuses a bomb past the limit it is given, saying what was declared and naming the flag', async () => {
    const io = cliIo({ 'bomb.mat': matV5Bomb(200_000_000) });
    expect(await runCli(['inspect', 'bomb.mat', '--max-memory', '1G'], io)).toBe(2);
    expect(io.err.join('')).toContain('chorus: bomb.mat: a: declares 200,000,000 elements (1.5 GB as double, besides the 190.7 MB it inflates to), more than the memory limit of 1.0 GB (--max-memory)');
    const convert = cliIo({ 'bomb.mat': matV5Bomb(200_000_000) });
    expect(await runCli(['convert', 'bomb.mat', '--out', 'x.chorus.json', '--max-memory', '512M'], convert)).toBe(2);
    expect(convert.err.join('')).toContain('more than the memory limit of 512.0 MB (--max-memory)');
  });

  it('takes sizes with binary units and refuses sizes it cannot read', async () => {
    const io = cliIo({ 'bomb.mat': matV5Bomb(200_000_000) });
    expect(await runCli(['inspect', 'bomb.mat', '--max-memory', '1.5GiB'], io)).toBe(2);
    expect(io.err.join('')).toContain('more than the memory limit of 1.5 GB (--max-memory)');
    for (const size of ['lots', '0', '10k', '2X']) {
      const io = cliIo({});
      expect(await runCli(['inspect', 'x.mat', '--max-memory', size], io), size).toBe(2);
      expect(io.err.join(''), size).toContain(`--max-memory needs a size of at least 1M, such as 512M or 4G, got "${size}"`);
    }
  });
});
