/**
 * Global heap collections checked as HDF5 loads them. Variable-length strings (NWB's labels, attributes
 * written by h5py) live in collections; one whose object claims more bytes than the collection holds
 * (a 4 GB string in a 4 KB collection) sends the HDF5 library, whose sizes are 32-bit in WebAssembly,
 * into an endless loop or past the end of its memory. HDF5 reads a collection from its first byte, so
 * the reads that start with its signature are checked before HDF5 sees them.
 *
 * Layout (HDF5 File Format Specification, III.E "Global Heap"): "GCOL", version 1, 3 reserved bytes, the
 * collection's size (a length); then objects: index (2 bytes), reference count (2), reserved (4), size (a
 * length), data padded to 8 bytes. Index 0 is the free space, the last object. Lengths take the bytes the
 * superblock says (8 in files from h5py, pynwb and MATLAB).
 */

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const COLLECTION = [0x47, 0x43, 0x4f, 0x4c];

/** Bytes of a length in the file, from the superblock at one of the offsets HDF5 looks at; null when not found. */
export function lengthSize(head: Uint8Array): number | null {
  for (let at = 0; at + 16 <= head.length; at = at === 0 ? 512 : at * 2) {
    if (!SIGNATURE.every((byte, k) => head[at + k] === byte)) continue;
    // Superblock versions 0 and 1 keep the sizes of offsets and lengths at bytes 13 and 14; 2 and 3 at 9 and 10.
    const size = head[at + 8]! <= 1 ? head[at + 14]! : head[at + 10]!;
    return [2, 4, 8].includes(size) ? size : null;
  }
  return null;
}

function readLength(view: DataView, at: number, size: number): number {
  if (size === 2) return view.getUint16(at, true);
  if (size === 4) return view.getUint32(at, true);
  return Number(view.getBigUint64(at, true));
}

/** Throws (an Error: the caller unwinds HDF5 with it) when `bytes`, read at `offset`, start a collection with an object larger than it. */
export function checkGlobalHeapCollection(bytes: Uint8Array, offset: number, length: number): void {
  if (bytes.length < 8 + length || !COLLECTION.every((byte, k) => bytes[k] === byte) || bytes[4] !== 1) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const collection = readLength(view, 8, length);
  const objectHeader = 8 + length;
  const end = Math.min(collection, bytes.length); // a first read may hold only the start of a large collection
  for (let object = 8 + length; object + objectHeader <= end; ) {
    const index = view.getUint16(object, true);
    if (index === 0) return; // the free space: the rest of the collection
    const size = readLength(view, object + 8, length);
    if (size > collection - object - objectHeader) {
      throw new Error(`a global heap object (index ${index}, at byte ${offset + object}) claims ${size} bytes, more than its collection of ${collection} bytes holds`);
    }
    object += objectHeader + Math.ceil(size / 8) * 8;
  }
}
