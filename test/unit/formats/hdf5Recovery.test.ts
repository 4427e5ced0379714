import { beforeAll, describe, expect, it } from 'vitest';
import h5wasm from 'h5wasm';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { inputFromBytes, openSessionFiles, type OpenedDataset } from '../../../shared/formats/index';
import { HDF5_LIBRARY } from '../../../shared/formats/hdf5/hdf5Library';
import { validateMapping } from '../../../shared/formats/mapping';
import { findH5pyPython, runPythonJson } from '../../helpers/python';
import { refusal } from '../../helpers/refusal';

/**
 * A WebAssembly trap inside the HDF5 library (a corrupt file) must not poison it: the file is refused as
 * damaged, and the next file reads on a fresh instance of the library, with its memory as before.
 */

const python = findH5pyPython();
if (!python.command) console.warn(`HDF5 recovery tests skipped: ${python.reason}`);

const fixtureScript = fileURLToPath(new URL('../../helpers/hdf5_fixtures.py', import.meta.url));
const mapping = validateMapping({ epochs: [{ name: 'response', event: 'cue_time', start: 0, end: 0.2 }] }, 'test');

/**
 * The objects of the file's (first) global heap collection, "GCOL", where HDF5 keeps variable-length
 * strings: index (2 bytes), reference count (2), reserved (4), size (8), data padded to 8 bytes.
 */
