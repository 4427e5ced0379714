import { Unzlib } from 'fflate';
import { DatasetError } from '../dataset/datasetError';
import type { DatasetIssue } from '../dataset/types';
import type { NumericVariable, TextVariable, Variable } from './variables';
import { memoryBudget, type MemoryBudget } from './memoryLimit';
import { checkpoint, type ReadControl } from './readControl';

/**
 * MATLAB Level 5 MAT-files (`save -v6`, `save -v7`, scipy.io.savemat), after MathWorks' "MAT-File Format"
 * (matfile_format.pdf): a 128-byte header, then one data element per variable — a miMATRIX, or (v7) a
 * miCOMPRESSED element holding one zlib-deflated miMATRIX. Numeric, logical and char arrays, cells and
 * structs become named `Variable`s (cells `c{k}`, structs `s.f` / `s(k).f`, MATLAB's 1-based linear order);
 * sparse, complex-imaginary, function-handle and object data are skipped with a warning.
 *
 * Files arrive from users and from a mutation fuzzer, so every length is checked against the bytes that hold
 * it before anything is sliced or allocated, nesting is capped, and every problem is a DatasetError. What a
 * variable declares (its elements; a compressed variable's inflated size) is checked against the memory
 * limit before it is allocated or inflated: 195 KB of zlib can declare 200 million zeros.
 *
 * One module past the usual ~400 lines on purpose: every part (numeric, char, cell, struct) walks the same
 * bounds-checked element reader, and splitting them would export that reader's internals to no one else.
 */

// Data types (the tag's first word) and array classes (the array-flags element's low byte).
const miINT8 = 1, miUINT8 = 2, miINT16 = 3, miUINT16 = 4, miINT32 = 5, miUINT32 = 6, miSINGLE = 7, miDOUBLE = 9;
const miINT64 = 12, miUINT64 = 13, miMATRIX = 14, miCOMPRESSED = 15, miUTF8 = 16, miUTF16 = 17, miUTF32 = 18;

const mxCELL = 1, mxSTRUCT = 2, mxOBJECT = 3, mxCHAR = 4, mxSPARSE = 5, mxFUNCTION = 16, mxOPAQUE = 17;
const NUMERIC_CLASSES: Readonly<Record<number, string>> = {
  6: 'double', 7: 'single', 8: 'int8', 9: 'uint8', 10: 'int16', 11: 'uint16', 12: 'int32', 13: 'uint32', 14: 'int64', 15: 'uint64',
};
const FLAG_COMPLEX = 0x08;
const FLAG_LOGICAL = 0x02;

/** Cells inside structs inside cells…: deeper than any real data, shallow enough that a crafted file cannot overflow the stack. */
const MAX_DEPTH = 32;
const HEADER_BYTES = 128;

type TypedArrayConstructor =
  | Int8ArrayConstructor | Uint8ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor
  | Uint32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor | BigInt64ArrayConstructor | BigUint64ArrayConstructor;

/** Stored numeric types: MATLAB writes a double array as miUINT8 when its values fit, so data is read by this, not by the class. */
const NUMERIC_TYPES: Readonly<Record<number, { size: number; array: TypedArrayConstructor }>> = {
  [miINT8]: { size: 1, array: Int8Array },
  [miUINT8]: { size: 1, array: Uint8Array },
  [miINT16]: { size: 2, array: Int16Array },
  [miUINT16]: { size: 2, array: Uint16Array },
  [miINT32]: { size: 4, array: Int32Array },
  [miUINT32]: { size: 4, array: Uint32Array },
  [miSINGLE]: { size: 4, array: Float32Array },
  [miDOUBLE]: { size: 8, array: Float64Array },
  [miINT64]: { size: 8, array: BigInt64Array },
  [miUINT64]: { size: 8, array: BigUint64Array },
};

/** Typed-array views read in the platform's byte order; when it matches the file's, numbers are copied without a DataView loop. */
const PLATFORM_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const HEADER_TEXT_V5 = 'MATLAB 5.0 MAT-file';
const HEADER_TEXT_V73 = 'MATLAB 7.3 MAT-file';

export function isMatV5(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES || !startsWithText(bytes, HEADER_TEXT_V5)) return false;
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  // The version word is written in the file's own byte order: 0x0100.
  if (endian === 'IM') return bytes[124] === 0x00 && bytes[125] === 0x01;
  if (endian === 'MI') return bytes[124] === 0x01 && bytes[125] === 0x00;
  return false;
}

