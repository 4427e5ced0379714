import { DatasetError } from '../dataset/datasetError';

/**
 * Bytes that can be read at any offset without holding the whole file: a File/Blob in a worker
 * (FileReaderSync), a file descriptor in the CLI, or plain bytes. Synchronous on purpose: HDF5 (through
 * h5wasm's virtual file system) asks for slices synchronously, so large NWB files are read slice by slice.
 */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Uint8Array;
}

/**
 * A file as every runtime hands it over. `name` may carry a folder path (`plane0/F.npy`,
 * `day3/spike_times.npy`): files of one folder form one recording (suite2p plane, Kilosort output).
 */
export interface InputFile {
  readonly name: string;
  readonly source: ByteSource;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

export function inputFromBytes(name: string, bytes: Uint8Array): InputFile {
  return { name, source: bytesSource(bytes) };
}

/**
 * Formats other than HDF5 are parsed from memory; past this size a clear refusal beats an out-of-memory
 * crash of the worker (HDF5 files of any size are read in slices).
 */
export const MAX_WHOLE_FILE_BYTES = 1024 * 1024 * 1024;

export function wholeFile(file: InputFile): Uint8Array {
  const { size } = file.source;
  if (size > MAX_WHOLE_FILE_BYTES) {
    throw new DatasetError([
      {
        severity: 'error',
        file: file.name,
        field: '(file)',
        message: `is ${formatBytes(size)}; Chorus reads files of this format whole, up to ${formatBytes(MAX_WHOLE_FILE_BYTES)}. Split it into sessions, or save it as NWB/HDF5, which is read in slices`,
      },
    ]);
  }
  return file.source.read(0, size);
}

export function fileHead(file: InputFile, length = 4096): Uint8Array {
  return file.source.read(0, Math.min(length, file.source.size));
}

export function headText(file: InputFile, length = 4096): string {
  return new TextDecoder('utf-8').decode(fileHead(file, length));
}

export function wholeText(file: InputFile): string {
  return new TextDecoder('utf-8').decode(wholeFile(file));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

/** `plane0/F.npy` → `F.npy`. */
export function baseName(name: string): string {
  return name.replace(/^.*[/\\]/, '');
}

/** `plane0/F.npy` → `plane0`; `F.npy` → ''. */
export function folderName(name: string): string {
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return cut < 0 ? '' : name.slice(0, cut);
}
