import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readNpy } from '../../../shared/formats/npy';
import { readNpz } from '../../../shared/formats/npz';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { findNumpyPython } from '../../helpers/python';

const python = findNumpyPython();
if (!python.command) console.warn(`.npy tests against numpy skipped: ${python.reason}`);

/** numpy writes the file (np.save to stdout); the reader must give back the same values in C order. */
function npyFromNumpy(expression: string): Uint8Array {
  const code = `import io, sys, numpy as np\nbuffer = io.BytesIO()\nnp.save(buffer, ${expression})\nsys.stdout.buffer.write(buffer.getvalue())`;
  const result = spawnSync(python.command!, ['-c', code]);
  if (result.status !== 0) throw new Error(String(result.stderr));
  return new Uint8Array(result.stdout);
}

describe.skipIf(!python.command)('NumPy .npy reader', () => {
  const base = 'np.arange(24).reshape(2, 3, 4)';
  const expected = Array.from({ length: 24 }, (_, k) => k);
  for (const dtype of ['<f8', '<f4', '>f8', '<i8', '<i4', '>i2', '|u1', '<u4']) {
    it(`reads ${dtype} in C order`, () => {
      const array = readNpy(npyFromNumpy(`${base}.astype('${dtype}')`), 'x.npy');
      expect(array.shape).toEqual([2, 3, 4]);
      expect(Array.from(array.values)).toEqual(expected);
    });
  }

  it('returns Fortran-ordered arrays in C order', () => {
    const array = readNpy(npyFromNumpy(`np.asfortranarray(${base}.astype('<f4'))`), 'x.npy');
    expect(Array.from(array.values)).toEqual(expected);
  });

  it('reads booleans, NaN padding and 1-D shapes', () => {
    expect(Array.from(readNpy(npyFromNumpy('np.array([True, False, True])'), 'b.npy').values)).toEqual([1, 0, 1]);
    const padded = readNpy(npyFromNumpy('np.array([1.5, np.nan])'), 'p.npy');
    expect(padded.shape).toEqual([2]);
    expect(Number.isNaN(padded.values[1])).toBe(true);
  });

  it('refuses truncated files, object arrays and other bytes with its own error naming the file', () => {
    const full = npyFromNumpy('np.arange(100.0)');
    expect(() => readNpy(full.subarray(0, full.length - 9), 'cut.npy')).toThrow(DatasetError);
    expect(() => readNpy(full.subarray(0, full.length - 9), 'cut.npy')).toThrow(/cut\.npy: \(npy header\): is truncated: the header promises 100 values/);
    expect(() => readNpy(full.subarray(0, 9), 'cut.npy')).toThrow(/is truncated inside its header/);
    expect(() => readNpy(npyFromNumpy("np.array([{'a': 1}], dtype=object)"), 'o.npy')).toThrow(/object arrays are pickled/);
    expect(() => readNpy(new TextEncoder().encode('hello world'), 'h.npy')).toThrow(/not a NumPy \.npy file/);
  });

  it('every mutation of a valid file either reads or throws DatasetError (bounded fuzz)', () => {
    const valid = npyFromNumpy('np.arange(12.0).reshape(3, 4)');
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 300; round++) {
      const bytes = Uint8Array.from(valid);
      const flips = 1 + (next() % 4);
      for (let f = 0; f < flips; f++) bytes[next() % Math.min(bytes.length, 140)] = next() % 256;
      const cut = next() % 3 === 0 ? bytes.subarray(0, next() % bytes.length) : bytes;
      try {
        readNpy(cut, 'fuzz.npy');
      } catch (error) {
        expect(error).toBeInstanceOf(DatasetError);
      }
    }
  });

  it('reads .npz archives, stored and compressed, member by member', async () => {
    for (const save of ['savez', 'savez_compressed']) {
      const code = `import io, sys, numpy as np\nb = io.BytesIO()\nnp.${save}(b, responses=np.arange(6.0).reshape(2, 3), stimulus=np.array([-1, 1]))\nsys.stdout.buffer.write(b.getvalue())`;
      const result = spawnSync(python.command!, ['-c', code]);
      const arrays = await readNpz(new Uint8Array(result.stdout), 'x.npz');
      expect([...arrays.keys()].sort()).toEqual(['responses', 'stimulus']);
      expect(arrays.get('responses')!.shape).toEqual([2, 3]);
      expect(Array.from(arrays.get('stimulus')!.values)).toEqual([-1, 1]);
    }
    await expect(readNpz(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'bad.npz')).rejects.toThrow(/bad\.npz: \(zip\): is not a readable \.npz archive/);
  });
});