/** v7.3 files are HDF5 with a MATLAB text header in the user block; the HDF5 reader opens them. */
export function isMatV73(bytes: Uint8Array): boolean {
  return startsWithText(bytes, HEADER_TEXT_V73);
}

function startsWithText(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let k = 0; k < text.length; k++) if (bytes[k] !== text.charCodeAt(k)) return false;
  return true;
}

/** Where a reader is: the bytes (the file, or one inflated variable) and the state shared by the whole file. */
interface Reader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly little: boolean;
  readonly file: string;
  readonly variables: Variable[];
  readonly warnings: DatasetIssue[];
  readonly memory: MemoryBudget;
}

/** One data element: its payload is bytes [start, end); the next element begins at `next`. */
interface Element {
  readonly type: number;
  readonly start: number;
  readonly end: number;
  readonly next: number;
}

function fail(file: string, field: string, message: string): never {
  throw new DatasetError([{ severity: 'error', file, field, message }]);
}

/** Every variable of a v5 file, with a checkpoint (cancellation) before each top-level variable. */
export async function readMatV5(bytes: Uint8Array, file: string, control: ReadControl = {}): Promise<{ variables: Variable[]; warnings: DatasetIssue[] }> {
  if (!isMatV5(bytes)) {
    if (isMatV73(bytes)) fail(file, '(header)', 'is a MATLAB v7.3 MAT-file (HDF5 inside); it is read by the HDF5 reader, not the v5 reader');
    fail(file, '(header)', `is not a MATLAB v5 MAT-file (its 128-byte header does not start with '${HEADER_TEXT_V5}' and end with version 0x0100 and 'IM' or 'MI'); save it from MATLAB with save(..., '-v7')`);
  }
  const little = bytes[126] === 0x49; // 'IM': the writer's uint16 'MI' landed low byte first
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader: Reader = { bytes, view, little, file, variables: [], warnings: [], memory: memoryBudget(control) };
  let position = HEADER_BYTES;
  while (position < bytes.length) {
    const where = `(variable at byte ${position})`;
    if (bytes.length - position < 8 && bytes.subarray(position).every((byte) => byte === 0)) break; // trailing padding
    await checkpoint(control, file);
    const element = readElement(reader, position, bytes.length, where);
    if (element.type === miCOMPRESSED) readCompressed(reader, element, where);
    else if (element.type === miMATRIX) readMatrix(reader, element, null, 0, where);
    else fail(file, where, `holds a data element of type ${element.type} where a variable (miMATRIX or miCOMPRESSED) was expected; the file may be damaged`);
    position = element.next;
  }
  return { variables: reader.variables, warnings: reader.warnings };
}

/** A v7 variable: one zlib stream that inflates to one miMATRIX element, read in its own byte space. */
function readCompressed(outer: Reader, element: Element, where: string): void {
  const inflated = inflateVariable(outer, element, where);
  const inner: Reader = { ...outer, bytes: inflated, view: new DataView(inflated.buffer, inflated.byteOffset, inflated.byteLength) };
  const matrix = readElement(inner, 0, inflated.length, where);
  if (matrix.type !== miMATRIX) fail(outer.file, where, `holds a compressed data element of type ${matrix.type} where a variable (miMATRIX) was expected; the file may be damaged`);
  readMatrix(inner, matrix, null, 0, where);
}

/** Compressed bytes inflated per step: one step yields at most ~16 MB (deflate expands at most ~1032×). */
const INFLATE_STEP = 16 * 1024;
/** Inflated bytes enough for a variable's tag, flags, dims and name (what the memory check needs). */
const DECLARATION_BYTES = 4096;

/**
 * A compressed variable inflated no further than its element needs. Its first 8 inflated bytes are the
 * miMATRIX tag, which declares the element's size, and the dims and name follow: both are checked against
 * the memory limit before the rest is inflated, so a zlib bomb is refused after a few kilobytes.
 */
