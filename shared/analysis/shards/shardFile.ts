/**
 * A shard's partial result as one file: a JSON header with every typed array moved to a binary section
 * after it, so values come back bit for bit (JSON alone would round-trip finite doubles but lose NaN,
 * ±Infinity and −0, and would triple the size of the pair arrays).
 *   bytes 0–15   "CHORUS-SHARD\n" and padding
 *   bytes 16–19  length of the JSON text (little-endian u32), 20–23 reserved (0)
 *   then the JSON text, padded to 8 bytes, then the arrays, each at an 8-byte offset.
 */
const MAGIC = 'CHORUS-SHARD\n';
const HEAD = 24;

type Tagged = { $t: string; o: number; n: number } | { $n: string };

const ARRAY_TYPES = {
  f64: Float64Array,
  f32: Float32Array,
  u32: Uint32Array,
  i32: Int32Array,
  u8: Uint8Array,
} as const;
type ArrayTag = keyof typeof ARRAY_TYPES;

function tagOf(value: ArrayBufferView): ArrayTag | null {
  for (const [tag, type] of Object.entries(ARRAY_TYPES)) if (value instanceof type) return tag as ArrayTag;
  return null;
}

export function encodeShardFile(value: unknown): Uint8Array {
  const arrays: ArrayBufferView[] = [];
  let offset = 0;
  const json = JSON.stringify(value, function replacer(this: unknown, key: string, inner: unknown) {
    // JSON.stringify hands typed arrays to the replacer as themselves (their toJSON is absent).
    const raw = (this as Record<string, unknown>)[key];
    if (ArrayBuffer.isView(raw)) {
      const tag = tagOf(raw);
      if (!tag) throw new Error(`cannot store a ${raw.constructor.name}`);
      const at = offset;
      arrays.push(raw);
      offset += Math.ceil(raw.byteLength / 8) * 8;
      return { $t: tag, o: at, n: (raw as unknown as { length: number }).length } satisfies Tagged;
    }
    if (typeof inner === 'number' && (!Number.isFinite(inner) || Object.is(inner, -0))) return { $n: Object.is(inner, -0) ? '-0' : String(inner) } satisfies Tagged;
    return inner;
  });
  const text = new TextEncoder().encode(json);
  const binaryStart = HEAD + Math.ceil(text.length / 8) * 8;
  const out = new Uint8Array(binaryStart + offset);
  out.set(new TextEncoder().encode(MAGIC));
  new DataView(out.buffer).setUint32(16, text.length, true);
  out.set(text, HEAD);
  let at = binaryStart;
  for (const array of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += Math.ceil(array.byteLength / 8) * 8;
  }
  return out;
}

/** Where a typed array lies in a shard file: read it when it is needed (loadArrays). */
export class ArrayRef {
  constructor(
    readonly tag: ArrayTag,
    /** Byte offset in the file. */
    readonly offset: number,
    readonly length: number,
  ) {}

  get byteLength(): number {
    return this.length * ARRAY_TYPES[this.tag].BYTES_PER_ELEMENT;
  }
}

/** A shard file read in pieces (a merge of shards far larger than memory reads one frame's blocks at a time). */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/**
 * The value of a shard file with every typed array left as an ArrayRef (only the header is read);
 * loadArrays reads the arrays of whichever part of it is needed.
 */
export async function readShardHeader(source: ByteSource): Promise<unknown> {
  if (source.size < HEAD) throw new Error('is not a Chorus shard file (shorter than its header)');
  const head = await source.read(0, HEAD);
  if (new TextDecoder().decode(head.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('is not a Chorus shard file (no CHORUS-SHARD header)');
  const length = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(16, true);
  const binaryStart = HEAD + Math.ceil(length / 8) * 8;
  if (binaryStart > source.size) throw new Error('is truncated (its header runs past the end of the file)');
  return parseHeader(await source.read(HEAD, length), (tag, o, n) => {
    const ref = new ArrayRef(tag, binaryStart + o, n);
    if (ref.offset + ref.byteLength > source.size) throw new Error('is truncated (an array runs past the end of the file)');
    return ref;
  });
}

/** `value` with every ArrayRef in it read from the source (plain objects and arrays are copied, the rest kept). */
export async function loadArrays<T>(value: T, source: ByteSource): Promise<T> {
  if (value instanceof ArrayRef) {
    const bytes = await source.read(value.offset, value.byteLength);
    const copy = new Uint8Array(value.byteLength);
    copy.set(bytes);
    return new ARRAY_TYPES[value.tag](copy.buffer) as T;
  }
  if (Array.isArray(value)) return (await Promise.all(value.map((v) => loadArrays(v, source)))) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await loadArrays(v, source)] as const));
    return Object.fromEntries(entries) as T;
  }
  return value;
}

function parseHeader(bytes: Uint8Array, array: (tag: ArrayTag, offset: number, length: number) => unknown): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('has a damaged header (not UTF-8)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => {
      if (value && typeof value === 'object' && '$n' in value) return Number((value as { $n: string }).$n === '-0' ? -0 : (value as { $n: string }).$n);
      if (value && typeof value === 'object' && '$t' in value) {
        const { $t, o, n } = value as { $t: ArrayTag; o: number; n: number };
        if (!(($t as string) in ARRAY_TYPES) || !(o >= 0) || !(n >= 0)) throw new Error('has a damaged header (a bad array record)');
        return array($t, o, n);
      }
      return value;
    });
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error('has a damaged header (not JSON)');
    throw error;
  }
  return parsed;
}

/** The value encodeShardFile stored; throws a plain Error saying what is wrong with bytes that are not a shard file. */
export function decodeShardFile(bytes: Uint8Array): unknown {
  if (bytes.length < HEAD || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('is not a Chorus shard file (no CHORUS-SHARD header)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(16, true);
  const binaryStart = HEAD + Math.ceil(length / 8) * 8;
  if (binaryStart > bytes.length) throw new Error('is truncated (its header runs past the end of the file)');
  const binary = bytes.subarray(binaryStart);
  // Arrays are copied out of the file's bytes, at an aligned offset of their own.
  return parseHeader(bytes.subarray(HEAD, HEAD + length), (tag, o, n) => {
    const type = ARRAY_TYPES[tag];
    if (o + n * type.BYTES_PER_ELEMENT > binary.length) throw new Error('is truncated (an array runs past the end of the file)');
    const copy = new Uint8Array(n * type.BYTES_PER_ELEMENT);
    copy.set(binary.subarray(o, o + copy.length));
    return new type(copy.buffer);
  });
}
