import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { DatasetError } from '../dataset/datasetError';
import { memoryBudget } from './memoryLimit';
import { declaredAs, readNpy, readNpyHeader, type NpyArray, type NpyHeader } from './npy';
import { checkpoint, type ReadControl } from './readControl';

/** NumPy `.npz`: a zip archive (stored or deflated) of `.npy` members, read with fflate. */
export function isNpz(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The archive's arrays, inflated one member at a time with a checkpoint (cancellation) before each:
 * fflate's filter picks the member, so a large archive is never inflated whole only to be abandoned.
 * What each member declares is checked against the memory limit before it is inflated: its .npy header's
 * shape (from its first inflated bytes) and its uncompressed size in the zip, which fflate inflates into
 * and no further. A 200 KB archive can declare 200 million elements.
 */
export async function readNpz(bytes: Uint8Array, file: string, control: ReadControl = {}): Promise<Map<string, NpyArray>> {
  const unzip = (wanted: (name: string, originalSize: number) => boolean): Record<string, Uint8Array> => {
    try {
      return unzipSync(bytes, { filter: (member) => wanted(member.name, member.originalSize) });
    } catch (error) {
      throw new DatasetError([{ severity: 'error', file, field: '(zip)', message: `is not a readable .npz archive (${(error as Error).message})` }]);
    }
  };
  const members: { name: string; originalSize: number }[] = [];
  unzip((name, originalSize) => (members.push({ name, originalSize }), false));
  const memory = memoryBudget(control);
  const arrays = new Map<string, NpyArray>();
  for (const { name, originalSize } of members.filter((m) => m.name.endsWith('.npy'))) {
    await checkpoint(control, file);
    const member = `${file}:${name}`;
    const header = headerOf(memberHead(bytes, name), member);
    if (header) memory.check(member, '(npy header)', header.count, declaredAs(header, originalSize));
    memory.checkBytes(member, '(zip)', originalSize, 'uncompressed (its size in the zip)');
    const inflated = unzip((n) => n === name)[name]!;
    arrays.set(name.slice(0, -4), readNpy(inflated, member, memory, inflated.length));
  }
  if (arrays.size === 0) throw new DatasetError([{ severity: 'error', file, field: '(zip)', message: 'holds no .npy arrays' }]);
  return arrays;
}

/** Bytes of a member enough for its .npy header (whose length is a multiple of 64, most often 128). */
const HEAD_BYTES = 4096;
/** Compressed bytes handed to the streaming unzip at a time: each inflates to at most ~4 MB. */
const PUSH_BYTES = 4096;

/** The first inflated bytes of one member, found by streaming the archive; null when the stream cannot give them. */
function memberHead(bytes: Uint8Array, name: string): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let done = false;
  try {
    const unzip = new Unzip((member) => {
      if (member.name !== name || done) return;
      member.ondata = (error, chunk, final) => {
        if (error || done) return;
        chunks.push(chunk);
        length += chunk.length;
        done = length >= HEAD_BYTES || final;
      };
      member.start();
    });
    unzip.register(UnzipInflate);
    for (let at = 0; at < bytes.length && !done; at += PUSH_BYTES) unzip.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= bytes.length);
  } catch {
    return null; // the full read reports what is wrong with the archive
  }
  const head = new Uint8Array(length);
  chunks.reduce((offset, chunk) => (head.set(chunk, offset), offset + chunk.length), 0);
  return head;
}

/** The header the head declares; null when it does not parse (reading the member then says why). */
function headerOf(head: Uint8Array | null, member: string): NpyHeader | null {
  try {
    return head ? readNpyHeader(head, member) : null;
  } catch {
    return null;
  }
}