function inflateVariable(outer: Reader, element: Element, where: string): Uint8Array {
  const compressed = outer.bytes.subarray(element.start, element.end);
  const chunks: Uint8Array[] = [];
  let inflatedBytes = 0;
  let out: Uint8Array | null = null;
  const inflater = new Unzlib((chunk) => {
    if (out === null) chunks.push(chunk);
    else out.set(chunk.subarray(0, out.length - inflatedBytes), inflatedBytes);
    inflatedBytes = Math.min(inflatedBytes + chunk.length, out?.length ?? Number.POSITIVE_INFINITY);
  });
  let position = 0;
  const inflateUntil = (bytes: number) => {
    try {
      while (inflatedBytes < bytes && position < compressed.length) {
        const next = Math.min(compressed.length, position + INFLATE_STEP);
        inflater.push(compressed.subarray(position, next), next === compressed.length);
        position = next;
      }
    } catch (error) {
      fail(outer.file, where, `holds a compressed variable that cannot be inflated (${(error as Error).message}); the file is truncated or damaged — save it again from MATLAB`);
    }
  };
  inflateUntil(DECLARATION_BYTES);
  const head = concatenated(chunks, inflatedBytes);
  if (head.length < 8) return head; // too short for a tag: readElement says it is truncated
  const headReader: Reader = { ...outer, bytes: head, view: new DataView(head.buffer, head.byteOffset, head.byteLength) };
  const needed = 8 + readElementSize(headReader);
  const declared = declaredArray(headReader);
  const field = declared?.name || where;
  outer.memory.checkBytes(outer.file, field, needed, 'uncompressed (the size its compressed element inflates to)');
  if (declared) outer.memory.check(outer.file, field, declared.count, { inflated: needed });
  if (head.length >= needed) return head.subarray(0, needed);
  out = new Uint8Array(needed);
  out.set(head);
  inflatedBytes = head.length;
  inflateUntil(needed);
  return out.subarray(0, inflatedBytes);
}

function concatenated(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The payload size an element's tag declares (the small format's at most 4). */
function readElementSize(reader: Reader): number {
  const word = reader.view.getUint32(0, reader.little);
  return word >>> 16 !== 0 ? word >>> 16 : reader.view.getUint32(4, reader.little);
}

/** The name and element count an array declares, from the first inflated bytes; null when they do not parse. */
function declaredArray(head: Reader): { name: string; count: number } | null {
  try {
    const flags = readElement(head, 8, head.bytes.length, '');
    const dims = readElement(head, flags.next, head.bytes.length, '');
    if (flags.type !== miUINT32 || dims.type !== miINT32 || (head.view.getUint32(flags.start, head.little) & 0xff) === mxOPAQUE) return null;
    let count = 1;
    for (let offset = dims.start; offset + 4 <= dims.end; offset += 4) count *= Math.max(0, head.view.getInt32(offset, head.little));
    const name = readText(head, readElement(head, dims.next, head.bytes.length, ''), '', 'name');
    return { name, count };
  } catch {
    return null;
  }
}

/**
 * A tag and its payload. The small format packs size (upper 16 bits) and type (lower 16) into one word with
 * up to 4 bytes of data after it; otherwise type and size are two words and the payload is padded to 8 bytes
 * (except inside miCOMPRESSED, whose size is exact).
 */
function readElement(reader: Reader, position: number, limit: number, field: string): Element {
  if (limit - position < 8) fail(reader.file, field, `is truncated: a data element tag needs 8 bytes, ${Math.max(0, limit - position)} remain`);
  const word = reader.view.getUint32(position, reader.little);
  if (word >>> 16 !== 0) {
    const size = word >>> 16;
    if (size > 4) fail(reader.file, field, `has a small data element claiming ${size} bytes (at most 4 fit); the file may be damaged`);
    return { type: word & 0xffff, start: position + 4, end: position + 4 + size, next: position + 8 };
  }
  const size = reader.view.getUint32(position + 4, reader.little);
  const start = position + 8;
  if (size > limit - start) fail(reader.file, field, `is truncated: a data element promises ${size} bytes, ${limit - start} remain`);
  const padded = word === miCOMPRESSED ? start + size : start + Math.ceil(size / 8) * 8;
  return { type: word, start, end: start + size, next: Math.min(padded, limit) };
}

function expectType(reader: Reader, element: Element, types: readonly number[], field: string, what: string): void {
  if (!types.includes(element.type)) fail(reader.file, field, `has ${what} stored as data type ${element.type} (expected ${types.join(' or ')}); the file may be damaged`);
}

function warn(reader: Reader, field: string, message: string): void {
  reader.warnings.push({ severity: 'warning', file: reader.file, field, message });
}

