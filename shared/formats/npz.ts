import { unzipSync } from 'fflate';
import { DatasetError } from '../dataset/datasetError';
import { readNpy, type NpyArray } from './npy';
import { checkpoint, type ReadControl } from './readControl';

/** NumPy `.npz`: a zip archive (stored or deflated) of `.npy` members, read with fflate. */
export function isNpz(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * The archive's arrays, inflated one member at a time with a checkpoint (cancellation) before each:
 * fflate's filter picks the member, so a large archive is never inflated whole only to be abandoned.
 */
export async function readNpz(bytes: Uint8Array, file: string, control: ReadControl = {}): Promise<Map<string, NpyArray>> {
  const unzip = (wanted: (name: string) => boolean): Record<string, Uint8Array> => {
    try {
      return unzipSync(bytes, { filter: (member) => wanted(member.name) });
    } catch (error) {
      throw new DatasetError([{ severity: 'error', file, field: '(zip)', message: `is not a readable .npz archive (${(error as Error).message})` }]);
    }
  };
  const names: string[] = [];
  unzip((name) => (names.push(name), false));
  const arrays = new Map<string, NpyArray>();
  for (const name of names.filter((n) => n.endsWith('.npy'))) {
    await checkpoint(control, file);
    arrays.set(name.slice(0, -4), readNpy(unzip((n) => n === name)[name]!, `${file}:${name}`));
  }
  if (arrays.size === 0) throw new DatasetError([{ severity: 'error', file, field: '(zip)', message: 'holds no .npy arrays' }]);
  return arrays;
}
