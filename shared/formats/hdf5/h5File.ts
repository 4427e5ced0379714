import h5wasm from 'h5wasm';
import { DatasetError } from '../../dataset/datasetError';
import type { ByteSource, InputFile } from '../source';

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
    mount(mount: { opts: { name: string; source: ByteSource } }) {
      const { name, source } = mount.opts;
      const root = workerFs.createNode(null, '/', workerFs.DIR_MODE, 0);
      const contents = {
        size: source.size,
        slice: (from: number, to: number): SourceSlice => {
          const end = Math.min(to, source.size);
          return { size: Math.max(0, end - from), bytes: () => source.read(from, end - from) };
        },
      };
      workerFs.createNode(root, name, workerFs.FILE_MODE, 0, contents);
      return root;
    },
  };
}

let mountCount = 0;

/**
 * HDF5's own diagnostics become exceptions (not stderr noise), and every failure of the library — a
 * truncated or corrupt file — becomes a DatasetError that names the file and says what HDF5 found.
 * The file stays open while `use` awaits (readers pause between units and slices, so they can be cancelled).
 */
export async function withHdf5File<T>(input: InputFile, use: (file: H5File) => T | Promise<T>): Promise<T> {
  const module = await h5wasm.ready;
  module.activate_throwing_error_handler();
  const fs = module.FS as unknown as EmscriptenFs;
  const mountpoint = `/chorus-input-${++mountCount}`;
  fs.mkdir(mountpoint);
  fs.mount(sourceFileSystem(fs.filesystems.WORKERFS), { name: 'input.h5', source: input.source }, mountpoint);
  let file: H5File | null = null;
  try {
    file = new h5wasm.File(`${mountpoint}/input.h5`, 'r');
    return await use(file);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError([{ severity: 'error', file: input.name, field: '(HDF5)', message: `could not be read: ${hdf5Reason(error)}` }]);
  } finally {
    try {
      file?.close();
    } catch {
      // a file that never opened has nothing to close
    }
    fs.unmount(mountpoint);
    fs.rmdir(mountpoint);
  }
}

/** The innermost HDF5 error line ("truncated file: eof = …"), or the error's first line. */
export function hdf5Reason(error: unknown): string {
  const text = String((error as Error)?.message ?? error);
  const reasons = [...text.matchAll(/ in [\w.]+\(\): (.+)$/gm)].map((m) => m[1]!.trim());
  return reasons.at(-1) ?? text.split('\n')[0]!.slice(0, 200);
}

/** The child at `path` when it is of the wanted kind, else null (absent, another kind, or a dangling link). */
function childAt<T>(group: H5Group, path: string, kind: abstract new (...args: never[]) => T): T | null {
  try {
    const item: unknown = group.get(path);
    return item instanceof kind ? item : null;
  } catch {
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
    const value = group.attrs[name]?.value;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
    return null;
  } catch {
    return null;
  }
}