/** What every array starts with: flags, dims and name (opaque objects have no dims). */
interface ArrayHeader {
  readonly arrayClass: number;
  readonly complex: boolean;
  readonly logical: boolean;
  readonly dims: readonly number[];
  readonly count: number;
  readonly name: string;
  /** Where the class-specific elements begin. */
  readonly rest: number;
}

/**
 * Reads one miMATRIX into `reader.variables`. `path` is the name its container gives it (`s.f`, `c{2}`);
 * null at the top level, where the array's own stored name is used (and `where` names it until that is read).
 */
function readMatrix(reader: Reader, element: Element, path: string | null, depth: number, where = '(variable)'): void {
  const field = path ?? where;
  if (depth > MAX_DEPTH) fail(reader.file, field, `nests cells and structs more than ${MAX_DEPTH} levels deep; the file may be damaged`);
  if (element.start === element.end) {
    // An empty miMATRIX is how MATLAB writes an unset cell element or struct field: a 0×0 double.
    if (path !== null) reader.variables.push({ kind: 'numeric', name: path, shape: [0, 0], values: new Float64Array(0), dtype: 'double' });
    return;
  }
  const header = readArrayHeader(reader, element, field);
  // A nameless top-level array is MATLAB's subsystem data (the hidden store behind objects), not a variable.
  if (path === null && header.name === '') return;
  const name = path ?? header.name;
  switch (header.arrayClass) {
    case mxCHAR:
      return readChar(reader, element, header, name);
    case mxCELL:
      return readCell(reader, element, header, name, depth);
    case mxSTRUCT:
      return readStruct(reader, element, header, header.rest, name, depth);
    case mxOBJECT: {
      const className = readText(reader, readElement(reader, header.rest, element.end, name), name, 'class name');
      return warn(reader, name, `is a MATLAB object of class '${className}'; Chorus cannot read objects — save struct(${name}) instead`);
    }
    case mxSPARSE:
      return warn(reader, name, `is a sparse matrix; save it with full() to read it in Chorus`);
    case mxFUNCTION:
      return warn(reader, name, 'is a function handle; Chorus cannot read function handles, so it was skipped');
    case mxOPAQUE:
      return warn(reader, name, `is a MATLAB ${opaqueClassName(reader, element, header)} (an opaque object such as a string, table or classdef object); Chorus cannot read those — convert it to a numeric, char or cell array (e.g. char(), table2array(), struct()) and save it again`);
    default:
      if (NUMERIC_CLASSES[header.arrayClass] === undefined) fail(reader.file, name, `has unknown array class ${header.arrayClass}; the file may be damaged`);
      return readNumeric(reader, element, header, name);
  }
}

function readArrayHeader(reader: Reader, element: Element, field: string): ArrayHeader {
  const flags = readElement(reader, element.start, element.end, field);
  expectType(reader, flags, [miUINT32], field, 'its array flags');
  if (flags.end - flags.start !== 8) fail(reader.file, field, `has an array-flags element of ${flags.end - flags.start} bytes (expected 8); the file may be damaged`);
  const word = reader.view.getUint32(flags.start, reader.little);
  const arrayClass = word & 0xff;
  const flagBits = (word >>> 8) & 0xff;
  const complex = (flagBits & FLAG_COMPLEX) !== 0;
  const logical = (flagBits & FLAG_LOGICAL) !== 0;
  if (arrayClass === mxOPAQUE) {
    const nameElement = readElement(reader, flags.next, element.end, field);
    return { arrayClass, complex, logical, dims: [], count: 0, name: readText(reader, nameElement, field, 'name'), rest: nameElement.next };
  }
  const dimsElement = readElement(reader, flags.next, element.end, field);
  expectType(reader, dimsElement, [miINT32], field, 'its dimensions');
  const dimsBytes = dimsElement.end - dimsElement.start;
  if (dimsBytes < 8 || dimsBytes % 4 !== 0) fail(reader.file, field, `has a dimensions element of ${dimsBytes} bytes (expected at least two 4-byte dims); the file may be damaged`);
  const dims: number[] = [];
  let count = 1;
  for (let offset = dimsElement.start; offset < dimsElement.end; offset += 4) {
    const dim = reader.view.getInt32(offset, reader.little);
    if (dim < 0) fail(reader.file, field, `has a negative dimension (${dim}); the file may be damaged`);
    dims.push(dim);
    count *= dim;
  }
  // No array can hold more elements than there are bytes left in its element (each needs at least one byte,
  // cell and struct elements at least eight); this bounds every allocation below by the file's size.
  if (count > element.end - dimsElement.next) fail(reader.file, field, `has dimensions ${dims.join('×')}, more elements than its ${element.end - element.start} bytes can hold; the file may be damaged`);
  const nameElement = readElement(reader, dimsElement.next, element.end, field);
  const name = readText(reader, nameElement, field, 'name');
  return { arrayClass, complex, logical, dims, count, name, rest: nameElement.next };
}

