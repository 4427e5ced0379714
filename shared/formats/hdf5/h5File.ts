import h5wasm from 'h5wasm';
import { DatasetError } from '../../dataset/datasetError';
import { formatBytes, type InputFile } from '../source';
import type { MemoryBudget } from '../memoryLimit';
import { checkGlobalHeapCollection, lengthSize } from './globalHeap';
import { HDF5_LIBRARY } from './hdf5Library';

/**
 * HDF5 through h5wasm (NWB 2.x, MATLAB v7.3). The file is never copied whole: it is mounted in h5wasm's
 * virtual file system as a device whose reads go to the ByteSource (a Blob through FileReaderSync in the
 * app's worker, a file descriptor in the CLI), so HDF5 fetches only the slices a reader asks for.
 */
export type H5File = InstanceType<typeof h5wasm.File>;
export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * HDF5 files start with \x89HDF\r\n\x1a\n at offset 0, or after a user block of 512 bytes (MATLAB v7.3)
 * or a larger power of two; the HDF5 library itself looks at the same offsets.
 */
export function isHdf5(bytes: Uint8Array): boolean {
  return hdf5SignatureOffset(bytes) !== null;
}

export function hdf5SignatureOffset(bytes: Uint8Array): number | null {
  for (let offset = 0; offset + 8 <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (HDF5_SIGNATURE.every((byte, k) => bytes[offset + k] === byte)) return offset;
  }
  return null;
}

/** The parts of Emscripten's FS and its WORKERFS that the lazy mount uses (not in h5wasm's typings). */
interface EmscriptenFs {
  mkdir(path: string): void;
  rmdir(path: string): void;
  mount(type: unknown, options: unknown, mountpoint: string): void;
  unmount(mountpoint: string): void;
  filesystems: { WORKERFS: WorkerFs };
}
interface WorkerFs {
  DIR_MODE: number;
  FILE_MODE: number;
  reader: { readAsArrayBuffer(chunk: unknown): ArrayBuffer | Uint8Array } | null;
  createNode(parent: unknown, name: string, mode: number, dev: number, contents?: unknown): unknown;
}

/** A slice of a ByteSource in the shape WORKERFS's read() expects of a Blob slice. */
interface SourceSlice {
  readonly size: number;
  readonly bytes: () => Uint8Array;
}

/**
 * WORKERFS's node and stream operations (read-only files backed by Blob-like `contents`) with our own
 * mount, which Node's main thread may use too (WORKERFS's mount insists on a worker), and our reader,
 * which asks the ByteSource instead of a FileReaderSync.
 */
function sourceFileSystem(workerFs: WorkerFs) {
  workerFs.reader = {
    readAsArrayBuffer: (chunk) => {
      const bytes = (chunk as SourceSlice).bytes();
      // WORKERFS wraps the result in a Uint8Array; a view of the right range keeps that copy-free.
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice();
    },
  };
  return {
    mount(mount: { opts: { name: string; input: InputFile; lengths: number | null } }) {
      const { name, input, lengths } = mount.opts;
      const { source } = input;
      const root = workerFs.createNode(null, '/', workerFs.DIR_MODE, 0);
      const contents = {
        size: source.size,
        slice: (from: number, to: number): SourceSlice => {
          const end = Math.min(to, source.size);
          return { size: Math.max(0, end - from), bytes: () => readInsideLibrary(input, from, end - from, lengths) };
        },
      };
      workerFs.createNode(root, name, workerFs.FILE_MODE, 0, contents);
      return root;
    },
  };
}

/**
 * The file is read from inside HDF5's call stack: an exception there unwinds through the library, which is
 * renewed after this file. Global heap collections are checked on the way (globalHeap.ts), when the file's
 * lengths are known. A failure is a DatasetError, so that readers which treat an unreadable attribute as
 * absent (stringAttribute) still refuse the file as damaged.
 */
function readInsideLibrary(input: InputFile, offset: number, length: number, lengths: number | null): Uint8Array {
  try {
    const bytes = input.source.read(offset, length);
    if (lengths !== null) checkGlobalHeapCollection(bytes, offset, lengths);
    return bytes;
  } catch (error) {
    HDF5_LIBRARY.taint();
    throw error instanceof DatasetError ? error : damaged(input.name, error);
  }
}

let mountCount = 0;

/**
 * HDF5's own diagnostics become exceptions (not stderr noise), and every failure of the library — a
 * truncated or corrupt file, a WebAssembly trap — becomes a DatasetError that names the file and says
 * what HDF5 found; the next file then gets a fresh instance of the library (hdf5Library.ts).
 * The file stays open while `use` awaits (readers pause between units and slices, so they can be cancelled).
 */