function heapObjects(bytes: Uint8Array): { collection: number; objects: { index: number; sizeAt: number; text: string }[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const collection = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('GCOL');
  const end = collection + Number(view.getBigUint64(collection + 8, true));
  const objects: { index: number; sizeAt: number; text: string }[] = [];
  for (let object = collection + 16; object + 16 <= end && view.getUint16(object, true) !== 0; ) {
    const size = Number(view.getBigUint64(object + 8, true));
    objects.push({ index: view.getUint16(object, true), sizeAt: object + 8, text: Buffer.from(bytes.subarray(object + 16, object + 16 + size)).toString('latin1') });
    object += 16 + Math.ceil(size / 8) * 8;
  }
  return { collection, objects };
}

/**
 * units_intervals.nwb with its first trial label ('left' / 'right', a variable-length string) pointing at
 * heap object 60000 of a collection that holds about 90. A reference is a length (4 bytes), the
 * collection's address (8) and the object's index (4). Read after another file on the same instance of the
 * library, the label column runs past the end of its memory: a WebAssembly trap, "memory access out of bounds".
 */
function withTrappingLabel(good: Uint8Array): Uint8Array {
  const bytes = good.slice();
  const view = new DataView(bytes.buffer);
  const { collection, objects } = heapObjects(bytes);
  const labels = new Set(objects.filter((o) => o.text === 'left' || o.text === 'right').map((o) => o.index));
  for (let at = 0; at + 16 <= bytes.length; at++) {
    const length = view.getUint32(at, true);
    if ((length === 4 || length === 5) && Number(view.getBigUint64(at + 4, true)) === collection && labels.has(view.getUint32(at + 12, true))) {
      view.setUint32(at + 12, 60_000, true);
      return bytes;
    }
  }
  throw new Error('the fixture holds no reference to a trial label');
}

/** The file with the heap object holding `text` claiming 4 GB, in a collection of 4 KB. */
function withOversizedString(good: Uint8Array, text: string): Uint8Array {
  const bytes = good.slice();
  const object = heapObjects(bytes).objects.find((o) => o.text === text);
  if (!object) throw new Error(`the fixture has no heap string '${text}'`);
  new DataView(bytes.buffer).setUint32(object.sizeAt, 0xffffffff, true);
  return bytes;
}

/** Memory after a full garbage collection: the old instances of the library are gone once nothing holds them. */
function settledMemory(): { rss: number; jsHeap: number } {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return { rss: process.memoryUsage().rss, jsHeap: process.memoryUsage().heapUsed };
}

describe.skipIf(!python.command)('HDF5 library recovery after a WebAssembly trap', () => {
  let good: Uint8Array;
  let trapping: Uint8Array;
  const open = (name: string, bytes: Uint8Array): Promise<OpenedDataset> => openSessionFiles([inputFromBytes(name, bytes)], { dropSilent: false, mapping });

  beforeAll(() => {
    const output = runPythonJson(python.command!, fixtureScript, {}) as { files: Record<string, string> };
    good = new Uint8Array(Buffer.from(output.files['units_intervals.nwb']!, 'base64'));
    trapping = withTrappingLabel(good);
  });

  it('refuses a file that traps the library as damaged or not HDF5, naming the file', async () => {
    await open('good.nwb', good);
    const error = await refusal(() => open('corrupt.nwb', trapping));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ severity: 'error', code: 'damaged-file', file: 'corrupt.nwb', field: '(HDF5)' });
    expect(error.issues[0]!.message).toBe('is damaged or not HDF5 (memory access out of bounds); check that it was copied whole, or export it again');
    expect(error.message).toMatch(/^corrupt\.nwb: \(HDF5\): is damaged or not HDF5/);
  });

  it('reads a good file to the same numbers after 100 trapped opens, on a fresh library with flat memory', async () => {
    const reference = (await open('good.nwb', good)).dataset.sessions[0]!;
    expect(reference.trialCount).toBe(20);
    // Warm up: the first renewals compile the library's code once; later ones reuse it.
    for (let k = 0; k < 5; k++) {
      await open('good.nwb', good);
      await refusal(() => open('corrupt.nwb', trapping));
    }
    const library = await h5wasm.ready;
    const wasmHeapBefore = library.HEAPU8.length;
    const renewalsBefore = HDF5_LIBRARY.renewals;
    const before = settledMemory();

    const reasons = new Set<string>();
    for (let k = 0; k < 100; k++) {
      // Read right after the previous trap: the reading that a trap used to poison.
      const session = (await open('good.nwb', good)).dataset.sessions[0]!;
      expect(session.responses).toEqual(reference.responses);
      const error = await refusal(() => open('corrupt.nwb', trapping));
      reasons.add(error.issues[0]!.message);
    }
    const after = settledMemory();
    const grown = { wasmHeapMB: (library.HEAPU8.length - wasmHeapBefore) / 1e6, rssMB: (after.rss - before.rss) / 1e6, jsHeapMB: (after.jsHeap - before.jsHeap) / 1e6 };
    console.info(`100 trapped opens: wasm heap ${(wasmHeapBefore / 1e6).toFixed(1)} MB → ${(library.HEAPU8.length / 1e6).toFixed(1)} MB, RSS ${grown.rssMB >= 0 ? '+' : ''}${grown.rssMB.toFixed(1)} MB, JS heap ${grown.jsHeapMB >= 0 ? '+' : ''}${grown.jsHeapMB.toFixed(1)} MB`);

    expect([...reasons]).toEqual(['is damaged or not HDF5 (memory access out of bounds); check that it was copied whole, or export it again']);
    expect(HDF5_LIBRARY.renewals - renewalsBefore).toBe(100);
    // Before the fix each trap left ~0.7 MB in the library's heap (19 → 83 MB over 100) and in RSS.
    expect(grown.wasmHeapMB).toBe(0);
    expect(grown.jsHeapMB).toBeLessThan(5);
    // RSS moves with when the old instances' memories are returned to the system: a bound, not an equality.
    expect(grown.rssMB).toBeLessThan(50);
    const last = (await open('good.nwb', good)).dataset.sessions[0]!;
    expect(last.responses).toEqual(reference.responses);
  }, 300_000);

  it('refuses a heap string claiming more than its collection before HDF5 reads it (it used to hang the library)', async () => {
    const renewalsBefore = HDF5_LIBRARY.renewals;
    const error = await refusal(() => open('oversized.nwb', withOversizedString(good, 'cue_time')));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ code: 'damaged-file', file: 'oversized.nwb', field: '(HDF5)' });
    expect(error.issues[0]!.message).toMatch(/^is damaged or not HDF5 \(a global heap object \(index \d+, at byte \d+\) claims 4294967295 bytes, more than its collection of 4096 bytes holds\)/);
    expect((await open('good.nwb', good)).dataset.sessions[0]!.trialCount).toBe(20);
    expect(HDF5_LIBRARY.renewals).toBe(renewalsBefore + 1);
  });

  it('renews the library when reading the file fails inside it (a source that throws part way)', async () => {
    const renewalsBefore = HDF5_LIBRARY.renewals;
    let reads = 0;
    // A source that fails part way through the library's reading, as a disk or a FileReaderSync can.
    const read = (offset: number, length: number) => {
      if (++reads > 3) throw new Error('I/O error');
      return good.subarray(offset, offset + length);
    };
    const failing = { name: 'flaky.nwb', source: { size: good.length, read } };
    const error = await refusal(() => openSessionFiles([failing], { dropSilent: false, mapping }));
    expect(error.issues[0]).toMatchObject({ code: 'damaged-file', file: 'flaky.nwb', field: '(HDF5)' });
    expect((await open('good.nwb', good)).dataset.sessions[0]!.trialCount).toBe(20);
    expect(HDF5_LIBRARY.renewals).toBe(renewalsBefore + 1);
  });
});