/** Names, field names and class names: ASCII in miINT8 (or miUTF8 from some writers). */
function readText(reader: Reader, element: Element, field: string, what: string): string {
  expectType(reader, element, [miINT8, miUINT8, miUTF8], field, `its ${what}`);
  let end = element.start;
  while (end < element.end && reader.bytes[end] !== 0) end++;
  return new TextDecoder('utf-8').decode(reader.bytes.subarray(element.start, end));
}

function opaqueClassName(reader: Reader, element: Element, header: ArrayHeader): string {
  // Opaque arrays carry a type-system name ('MCOS') and a class name ('string', 'table', …) after their name.
  try {
    const typeSystem = readElement(reader, header.rest, element.end, header.name);
    const className = readText(reader, readElement(reader, typeSystem.next, element.end, header.name), header.name, 'class name');
    return className === '' ? 'opaque object' : `'${className}' object`;
  } catch {
    return 'opaque object';
  }
}

function readNumeric(reader: Reader, element: Element, header: ArrayHeader, name: string): void {
  const className = NUMERIC_CLASSES[header.arrayClass]!;
  let values: Float64Array;
  if (header.rest >= element.end && header.count === 0) values = new Float64Array(0);
  else {
    const real = readElement(reader, header.rest, element.end, name);
    reader.memory.charge(reader.file, name, header.count);
    values = readNumbers(reader, real, header.count, name);
    if (header.complex) warn(reader, name, 'is complex; Chorus kept its real part and dropped the imaginary part');
  }
  const variable: NumericVariable = {
    kind: 'numeric',
    name,
    shape: header.dims,
    values: fortranToC(values, header.dims, new Float64Array(values.length)),
    dtype: header.logical ? 'logical' : className,
  };
  reader.variables.push(variable);
}

/** `count` numbers of the element's stored type, as doubles in the file's (column-major) order. */
function readNumbers(reader: Reader, element: Element, count: number, name: string): Float64Array {
  const type = NUMERIC_TYPES[element.type];
  if (type === undefined) fail(reader.file, name, `has its values stored as data type ${element.type}, which is not numeric; the file may be damaged`);
  const bytes = element.end - element.start;
  if (bytes !== count * type.size) fail(reader.file, name, `holds ${Math.floor(bytes / type.size)} values, but its dimensions promise ${count}; the file is truncated or damaged`);
  const out = new Float64Array(count);
  if (type.size === 1 || reader.little === PLATFORM_LITTLE) {
    // A typed-array view needs an aligned offset; copy the few unaligned cases (small elements, odd writers) first.
    const absolute = reader.bytes.byteOffset + element.start;
    const aligned = absolute % type.size === 0;
    const source = (aligned ? reader.bytes.buffer : reader.bytes.slice(element.start, element.end).buffer) as ArrayBuffer;
    const view = new type.array(source, aligned ? absolute : 0, count);
    if (view instanceof BigInt64Array || view instanceof BigUint64Array) for (let k = 0; k < count; k++) out[k] = Number(view[k]!);
    else out.set(view);
    return out;
  }
  const { view, little } = reader;
  const start = element.start;
  switch (element.type) {
    case miINT16: for (let k = 0; k < count; k++) out[k] = view.getInt16(start + 2 * k, little); break;
    case miUINT16: for (let k = 0; k < count; k++) out[k] = view.getUint16(start + 2 * k, little); break;
    case miINT32: for (let k = 0; k < count; k++) out[k] = view.getInt32(start + 4 * k, little); break;
    case miUINT32: for (let k = 0; k < count; k++) out[k] = view.getUint32(start + 4 * k, little); break;
    case miSINGLE: for (let k = 0; k < count; k++) out[k] = view.getFloat32(start + 4 * k, little); break;
    case miDOUBLE: for (let k = 0; k < count; k++) out[k] = view.getFloat64(start + 8 * k, little); break;
    case miINT64: for (let k = 0; k < count; k++) out[k] = Number(view.getBigInt64(start + 8 * k, little)); break;
    case miUINT64: for (let k = 0; k < count; k++) out[k] = Number(view.getBigUint64(start + 8 * k, little)); break;
  }
  return out;
}

