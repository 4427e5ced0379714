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

/** The value encodeShardFile stored; throws a plain Error saying what is wrong with bytes that are not a shard file. */
export function decodeShardFile(bytes: Uint8Array): unknown {
  if (bytes.length < HEAD || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) throw new Error('is not a Chorus shard file (no CHORUS-SHARD header)');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(16, true);
  const binaryStart = HEAD + Math.ceil(length / 8) * 8;
  if (binaryStart > bytes.length) throw new Error('is truncated (its header runs past the end of the file)');
  // Arrays are copied out of the file's bytes, at an aligned offset of their own.
  const binary = bytes.subarray(binaryStart);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEAD, HEAD + length));
  } catch {
    throw new Error('has a damaged header (not UTF-8)');
  }
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$n' in value) return Number((value as { $n: string }).$n === '-0' ? -0 : (value as { $n: string }).$n);
    if (value && typeof value === 'object' && '$t' in value) {
      const { $t, o, n } = value as { $t: ArrayTag; o: number; n: number };
      const type = ARRAY_TYPES[$t];
      if (!type || !(o >= 0) || !(n >= 0) || o + n * type.BYTES_PER_ELEMENT > binary.length) throw new Error('is truncated (an array runs past the end of the file)');
      const copy = new Uint8Array(n * type.BYTES_PER_ELEMENT);
      copy.set(binary.subarray(o, o + copy.length));
      return new type(copy.buffer);
    }
    return value;
  });
}
