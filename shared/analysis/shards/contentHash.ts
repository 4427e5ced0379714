import type { Dataset } from '../../dataset/types';

/**
 * A 64-bit fingerprint of a dataset's content (neurons, sessions, trials, every response), so a merge can
 * tell shards of one dataset from shards of another, whatever the file was called. Not cryptographic: it
 * guards against mixing up runs, not against forgery. Two 32-bit multiply–rotate lanes over the bytes.
 */
export function datasetHash(dataset: Dataset): string {
  const hash = new ContentHash();
  hash.text(JSON.stringify({ name: dataset.name, matching: dataset.matching, neurons: dataset.neurons.map((n) => n.id) }));
  for (const session of dataset.sessions) {
    hash.text(JSON.stringify({ id: session.id, order: session.order, condition: session.condition, epochs: session.epochs, trials: session.trialCount }));
    hash.bytes(session.stimulus);
    hash.bytes(session.choice ?? new Uint8Array(0));
    hash.bytes(session.present);
    hash.bytes(session.responses);
  }
  return hash.hex();
}

/** The fingerprint of any JSON-able value (settings, a plan), keys in the order given. */
export function valueHash(value: unknown): string {
  const hash = new ContentHash();
  hash.text(JSON.stringify(value));
  return hash.hex();
}

class ContentHash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;
  private length = 0;

  text(value: string): void {
    this.bytes(new TextEncoder().encode(value));
  }

  bytes(view: ArrayBufferView): void {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const words = Math.floor(bytes.length / 4);
    // Aligned views read as words directly; others are copied once.
    const aligned = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, words) : new Uint32Array(bytes.slice(0, words * 4).buffer);
    let { a, b } = this;
    for (let k = 0; k < words; k++) {
      const w = aligned[k]!;
      a = Math.imul(rotate(a ^ w, 13), 0x5bd1e995) >>> 0;
      b = Math.imul(rotate(b + w, 17) ^ a, 0x27d4eb2d) >>> 0;
    }
    for (let k = words * 4; k < bytes.length; k++) {
      a = Math.imul(a ^ bytes[k]!, 0x01000193) >>> 0;
      b = Math.imul(b ^ bytes[k]!, 0x85ebca6b) >>> 0;
    }
    this.a = a;
    this.b = b;
    this.length += bytes.length;
    // The length of each piece, so [ab][c] and [a][bc] differ.
    this.a = Math.imul(this.a ^ bytes.length, 0xcc9e2d51) >>> 0;
  }

  hex(): string {
    let a = this.a ^ this.length;
    let b = this.b;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) >>> 0;
    b = Math.imul(b ^ (b >>> 13) ^ a, 0xc2b2ae35) >>> 0;
    a = (a ^ (b >>> 16)) >>> 0;
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }
}

function rotate(x: number, bits: number): number {
  return ((x << bits) | (x >>> (32 - bits))) >>> 0;
}
