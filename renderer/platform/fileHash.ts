import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Bytes hashed between yields to the page: a 1 GB file is hashed in slices without freezing it. */
const SLICE = 8 << 20;
const known = new WeakMap<Blob, string>();

/**
 * The SHA-256 of a file's contents as 64 lowercase hex digits, read in slices (WebCrypto's digest
 * takes the whole file in memory at once), remembered per file. `progress` gets the bytes done.
 */
export async function fileSha256(blob: Blob, progress: (done: number) => void = () => undefined, signal?: AbortSignal): Promise<string> {
  const cached = known.get(blob);
  if (cached) return cached;
  const hash = sha256.create();
  for (let offset = 0; offset < blob.size; offset += SLICE) {
    signal?.throwIfAborted();
    hash.update(new Uint8Array(await blob.slice(offset, offset + SLICE).arrayBuffer()));
    progress(Math.min(blob.size, offset + SLICE));
  }
  const hex = bytesToHex(hash.digest());
  known.set(blob, hex);
  return hex;
}
