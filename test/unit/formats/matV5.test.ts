import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isMatV5, isMatV73, readMatV5 } from '../../../shared/formats/matV5';
import type { Variable } from '../../../shared/formats/variables';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { findNumpyPython, runPythonJson } from '../../helpers/python';
import { ascii, element, matFile, matrix, mi, mx, numbers } from '../../helpers/matV5Bytes';

/** python3 with numpy and scipy (scipy.io.savemat writes the fixtures), or null with the reason. */
function findScipyPython(): { command: string | null; reason: string } {
  const numpy = findNumpyPython();
  if (!numpy.command) return numpy;
  const probe = spawnSync(numpy.command, ['-c', 'import scipy'], { encoding: 'utf8' });
  return probe.status === 0 ? numpy : { command: null, reason: 'python3 has no scipy (pip install scipy)' };
}

const python = findScipyPython();
if (!python.command) console.warn(`MAT v5 tests against scipy skipped: ${python.reason}`);

const fixtureScript = fileURLToPath(new URL('../../helpers/mat_fixtures.py', import.meta.url));

function byName(variables: readonly Variable[]): Map<string, Variable> {
  return new Map(variables.map((variable) => [variable.name, variable]));
}

/** Plain values of one variable, for toEqual. */
function valuesOf(variables: Map<string, Variable>, name: string): unknown[] {
  const variable = variables.get(name);
  if (!variable) throw new Error(`no variable ${name} (have ${[...variables.keys()].join(', ')})`);
  return Array.from(variable.values as ArrayLike<unknown>);
}

// ---- Hand-built files (test/helpers/matV5Bytes.ts): what scipy cannot write.

/** What MATLAB itself writes and scipy does not: doubles stored as miUINT8/miINT16, UTF-16 chars, an opaque string, subsystem data. */
function handBuilt(little: boolean): Uint8Array {
  const int16 = (values: number[]) => numbers(little, 2, (v, o, x) => v.setInt16(o, x, little), values);
  return matFile(little, [
    matrix(little, mx.DOUBLE, [2, 2], 'counts', [element(little, mi.UINT8, Uint8Array.of(1, 2, 3, 4))]),
    matrix(little, mx.DOUBLE, [1, 3], 'offsets', [element(little, mi.INT16, int16([-2, 300, 5]))]),
    matrix(little, mx.DOUBLE, [2, 2], 'rates', [element(little, mi.DOUBLE, numbers(little, 8, (v, o, x) => v.setFloat64(o, x, little), [1.5, -2.25, 3e10, 0.125]))]),
    matrix(little, mx.INT32, [1, 1], 'shift', [element(little, mi.INT32, numbers(little, 4, (v, o, x) => v.setInt32(o, x, little), [-7]))]),
    matrix(little, mx.CHAR, [1, 4], 'label', [element(little, mi.UTF16, numbers(little, 2, (v, o, x) => v.setUint16(o, x, little), [...'Hi ü'].map((c) => c.charCodeAt(0))))]),
    matrix(little, mx.OPAQUE, null, 'title', [element(little, mi.INT8, ascii('MCOS')), element(little, mi.INT8, ascii('string')), matrix(little, 13, [1, 1], '', [element(little, mi.UINT32, Uint8Array.of(0, 0, 0, 1))])]),
    matrix(little, 9, [1, 8], '', [element(little, mi.UINT8, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8))]),
  ]);
}

describe('MATLAB v5 header detection', () => {
  it('tells v5 from v7.3 (HDF5 inside) by the header text, version and endian mark', async () => {
    const v73 = matFile(true, [], 'MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan 1 00:00:00 2024 HDF5 schema 1.00 .');
    new DataView(v73.buffer).setUint16(124, 0x0200, true);
    expect(isMatV73(v73)).toBe(true);
    expect(isMatV5(v73)).toBe(false);
    await expect(readMatV5(v73, 'big.mat')).rejects.toThrow(/big\.mat: \(header\): is a MATLAB v7\.3 MAT-file \(HDF5 inside\); it is read by the HDF5 reader/);
    expect(isMatV5(handBuilt(true))).toBe(true);
    expect(isMatV5(handBuilt(false))).toBe(true);
    expect(isMatV73(handBuilt(true))).toBe(false);
  });

  it('refuses MAT v4 and other bytes with a header error', async () => {
    const v4 = new Uint8Array(64); // a v4 file starts with a binary header, no text
    expect(isMatV5(v4)).toBe(false);
    await expect(readMatV5(v4, 'old.mat')).rejects.toThrow(DatasetError);
    await expect(readMatV5(v4, 'old.mat')).rejects.toThrow(/old\.mat: \(header\): is not a MATLAB v5 MAT-file/);
    const noEndian = handBuilt(true);
    noEndian[126] = 0x58;
    expect(isMatV5(noEndian)).toBe(false);
  });
});