export async function withHdf5File<T>(input: InputFile, use: (file: H5File) => T | Promise<T>): Promise<T> {
  const module = await HDF5_LIBRARY.acquire();
  let failed = false;
  let mountpoint: string | null = null;
  let file: H5File | null = null;
  try {
    module.activate_throwing_error_handler();
    const fs = module.FS as unknown as EmscriptenFs;
    mountpoint = `/chorus-input-${++mountCount}`;
    fs.mkdir(mountpoint);
    const lengths = lengthSize(input.source.read(0, Math.min(input.source.size, 4096)));
    fs.mount(sourceFileSystem(fs.filesystems.WORKERFS), { name: 'input.h5', input, lengths }, mountpoint);
    file = new h5wasm.File(`${mountpoint}/input.h5`, 'r');
    return await use(file);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    failed = true;
    throw damaged(input.name, error);
  } finally {
    failed = !closeQuietly(module.FS as unknown as EmscriptenFs, file, mountpoint) || failed;
    HDF5_LIBRARY.release(failed);
  }
}

/** Closes the file and removes its mount; false when the library failed doing so (it is renewed then). */
function closeQuietly(fs: EmscriptenFs, file: H5File | null, mountpoint: string | null): boolean {
  try {
    file?.close();
    if (mountpoint !== null) {
      fs.unmount(mountpoint);
      fs.rmdir(mountpoint);
    }
    return true;
  } catch {
    return false;
  }
}

function damaged(file: string, error: unknown): DatasetError {
  return new DatasetError([
    {
      severity: 'error',
      code: 'damaged-file',
      file,
      field: '(HDF5)',
      message: `is damaged or not HDF5 (${hdf5Reason(error)}); check that it was copied whole, or export it again`,
    },
  ]);
}

/** The innermost HDF5 error line ("truncated file: eof = …"), or the error's first line. */
export function hdf5Reason(error: unknown): string {
  const text = String((error as Error)?.message ?? error);
  const reasons = [...text.matchAll(/ in [\w.]+\(\): (.+)$/gm)].map((m) => m[1]!.trim());
  return reasons.at(-1) ?? text.split('\n')[0]!.slice(0, 200);
}

/** Elements a dataset declares: the product of its shape (1 for a scalar). */
export function declaredElements(dataset: H5Dataset): number {
  return (dataset.shape ?? []).reduce((a, b) => a * b, 1);
}

/**
 * Bytes one read of the HDF5 library may ask for: its heap (WebAssembly memory) ends at 2 GB, and a read
 * needs the bytes as stored there before they are copied out.
 */
const HDF5_READ_BYTES = 1024 ** 3;

/**
 * A dataset read whole, after what its shape declares is charged to the read's memory budget: a 36 KB
 * file can hold a chunked dataset resized to 200 million elements, none of them written.
 */
export function wholeValue(dataset: H5Dataset, memory: MemoryBudget, file: string, field = dataset.path): H5Dataset['value'] {
  const elements = declaredElements(dataset);
  memory.charge(file, field, elements);
  const stored = elements * dataset.metadata.size;
  if (stored > HDF5_READ_BYTES) {
    throw new DatasetError([
      {
        severity: 'error',
        code: 'memory-limit',
        file,
        field,
        message: `declares ${elements.toLocaleString('en-US')} elements (${formatBytes(stored)} as stored), more than the HDF5 reader takes in one piece (${formatBytes(HDF5_READ_BYTES)})`,
      },
    ]);
  }
  return dataset.value;
}

/** The child at `path` when it is of the wanted kind, else null (absent, another kind, or a dangling link). */
function childAt<T>(group: H5Group, path: string, kind: abstract new (...args: never[]) => T): T | null {
  try {
    const item: unknown = group.get(path);
    return item instanceof kind ? item : null;
  } catch (error) {
    HDF5_LIBRARY.taint(); // the exception unwound through the library
    if (error instanceof DatasetError) throw error; // the file is damaged (readInsideLibrary)
    return null;
  }
}

export function datasetAt(group: H5Group, path: string): H5Dataset | null {
  return childAt(group, path, h5wasm.Dataset);
}

export function groupAt(group: H5Group, path: string): H5Group | null {
  return childAt(group, path, h5wasm.Group);
}

export function stringAttribute(group: H5Group | H5Dataset, name: string): string | null {
  try {
    const attribute = group.attrs[name];
    // A name or a version: one string (a crafted file may declare millions).
    if (!attribute || (attribute.shape ?? []).reduce((a, b) => a * b, 1) > 1) return null;
    const value = attribute.value;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
    return null;
  } catch (error) {
    HDF5_LIBRARY.taint(); // the exception unwound through the library
    if (error instanceof DatasetError) throw error; // the file is damaged (readInsideLibrary)
    return null;
  }
}
