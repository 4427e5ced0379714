import { DatasetError } from '../dataset/datasetError';
import { memoryBudget, type Declared, type MemoryBudget } from './memoryLimit';

/**
 * NumPy `.npy` (format versions 1–3, https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 * magic \x93NUMPY, version, header length, a Python-literal header {descr, fortran_order, shape}, data.
 * Numeric and boolean dtypes in either byte order; Fortran-ordered arrays are returned in C order.
 */
export interface NpyArray {
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Values in C (row-major) order, as doubles. */
  readonly values: Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((byte, k) => bytes[k] === byte);
}

function fail(file: string, message: string): never {
  throw new DatasetError([{ severity: 'error', file, field: '(npy header)', message }]);
}

const READERS: Record<string, [number, (view: DataView, offset: number, little: boolean) => number]> = {
  f8: [8, (v, o, l) => v.getFloat64(o, l)],
  f4: [4, (v, o, l) => v.getFloat32(o, l)],
  i8: [8, (v, o, l) => Number(v.getBigInt64(o, l))],
  i4: [4, (v, o, l) => v.getInt32(o, l)],
  i2: [2, (v, o, l) => v.getInt16(o, l)],
  i1: [1, (v, o) => v.getInt8(o)],
  u8: [8, (v, o, l) => Number(v.getBigUint64(o, l))],
  u4: [4, (v, o, l) => v.getUint32(o, l)],
  u2: [2, (v, o, l) => v.getUint16(o, l)],
  u1: [1, (v, o) => v.getUint8(o)],
  b1: [1, (v, o) => v.getUint8(o)],
};

/** What an .npy header declares, and where its values start. */
export interface NpyHeader {
  readonly descr: string;
  readonly fortran: boolean;
  readonly shape: readonly number[];
  readonly count: number;
  readonly dataStart: number;
}

/** The header of an .npy file (or of its first bytes: the values need not be there). */
export function readNpyHeader(bytes: Uint8Array, file: string): NpyHeader {
  if (!isNpy(bytes)) fail(file, 'is not a NumPy .npy file (missing the \\x93NUMPY magic)');
  if (bytes.length < 10) fail(file, 'is truncated inside its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  if (headerStart + headerLength > bytes.length) fail(file, 'is truncated inside its header');
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail(file, `has an unreadable header (${header.trim().slice(0, 80)})`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) fail(file, `has an invalid shape (${shapeText})`);
  return { descr, fortran: fortran === 'True', shape, count: shape.reduce((a, b) => a * b, 1), dataStart: headerStart + headerLength };
}

/**
 * `memory`: the budget of the read the array belongs to (an .npz's arrays share one), and `inflatedBytes`
 * the bytes held meanwhile (an .npz member, inflated). Without a budget only the bytes bound the array: a
 * loose .npy file cannot declare more values than it holds (checked before the values are allocated).
 */
export function readNpy(bytes: Uint8Array, file: string, memory: MemoryBudget = memoryBudget({ memoryLimit: Number.POSITIVE_INFINITY }), inflatedBytes = 0): NpyArray {
  const { descr, fortran, shape, count, dataStart } = readNpyHeader(bytes, file);
  const order = descr[0];
  const kind = descr.slice(1);
  const reader = Object.hasOwn(READERS, kind) ? READERS[kind] : undefined; // not 'constructor' or 'toString'
  if (!reader || !['<', '>', '|', '='].includes(order!)) {
    fail(file, `has dtype '${descr}', which Chorus cannot read (numeric and boolean arrays only${descr.includes('O') ? '; object arrays are pickled Python objects' : ''})`);
  }
  const [size, read] = reader;
  memory.charge(file, '(npy header)', count, declaredAs({ descr, shape }, inflatedBytes));
  if (dataStart + count * size > bytes.length) {
    fail(file, `is truncated: the header promises ${count} values of ${size} bytes, the file holds ${Math.floor((bytes.length - dataStart) / size)}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = order !== '>';
  const raw = new Float64Array(count);
  for (let k = 0; k < count; k++) raw[k] = read(view, dataStart + k * size, little);
  return { dtype: descr, shape, values: fortran ? fortranToC(raw, shape) : raw };
}

/** How an array's declared size is told in a refusal: its shape and dtype, and the bytes it inflates to. */
export function declaredAs(header: Pick<NpyHeader, 'descr' | 'shape'>, inflated: number): Declared {
  return { as: `as double, shape (${header.shape.join(', ')}) of ${header.descr}`, inflated };
}

/** Reorders column-major values to row-major. */
export function fortranToC(values: Float64Array, shape: readonly number[]): Float64Array {
  if (shape.length < 2) return values;
  const out = new Float64Array(values.length);
  const strides = shape.map((_, axis) => shape.slice(0, axis).reduce((a, b) => a * b, 1));
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < values.length; c++) {
    let f = 0;
    for (let axis = 0; axis < shape.length; axis++) f += index[axis]! * strides[axis]!;
    out[c] = values[f]!;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return out;
}
