import { unzipSync, zipSync } from 'fflate';

/** Zip headers carry a modification time (to 2 s): a fixed one keeps every case the same bytes whenever it is built. */
export const FIXED_ZIP_TIME = new Date(Date.UTC(2026, 0, 1));
import { seededRandom } from '../../shared/random/seededRandom';

/**
 * Seeded mutations of one file: byte-level ones for every format (bit flips, byte runs, truncation,
 * duplication, splices, interesting values at aligned offsets, numbers in any ASCII text such as an
 * .npy header), and structure-aware ones where a format has structure worth keeping (JSON trees, CSV
 * cells, the members of a zip). Every draw comes from the case's own generator, so a case is its seed.
 */

export interface Draw {
  /** A whole number in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function draws(seed: number): Draw {
  const random = seededRandom(seed);
  const int = (n: number) => Math.min(n - 1, Math.floor(random.uniform() * n));
  return { int, pick: (items) => items[int(items.length)]!, chance: (p) => random.uniform() < p };
}

/** Mixes a run's seed and a case number into the case's own seed (a 32-bit integer hash). */
export function caseSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}

/** How a file is mutated, from its name. */
export type FileKind = 'json' | 'csv' | 'text' | 'zip' | 'binary';

export function fileKind(name: string): FileKind {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.(csv|tsv|txt)$/i.test(name)) return 'csv';
  if (/\.py$/i.test(name)) return 'text';
  if (/\.npz$/i.test(name)) return 'zip';
  return 'binary';
}

/** One mutated file and what was done to it, for the failure list and the fixture's case.json. */
export interface Mutated {
  readonly bytes: Uint8Array;
  readonly steps: readonly string[];
}

/** Numbers that break assumptions: zero, signs, the edges of 8/16/32/53/64-bit integers, non-finite values. */
const INTERESTING_NUMBERS = [0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, -(2 ** 31), 1e308, -1e308, NaN, Infinity, -Infinity, 5e-324];
const INTERESTING_TEXT = ['0', '-1', '-0', '2147483647', '2147483648', '4294967296', '9007199254740993', '1e308', '-1e308', '1e999', 'NaN', 'nan', 'Infinity', '-inf', '0x10', '1e-320', '99999999999999999999999', '200000000', ''];
/** Names that are properties of every JavaScript object: data keyed by them must not reach Object.prototype. */
export const OBJECT_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

type Mutator = (bytes: Uint8Array, draw: Draw, partner: Uint8Array) => { bytes: Uint8Array; step: string } | null;

const bitFlip: Mutator = (bytes, draw) => {
  if (bytes.length === 0) return null;
  const out = Uint8Array.from(bytes);
  const flips = 1 + draw.int(8);
  for (let k = 0; k < flips; k++) out[draw.int(out.length)]! ^= 1 << draw.int(8);
  return { bytes: out, step: `bit-flip ×${flips}` };
};

const byteRun: Mutator = (bytes, draw) => {
  if (bytes.length === 0) return null;
  const out = Uint8Array.from(bytes);
  const at = draw.int(out.length);
  const length = 1 + draw.int(Math.min(64, out.length - at));
  const value = draw.pick([0x00, 0xff, 0x7f, 0x80, draw.int(256)]);
  out.fill(value, at, at + length);
  return { bytes: out, step: `byte-run ${length}×0x${value.toString(16)} at ${at}` };
};

const truncate: Mutator = (bytes, draw) => {
  const keep = draw.chance(0.5) ? draw.int(bytes.length + 1) : Math.max(0, bytes.length - 1 - draw.int(64));
  return { bytes: bytes.slice(0, keep), step: `truncate to ${keep}` };
};

const duplicate: Mutator = (bytes, draw) => {
  if (bytes.length === 0) return null;
  const from = draw.int(bytes.length);
  const length = 1 + draw.int(Math.min(256, bytes.length - from));
  const to = draw.int(bytes.length + 1);
  const out = new Uint8Array(bytes.length + length);
  out.set(bytes.subarray(0, to));
  out.set(bytes.subarray(from, from + length), to);
  out.set(bytes.subarray(to), to + length);
  return { bytes: out, step: `duplicate ${length} bytes from ${from} at ${to}` };
};

/** The head of this file on the tail of another file of the same kind (or of itself, shifted). */
const splice: Mutator = (bytes, draw, partner) => {
  const cut = draw.int(bytes.length + 1);
  const from = draw.int(partner.length + 1);
  const out = new Uint8Array(cut + partner.length - from);
  out.set(bytes.subarray(0, cut));
  out.set(partner.subarray(from), cut);
  return { bytes: out, step: `splice at ${cut} with a partner from ${from}` };
};

