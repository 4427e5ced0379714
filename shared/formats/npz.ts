import { unzipSync } from 'fflate';
import { DatasetError } from '../dataset/datasetError';
import { readNpy, type NpyArray } from './npy';

/** NumPy `.npz`: a zip archive (stored or deflated) of `.npy` members, read with fflate. */
export function isNpz(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function readNpz(bytes: Uint8Array, file: string): Map<string, NpyArray> {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (error) {
    throw new DatasetError([{ severity: 'error', file, field: '(zip)', message: `is not a readable .npz archive (${(error as Error).message})` }]);
  }
  const arrays = new Map<string, NpyArray>();
  for (const [name, member] of Object.entries(members)) {
    if (!name.endsWith('.npy')) continue;
    arrays.set(name.slice(0, -4), readNpy(member, `${file}:${name}`));
  }
  if (arrays.size === 0) throw new DatasetError([{ severity: 'error', file, field: '(zip)', message: 'holds no .npy arrays' }]);
  return arrays;
}
