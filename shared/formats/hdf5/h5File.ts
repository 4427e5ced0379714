import h5wasm from 'h5wasm';
import { DatasetError } from '../../dataset/datasetError';

/**
 * HDF5 through h5wasm (NWB 2.x, MATLAB v7.3). The file's bytes go into h5wasm's in-memory file system
 * for the duration of `use` and are removed afterwards.
 * Limitation (issue 4 still open): the whole file is copied in; lazy, sliced reads of large files
 * (WORKERFS in a worker, NODEFS in the CLI) are the next step.
 */
export type H5File = InstanceType<typeof h5wasm.File>;
export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** HDF5 files start with \x89HDF\r\n\x1a\n (at offset 0 for the files Chorus reads). */
export function isHdf5(bytes: Uint8Array): boolean {
  return HDF5_SIGNATURE.every((byte, k) => bytes[k] === byte);
}

/** `use` is synchronous, so one fixed path cannot be shared by two files at once (one per thread). */
const MOUNT_PATH = '/chorus-input.h5';

/**
 * HDF5's own diagnostics become exceptions (not stderr noise), and every failure of the library — a
 * truncated or corrupt file — becomes a DatasetError that names the file and says what HDF5 found.
 */
export async function withHdf5File<T>(bytes: Uint8Array, name: string, use: (file: H5File) => T): Promise<T> {
  const module = await h5wasm.ready;
  module.activate_throwing_error_handler();
  const path = MOUNT_PATH;
  module.FS.writeFile(path, bytes);
  let file: H5File | null = null;
  try {
    file = new h5wasm.File(path, 'r');
    return use(file);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError([{ severity: 'error', file: name, field: '(HDF5)', message: `could not be read: ${hdf5Reason(error)}` }]);
  } finally {
    try {
      file?.close();
    } catch {
      // a file that never opened has nothing to close
    }
    module.FS.unlink(path);
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