const interestingValue: Mutator = (bytes, draw) => {
  const widths = [1, 2, 4, 8, 4, 8] as const;
  const kind = draw.int(widths.length);
  const width = widths[kind]!;
  if (bytes.length < width) return null;
  // Aligned offsets most of the time: binary formats store their sizes and offsets aligned.
  const at = draw.chance(0.75) ? Math.floor(draw.int(bytes.length - width + 1) / width) * width : draw.int(bytes.length - width + 1);
  const little = draw.chance(0.5);
  const value = draw.pick(INTERESTING_NUMBERS);
  const out = Uint8Array.from(bytes);
  const view = new DataView(out.buffer, at, width);
  const asInteger = (bits: number) => (Number.isFinite(value) ? BigInt.asIntN(bits, BigInt(Math.trunc(Math.max(-(2 ** 63), Math.min(2 ** 63 - 1, value))))) : -1n);
  if (kind === 0) view.setInt8(0, Number(asInteger(8)));
  else if (kind === 1) view.setInt16(0, Number(asInteger(16)), little);
  else if (kind === 2) view.setInt32(0, Number(asInteger(32)), little);
  else if (kind === 3) view.setBigInt64(0, asInteger(64), little);
  else if (kind === 4) view.setFloat32(0, value, little);
  else view.setFloat64(0, value, little);
  const type = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64'][kind]!;
  return { bytes: out, step: `${type} ${little ? 'LE' : 'BE'} ${value} at ${at}` };
};

/** Replaces one of the regex's matches in the bytes' ASCII text (a number in an .npy header, a word in a CSV). */
function replaceMatch(bytes: Uint8Array, pattern: RegExp, replacement: string, draw: Draw, label: string): { bytes: Uint8Array; step: string } | null {
  // latin1 keeps one character per byte, so match offsets are byte offsets.
  const text = Array.from(bytes.subarray(0, 1 << 20), (b) => String.fromCharCode(b)).join('');
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return null;
  const match = draw.pick(matches);
  const at = match.index;
  const insert = ENCODER.encode(replacement);
  const out = new Uint8Array(bytes.length - match[0].length + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + match[0].length), at + insert.length);
  return { bytes: out, step: `${label} ${JSON.stringify(match[0].slice(0, 24))} → ${JSON.stringify(replacement.slice(0, 24))} at ${at}` };
}

const numberText: Mutator = (bytes, draw) => replaceMatch(bytes, /-?\d+(\.\d+)?(e-?\d+)?/gi, draw.pick(INTERESTING_TEXT), draw, 'number');
const objectKey: Mutator = (bytes, draw) => replaceMatch(bytes, /[A-Za-z_][A-Za-z0-9_]{1,40}/g, draw.pick(OBJECT_KEYS), draw, 'word');

const BYTE_MUTATORS: readonly Mutator[] = [bitFlip, byteRun, truncate, duplicate, splice, interestingValue, numberText];

// ---- Structure-aware mutations ----------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container (object or array) in a parsed JSON tree, with its path. */
function containers(value: Json, path: string, out: { node: Json[] | { [key: string]: Json }; path: string }[]): typeof out {
  if (value !== null && typeof value === 'object') {
    out.push({ node: value, path });
    for (const [key, child] of Object.entries(value)) containers(child, `${path}.${key}`, out);
  }
  return out;
}