describe('MATLAB v5 reader on hand-built files', () => {
  for (const little of [true, false]) {
    it(`reads ${little ? 'little' : 'big'}-endian files with MATLAB's narrow storage types, small elements and UTF-16 chars`, async () => {
      const { variables, warnings } = await readMatV5(handBuilt(little), 'hand.mat');
      const named = byName(variables);
      expect([...named.keys()]).toEqual(['counts', 'offsets', 'rates', 'shift', 'label']);
      expect(named.get('counts')).toMatchObject({ kind: 'numeric', shape: [2, 2], dtype: 'double' });
      expect(valuesOf(named, 'counts')).toEqual([1, 3, 2, 4]); // stored column-major as 1 2 3 4
      expect(valuesOf(named, 'offsets')).toEqual([-2, 300, 5]);
      expect(valuesOf(named, 'rates')).toEqual([1.5, 3e10, -2.25, 0.125]);
      expect(named.get('shift')).toMatchObject({ dtype: 'int32', shape: [1, 1] });
      expect(valuesOf(named, 'shift')).toEqual([-7]);
      expect(named.get('label')).toMatchObject({ kind: 'text', shape: [1], values: ['Hi ü'] });
      // The opaque string is skipped with a warning that names it; the nameless subsystem data silently.
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ severity: 'warning', file: 'hand.mat', field: 'title' });
      expect(warnings[0]!.message).toMatch(/is a MATLAB 'string' object .*Chorus cannot read those/);
    });
  }

  it('refuses dims that promise more values than the bytes hold, before allocating', async () => {
    const lying = matFile(true, [matrix(true, mx.DOUBLE, [100000, 100000], 'huge', [element(true, mi.DOUBLE, new Uint8Array(8))])]);
    await expect(readMatV5(lying, 'lie.mat')).rejects.toThrow(/lie\.mat: \(variable at byte 128\): has dimensions 100000×100000, more elements than its/);
    const short = matFile(true, [matrix(true, mx.DOUBLE, [1, 3], 'resp', [element(true, mi.DOUBLE, new Uint8Array(16))])]);
    await expect(readMatV5(short, 'short.mat')).rejects.toThrow(/short\.mat: resp: holds 2 values, but its dimensions promise 3/);
  });

  it('caps nesting depth with a DatasetError instead of overflowing the stack', async () => {
    let inner = matrix(true, mx.DOUBLE, [1, 1], '', [element(true, mi.DOUBLE, new Uint8Array(8))]);
    for (let level = 0; level < 40; level++) inner = matrix(true, mx.CELL, [1, 1], level === 39 ? 'deep' : '', [inner]);
    await expect(readMatV5(matFile(true, [inner]), 'deep.mat')).rejects.toThrow(/deep\.mat: deep(\{1\})+: nests cells and structs more than 32 levels deep/);
  });

  // Its speed is measured in `npm run bench` (d), against scipy: a clock in a unit test failed on a busy machine.
  it('reads a 50 MB double matrix to the right values', async () => {
    const rows = 2500;
    const columns = 2600;
    const data = new Float64Array(rows * columns);
    for (let k = 0; k < data.length; k++) data[k] = k; // column-major: value = row + rows·column
    const file = matFile(true, [matrix(true, mx.DOUBLE, [rows, columns], 'big', [element(true, mi.DOUBLE, new Uint8Array(data.buffer))])]);
    const big = (await readMatV5(file, 'big.mat')).variables[0]!;
    expect(big.shape).toEqual([rows, columns]);
    const values = big.values as Float64Array;
    expect(values[1]).toBe(rows); // row 0, column 1
    expect(values[columns]).toBe(1); // row 1, column 0
    expect(values[rows * columns - 1]).toBe(rows * columns - 1);
  });
});