/**
 * Column-major (MATLAB) to row-major order of the same dims. Walks the output in order and moves the
 * column-major offset by strides, so the cost is one pass whatever the number of dims.
 */
function fortranToC<T, Out extends { [index: number]: T }>(source: ArrayLike<T>, dims: readonly number[], out: Out): Out {
  const n = source.length;
  if (dims.filter((dim) => dim > 1).length <= 1) {
    for (let k = 0; k < n; k++) out[k] = source[k]!;
    return out;
  }
  if (dims.length === 2) {
    const [rows, columns] = dims as [number, number];
    for (let row = 0; row < rows; row++) for (let column = 0, c = row * columns; column < columns; column++) out[c + column] = source[column * rows + row]!;
    return out;
  }
  const strides = dims.map((_, axis) => dims.slice(0, axis).reduce((a, b) => a * b, 1));
  const index = new Array<number>(dims.length).fill(0);
  let f = 0;
  for (let c = 0; c < n; c++) {
    out[c] = source[f]!;
    for (let axis = dims.length - 1; axis >= 0; axis--) {
      f += strides[axis]!;
      if (++index[axis]! < dims[axis]!) break;
      f -= strides[axis]! * dims[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}

/**
 * A char array's characters in column-major order, one string each. MATLAB chars are UTF-16 code units
 * (miUTF16/miUINT16); scipy and some MATLAB versions write miUTF8, where one char may take several bytes.
 */
function readCharacters(reader: Reader, element: Element, count: number, name: string): string[] {
  const { bytes, view, little } = reader;
  const length = element.end - element.start;
  const chars: string[] = [];
  const mismatch = (held: number): never => fail(reader.file, name, `holds ${held} characters, but its dimensions promise ${count}; the file is truncated or damaged`);
  switch (element.type) {
    case miUTF16:
    case miUINT16:
    case miINT16:
      if (length !== count * 2) mismatch(Math.floor(length / 2));
      for (let k = 0; k < count; k++) chars.push(String.fromCharCode(view.getUint16(element.start + 2 * k, little)));
      return chars;
    case miUINT8:
    case miINT8:
      if (length !== count) mismatch(length);
      for (let k = 0; k < count; k++) chars.push(String.fromCharCode(bytes[element.start + k]!));
      return chars;
    case miUTF32:
    case miUINT32:
    case miINT32:
      if (length !== count * 4) mismatch(Math.floor(length / 4));
      for (let k = 0; k < count; k++) {
        const point = view.getUint32(element.start + 4 * k, little);
        chars.push(point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd');
      }
      return chars;
    case miUTF8: {
      const text = new TextDecoder('utf-8').decode(bytes.subarray(element.start, element.end));
      const points = Array.from(text);
      if (points.length === count) return points;
      if (text.length === count) return text.split(''); // astral chars counted as two UTF-16 units, as MATLAB does
      return mismatch(points.length);
    }
    default:
      return fail(reader.file, name, `has its characters stored as data type ${element.type}, which is not a text encoding; the file may be damaged`);
  }
}

/** The strings of a char array: one per row (and per page beyond 2-D); shape drops the column axis. */
function charStrings(reader: Reader, element: Element, header: ArrayHeader, name: string): { shape: number[]; values: string[] } {
  reader.memory.charge(reader.file, name, header.count, { as: 'as characters' });
  const chars = header.count === 0 && header.rest >= element.end ? [] : readCharacters(reader, readElement(reader, header.rest, element.end, name), header.count, name);
  const [rows = 0, columns = 0, ...pages] = header.dims;
  const shape = [rows, ...pages];
  const strings = shape.reduce((a, b) => a * b, 1);
  const columnMajor: string[] = [];
  for (let s = 0; s < strings; s++) {
    const row = s % rows;
    const page = Math.floor(s / rows);
    let text = '';
    for (let column = 0; column < columns; column++) text += chars[row + rows * (column + columns * page)]!;
    columnMajor.push(text);
  }
  const values = fortranToC(columnMajor, shape, new Array<string>(strings));
  // A char matrix pads shorter rows with spaces; a single row keeps its spaces, as they are the user's.
  return { shape, values: strings > 1 ? values.map((value) => value.replace(/ +$/, '')) : values };
}

function readChar(reader: Reader, element: Element, header: ArrayHeader, name: string): void {
  if (header.complex) fail(reader.file, name, 'is a char array flagged as complex; the file may be damaged');
  const { shape, values } = charStrings(reader, element, header, name);
  const variable: TextVariable = { kind: 'text', name, shape, values };
  reader.variables.push(variable);
}

/** The cell's elements (each a miMATRIX) in MATLAB's linear order. */
function cellElements(reader: Reader, element: Element, header: ArrayHeader, name: string): Element[] {
  // Every element takes at least its 8-byte tag, so a count the bytes cannot hold is refused before the loop.
  if (header.count * 8 > element.end - header.rest) fail(reader.file, name, `is a cell of ${header.dims.join('×')} elements, more than its bytes can hold; the file is truncated or damaged`);
  const elements: Element[] = [];
  let position = header.rest;
  for (let k = 0; k < header.count; k++) {
    const child = readElement(reader, position, element.end, `${name}{${k + 1}}`);
    expectType(reader, child, [miMATRIX], `${name}{${k + 1}}`, 'a cell element');
    elements.push(child);
    position = child.next;
  }
  return elements;
}

function readCell(reader: Reader, element: Element, header: ArrayHeader, name: string, depth: number): void {
  const elements = cellElements(reader, element, header, name);
  const headers = elements.map((child, k) => (child.start === child.end ? null : readArrayHeader(reader, child, `${name}{${k + 1}}`)));
  // A cellstr ({'task', 'passive'}) is one text variable with the cell's shape, not one variable per word.
  const isCellstr = headers.every((h) => h !== null && h.arrayClass === mxCHAR && h.dims.length === 2 && (h.dims[0] === 1 || h.count === 0));
  if (isCellstr) {
    const columnMajor = elements.map((child, k) => charStrings(reader, child, headers[k]!, `${name}{${k + 1}}`).values[0] ?? '');
    const values = fortranToC(columnMajor, header.dims, new Array<string>(columnMajor.length));
    reader.variables.push({ kind: 'text', name, shape: header.dims, values });
    return;
  }
  elements.forEach((child, k) => readMatrix(reader, child, `${name}{${k + 1}}`, depth + 1));
}

/** Struct (and object) fields: name length, the names in fixed-width slots, then each element's fields in turn. */
function readStruct(reader: Reader, element: Element, header: ArrayHeader, position: number, name: string, depth: number): void {
  const lengthElement = readElement(reader, position, element.end, name);
  expectType(reader, lengthElement, [miINT32], name, 'its field-name length');
  if (lengthElement.end - lengthElement.start !== 4) fail(reader.file, name, 'has a field-name length element that is not one 4-byte integer; the file may be damaged');
  const slot = reader.view.getInt32(lengthElement.start, reader.little);
  const namesElement = readElement(reader, lengthElement.next, element.end, name);
  expectType(reader, namesElement, [miINT8, miUINT8, miUTF8], name, 'its field names');
  const namesBytes = namesElement.end - namesElement.start;
  if (namesBytes > 0 && (slot <= 0 || namesBytes % slot !== 0)) fail(reader.file, name, `has ${namesBytes} bytes of field names that do not divide into slots of ${slot}; the file may be damaged`);
  const fields: string[] = [];
  for (let offset = namesElement.start; offset < namesElement.end; offset += slot) {
    fields.push(readText(reader, { type: miINT8, start: offset, end: offset + slot, next: offset + slot }, name, 'field names'));
  }
  if (fields.length === 0 || header.count === 0) return;
  if (header.count * fields.length * 8 > element.end - namesElement.next) {
    fail(reader.file, name, `is a struct array of ${header.dims.join('×')} with ${fields.length} fields, more than its bytes can hold; the file is truncated or damaged`);
  }
  let next = namesElement.next;
  for (let k = 0; k < header.count; k++) {
    const base = header.count === 1 ? name : `${name}(${k + 1})`;
    for (const field of fields) {
      const child = readElement(reader, next, element.end, `${base}.${field}`);
      expectType(reader, child, [miMATRIX], `${base}.${field}`, 'a struct field');
      readMatrix(reader, child, `${base}.${field}`, depth + 1);
      next = child.next;
    }
  }
}
