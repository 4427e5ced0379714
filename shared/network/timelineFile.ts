/**
 * A timeline as one binary file: a JSON header for its plain fields and every typed array after it,
 * each 8-byte aligned so the reader views them in place (no copy). The demo's point-estimate timeline
 * ships in this form (built with the app), so its network is drawn before any analysis runs (issue 11).
 * NaN and ±Infinity survive (JSON alone would turn them into null).
 */
import type { Timeline } from './timeline';

const MAGIC = 'CHORUSTL';
const VERSION = 1;

type TypedArray = Float32Array | Float64Array | Uint32Array | Int32Array | Uint8Array;
const TYPED: Record<string, { new (buffer: ArrayBuffer, offset: number, length: number): TypedArray; readonly BYTES_PER_ELEMENT: number }> = {
  Float32Array,
  Float64Array,
  Uint32Array,
  Int32Array,
  Uint8Array,
};

/** What the file holds: a timeline and the notices shown with it. */
export interface TimelineFileContent {
  readonly timeline: Timeline;
  readonly warnings: readonly string[];
  readonly source: string;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

export function encodeTimelineFile(content: TimelineFileContent): Uint8Array {
  const arrays: TypedArray[] = [];
  let blobLength = 0;
  const header = JSON.stringify(content, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const array = value as TypedArray;
      const kind = array.constructor.name;
      if (!(kind in TYPED)) throw new Error(`timeline file: cannot store a ${kind}`);
      const entry = { $typed: kind, offset: blobLength, length: array.length };
      arrays.push(array);
      blobLength = align8(blobLength + array.byteLength);
      return entry;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
    return value;
  });
  const headerBytes = new TextEncoder().encode(header);
  const blobStart = align8(16 + headerBytes.length);
  const bytes = new Uint8Array(blobStart + blobLength);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  bytes.set(headerBytes, 16);
  let offset = blobStart;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset = align8(offset + array.byteLength);
  }
  return bytes;
}

/** Reads a file encodeTimelineFile wrote; throws naming what is wrong with one that is not. */
export function decodeTimelineFile(buffer: ArrayBuffer, name = 'timeline file'): TimelineFileContent {
  if (buffer.byteLength < 16 || new TextDecoder().decode(new Uint8Array(buffer, 0, 8)) !== MAGIC) throw new Error(`${name}: not a Chorus timeline file`);
  const view = new DataView(buffer);
  const version = view.getUint32(8, true);
  if (version !== VERSION) throw new Error(`${name}: format version ${version}, this Chorus reads version ${VERSION}`);
  const headerLength = view.getUint32(12, true);
  if (16 + headerLength > buffer.byteLength) throw new Error(`${name}: header runs past the end of the file`);
  const blobStart = align8(16 + headerLength);
  const header = new TextDecoder().decode(new Uint8Array(buffer, 16, headerLength));
  const content = JSON.parse(header, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object') return value;
    const entry = value as { $typed?: string; offset?: number; length?: number; $number?: string };
    if (typeof entry.$number === 'string') return Number(entry.$number);
    if (typeof entry.$typed !== 'string') return value;
    const Kind = TYPED[entry.$typed];
    if (!Kind || typeof entry.offset !== 'number' || typeof entry.length !== 'number') throw new Error(`${name}: array entry ${JSON.stringify(entry)} is not readable`);
    const start = blobStart + entry.offset;
    if (start + entry.length * Kind.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error(`${name}: ${entry.$typed} of ${entry.length} runs past the end of the file`);
    return new Kind(buffer, start, entry.length);
  }) as Partial<TimelineFileContent>;
  if (!content.timeline || !Array.isArray(content.warnings) || typeof content.source !== 'string') throw new Error(`${name}: timeline, warnings or source missing`);
  return content as TimelineFileContent;
}