describe.skipIf(!python.command)('MATLAB v5 reader against scipy.io.savemat', () => {
  let fixtures: Record<string, Uint8Array> = {};
  beforeAll(() => {
    const encoded = runPythonJson(python.command!, fixtureScript, {}) as Record<string, string>;
    fixtures = Object.fromEntries(Object.entries(encoded).map(([name, base64]) => [name, new Uint8Array(Buffer.from(base64, 'base64'))]));
  });

  for (const suffix of ['', '_zlib']) {
    const form = suffix === '' ? 'uncompressed' : 'compressed (miCOMPRESSED)';

    it(`reads numeric classes in C order of MATLAB's dims, ${form}`, async () => {
      const { variables, warnings } = await readMatV5(fixtures[`numeric${suffix}`]!, 'numeric.mat');
      expect(warnings).toEqual([]);
      const named = byName(variables);
      expect(named.get('resp')).toMatchObject({ kind: 'numeric', shape: [2, 3], dtype: 'double' });
      expect(valuesOf(named, 'resp')).toEqual([1, 2, 3, 4, 5, 6]);
      expect(named.get('cube')!.shape).toEqual([2, 3, 4]);
      expect(valuesOf(named, 'cube')).toEqual(Array.from({ length: 24 }, (_, k) => k));
      expect(named.get('counts')).toMatchObject({ dtype: 'int16', shape: [2, 2] });
      expect(valuesOf(named, 'counts')).toEqual([-300, 0, 7, 32000]);
      expect(named.get('pixels')).toMatchObject({ dtype: 'uint8', shape: [1, 3] });
      expect(valuesOf(named, 'pixels')).toEqual([0, 128, 255]);
      expect(named.get('gain')).toMatchObject({ dtype: 'single' });
      expect(valuesOf(named, 'gain')).toEqual([0.5, -1.25]);
      expect(named.get('mask')).toMatchObject({ dtype: 'logical', shape: [1, 3] });
      expect(valuesOf(named, 'mask')).toEqual([1, 0, 1]);
      expect(valuesOf(named, 'big')).toEqual([2 ** 40, -(2 ** 40)]);
    });

    it(`returns empty arrays with their zero dims, ${form}`, async () => {
      const named = byName((await readMatV5(fixtures[`numeric${suffix}`]!, 'numeric.mat')).variables);
      expect(named.get('none')).toMatchObject({ shape: [0, 0], dtype: 'double' });
      expect(named.get('nocols')!.shape).toEqual([0, 3]);
      expect(named.get('nocols')!.values).toHaveLength(0);
    });

    it(`names struct fields s.f, struct-array elements s(k).f and cell elements c{k} in MATLAB's linear order, ${form}`, async () => {
      const { variables, warnings } = await readMatV5(fixtures[`containers${suffix}`]!, 'containers.mat');
      expect(warnings).toEqual([]);
      const named = byName(variables);
      expect(named.get('s.spikes')!.shape).toEqual([2, 3]);
      expect(valuesOf(named, 's.spikes')).toEqual([0, 1, 2, 3, 4, 5]);
      expect(named.get('s.area')).toMatchObject({ kind: 'text', values: ['V1'] });
      expect(valuesOf(named, 's.inner.gain')).toEqual([2.5]);
      expect(valuesOf(named, 's.parts{1}')).toEqual([1]);
      expect(valuesOf(named, 's.parts{2}')).toEqual([2, 3]);
      expect(valuesOf(named, 'trials(1).stim')).toEqual([1, 2]);
      expect(valuesOf(named, 'trials(2).stim')).toEqual([3]);
      expect(valuesOf(named, 'trials(2).label')).toEqual(['right']);
      // grid = {1 2; 3 4}: MATLAB's linear order runs down the columns.
      expect(['grid{1}', 'grid{2}', 'grid{3}', 'grid{4}'].map((name) => valuesOf(named, name)[0])).toEqual([1, 3, 2, 4]);
      expect(valuesOf(named, 'mixed{1}')).toEqual([1, 0, 0, 1]);
      expect(named.get('mixed{2}')).toMatchObject({ kind: 'text', values: ['text'] });
    });

    it(`reads a cellstr as one text variable and a char matrix as one string per row, ${form}`, async () => {
      const named = byName((await readMatV5(fixtures[`containers${suffix}`]!, 'containers.mat')).variables);
      expect(named.get('conds')).toEqual({ kind: 'text', name: 'conds', shape: [1, 2], values: ['task', 'passive'] });
      expect(named.get('table')).toEqual({ kind: 'text', name: 'table', shape: [2, 2], values: ['a', 'bb', 'ccc', ''] });
      expect(named.get('names')).toEqual({ kind: 'text', name: 'names', shape: [2], values: ['abc', 'de'] });
      expect(named.get('greeting')).toMatchObject({ values: ['héllo wörld'] });
      expect([...named.keys()].some((name) => name.startsWith('conds{'))).toBe(false);
    });

    it(`keeps the real part of complex arrays and skips sparse ones, warning for each by name, ${form}`, async () => {
      const { variables, warnings } = await readMatV5(fixtures[`skipped${suffix}`]!, 'skipped.mat');
      const named = byName(variables);
      expect(valuesOf(named, 'z')).toEqual([1, 3]);
      expect(valuesOf(named, 'kept')).toEqual([7]);
      expect(named.has('sparse')).toBe(false);
      expect(warnings.map((warning) => [warning.field, warning.severity])).toEqual([['z', 'warning'], ['sparse', 'warning']]);
      expect(warnings[0]!.message).toMatch(/complex; Chorus kept its real part/);
      expect(warnings[1]!.message).toBe('is a sparse matrix; save it with full() to read it in Chorus');
    });
  }

  it('refuses truncated files with a DatasetError naming the file and the variable', async () => {
    const plain = fixtures['numeric']!;
    await expect(readMatV5(plain.subarray(0, plain.length - 20), 'cut.mat')).rejects.toThrow(DatasetError);
    await expect(readMatV5(plain.subarray(0, 200), 'cut.mat')).rejects.toThrow(/cut\.mat: \(variable at byte \d+\): is truncated: a data element promises \d+ bytes/);
    await expect(readMatV5(plain.subarray(0, 100), 'cut.mat')).rejects.toThrow(/cut\.mat: \(header\): is not a MATLAB v5 MAT-file/);
    const zlib = fixtures['containers_zlib']!;
    for (const keep of [140, 200, zlib.length - 3]) await expect(readMatV5(zlib.subarray(0, keep), 'cut.mat')).rejects.toThrow(DatasetError);
  });
});
