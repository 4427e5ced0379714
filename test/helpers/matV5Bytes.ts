import { zlibSync } from 'fflate';

/**
 * MATLAB v5 MAT-files built byte by byte, for what scipy cannot write (big-endian, MATLAB's narrow
 * storage types, objects) and for tests that run without Python (the fuzzer's seeds).
 */

export const mi = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, DOUBLE: 9, MATRIX: 14, COMPRESSED: 15, UTF16: 17 };
export const mx = { CELL: 1, STRUCT: 2, CHAR: 4, DOUBLE: 6, INT32: 12, OPAQUE: 17 };

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A data element in the given byte order: small format when it fits in 4 bytes, else padded to 8. */
export function element(little: boolean, type: number, payload: Uint8Array, small = payload.length <= 4 && type !== mi.MATRIX): Uint8Array {
  if (small) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setUint32(0, (payload.length << 16) | type, little);
    out.set(payload, 4);
    return out;
  }
  const out = new Uint8Array(8 + Math.ceil(payload.length / 8) * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, little);
  view.setUint32(4, payload.length, little);
  out.set(payload, 8);
  return out;
}

export function numbers(little: boolean, size: number, write: (view: DataView, offset: number, value: number) => void, values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((value, k) => write(view, k * size, value));
  return out;
}

export const doubles = (little: boolean, values: readonly number[]): Uint8Array => numbers(little, 8, (v, o, x) => v.setFloat64(o, x, little), values);

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

export function matrix(little: boolean, arrayClass: number, dims: readonly number[] | null, name: string, body: readonly Uint8Array[], flagBits = 0): Uint8Array {
  const flags = numbers(little, 4, (v, o, x) => v.setUint32(o, x, little), [arrayClass | (flagBits << 8), 0]);
  const parts = [element(little, mi.UINT32, flags, false)];
  if (dims) parts.push(element(little, mi.INT32, numbers(little, 4, (v, o, x) => v.setInt32(o, x, little), dims), false));
  parts.push(element(little, mi.INT8, ascii(name)), ...body);
  return element(little, mi.MATRIX, concat(parts));
}

/** A variable as MATLAB's v7 format stores it: one zlib-deflated miMATRIX inside a miCOMPRESSED element (unpadded). */
export function compressed(little: boolean, variable: Uint8Array): Uint8Array {
  const deflated = zlibSync(variable);
  const out = new Uint8Array(8 + deflated.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, mi.COMPRESSED, little);
  view.setUint32(4, deflated.length, little);
  out.set(deflated, 8);
  return out;
}

export function matFile(little: boolean, variables: readonly Uint8Array[], text = 'MATLAB 5.0 MAT-file, hand-built for the Chorus tests'): Uint8Array {
  const header = new Uint8Array(128).fill(0x20);
  header.set(ascii(text));
  header.fill(0, 116, 124);
  new DataView(header.buffer).setUint16(124, 0x0100, little);
  header.set(ascii(little ? 'IM' : 'MI'), 126);
  return concat([header, ...variables]);
}