/** Sets an own property, also for '__proto__' (an assignment would set the prototype instead). */
function setOwn(target: { [key: string]: Json } | Json[], key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function interestingJson(draw: Draw, like: Json): Json {
  const deep = (levels: number): Json => (levels === 0 ? 1 : [deep(levels - 1)]);
  const choices: (() => Json)[] = [
    () => 0,
    () => -1,
    () => 2 ** 31,
    () => 1e308,
    () => -1e308,
    () => 0.5,
    () => null,
    () => true,
    () => '',
    () => 'NaN',
    () => draw.pick(OBJECT_KEYS),
    () => [],
    () => ({}),
    () => deep(2000),
    () => 'x'.repeat(100_000),
    () => Array.from({ length: 10_000 }, () => (typeof like === 'number' ? like : 1)),
    () => (Array.isArray(like) ? [...like, ...like] : like),
  ];
  return draw.pick(choices)();
}

/** A JSON file changed at one node: a value replaced, a key removed or renamed to an object key, an element duplicated. */
function mutateJson(bytes: Uint8Array, draw: Draw): { bytes: Uint8Array; step: string } | null {
  let tree: Json;
  try {
    tree = JSON.parse(DECODER.decode(bytes)) as Json;
  } catch {
    return null;
  }
  const found = containers(tree, '$', []);
  if (found.length === 0) return null;
  const { node, path } = draw.pick(found);
  const keys = Object.keys(node);
  const key = keys.length > 0 ? draw.pick(keys) : '0';
  const old = (node as Record<string, Json>)[key] ?? null;
  const action = draw.int(5);
  let step: string;
  if (action === 0 && keys.length > 0 && !Array.isArray(node)) {
    delete (node as Record<string, Json>)[key];
    step = `json delete ${path}.${key}`;
  } else if (action === 1 && !Array.isArray(node)) {
    const name = draw.pick(OBJECT_KEYS);
    setOwn(node, name, keys.length > 0 ? old : interestingJson(draw, old));
    if (keys.length > 0 && draw.chance(0.5)) delete (node as Record<string, Json>)[key];
    step = `json key ${path}.${name} (from ${key})`;
  } else if (action === 2 && Array.isArray(node) && node.length > 0) {
    node.splice(draw.int(node.length + 1), 0, structuredClone(draw.pick(node)));
    step = `json duplicate an element of ${path}`;
  } else {
    const value = interestingJson(draw, old);
    setOwn(node, key, value);
    step = `json ${path}.${key} = ${JSON.stringify(value)?.slice(0, 24)}`;
  }
  return { bytes: ENCODER.encode(JSON.stringify(tree)), step };
}

/** A CSV/TSV changed at one cell or row: a header name or value replaced, a row shortened, lengthened, doubled or dropped. */
function mutateCsv(bytes: Uint8Array, draw: Draw): { bytes: Uint8Array; step: string } | null {
  const lines = DECODER.decode(bytes).split('\n');
  if (lines.length === 0) return null;
  const separator = lines[0]!.includes('\t') ? '\t' : ',';
  const row = draw.chance(0.3) ? 0 : draw.int(lines.length);
  const cells = lines[row]!.split(separator);
  const column = draw.int(cells.length);
  const action = draw.int(6);
  let step: string;
  if (action <= 1) {
    const value = action === 0 ? draw.pick(OBJECT_KEYS) : draw.pick([...INTERESTING_TEXT, '"', '""', 'a,b', ' ', '\r', 'x'.repeat(10_000)]);
    cells[column] = value;
    step = `csv cell (${row}, ${column}) = ${JSON.stringify(value.slice(0, 24))}`;
  } else if (action === 2) {
    cells.splice(column, 1);
    step = `csv drop cell (${row}, ${column})`;
  } else if (action === 3) {
    cells.splice(column, 0, cells[column] ?? '');
    step = `csv extra cell (${row}, ${column})`;
  } else if (action === 4) {
    lines.splice(row, 0, lines[row]!);
    step = `csv duplicate row ${row}`;
  } else {
    lines.splice(row, 1);
    return { bytes: ENCODER.encode(lines.join('\n')), step: `csv drop row ${row}` };
  }
  lines[row] = cells.join(separator);
  return { bytes: ENCODER.encode(lines.join('\n')), step };
}

/** One member of a zip (an .npz's arrays) mutated with the byte mutators, then zipped again, stored or deflated. */
function mutateZip(bytes: Uint8Array, draw: Draw): { bytes: Uint8Array; step: string } | null {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch {
    return null;
  }
  const names = Object.keys(members);
  if (names.length === 0) return null;
  const name = draw.pick(names);
  const inner = draw.pick([...BYTE_MUTATORS, objectKey])(members[name]!, draw, members[draw.pick(names)]!);
  if (!inner) return null;
  members[name] = inner.bytes;
  const level = draw.pick([0, 6] as const);
  return { bytes: zipSync(members, { level, mtime: FIXED_ZIP_TIME }), step: `zip member ${name}: ${inner.step} (${level === 0 ? 'stored' : 'deflated'})` };
}

const STRUCTURED: Partial<Record<FileKind, (bytes: Uint8Array, draw: Draw) => { bytes: Uint8Array; step: string } | null>> = { json: mutateJson, csv: mutateCsv, zip: mutateZip };

/**
 * One to four stacked mutations of a file (AFL's havoc, in small): half of them structure-aware where
 * the kind has a structure, object keys in text kinds, the byte mutators everywhere. `partner` is another
 * file of the same kind, for splices.
 */
export function mutate(bytes: Uint8Array, kind: FileKind, draw: Draw, partner: Uint8Array): Mutated {
  const stack = 1 + (draw.chance(0.5) ? 0 : draw.int(4));
  const steps: string[] = [];
  let current = bytes;
  const text = kind === 'json' || kind === 'csv' || kind === 'text';
  for (let k = 0; k < stack; k++) {
    const structured = STRUCTURED[kind];
    const choice = draw.int(10);
    const done =
      structured && choice < 5 ? structured(current, draw) : text && choice < 7 ? objectKey(current, draw, partner) : draw.pick(BYTE_MUTATORS)(current, draw, partner);
    if (done) {
      current = done.bytes;
      steps.push(done.step);
    }
  }
  if (steps.length === 0) {
    const cut = truncate(current, draw, partner)!;
    return { bytes: cut.bytes, steps: [cut.step] };
  }
  return { bytes: current, steps };
}
