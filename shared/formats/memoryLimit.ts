import { DatasetError } from '../dataset/datasetError';
import type { ReadControl } from './readControl';
import { formatBytes } from './source';

/**
 * How much memory one read may take for what its files declare, checked before anything is allocated or
 * inflated: a 195 KB MATLAB file can inflate to 200 million zeros, and an .npz or NWB header can promise
 * any shape. Readers compare each array's declared elements (held as doubles, 8 bytes each) and the bytes
 * they inflate from with this limit, and refuse with what was declared. The app's worker uses the default;
 * `chorus --max-memory` sets it (by default a quarter of the machine's memory).
 */
export const DEFAULT_MEMORY_LIMIT = 1024 ** 3;

/** Values are held as doubles: the bytes an array of `elements` values takes once read. */
const BYTES_PER_VALUE = 8;

/** How an array is held (`as double` by default), and the inflated bytes it is read from, held meanwhile. */
export interface Declared {
  readonly as?: string;
  readonly inflated?: number;
}

/**
 * What one read (one source, or the arrays of one archive) may still allocate: each array is charged
 * before it is allocated. Refusals are DatasetErrors coded 'memory-limit' that name the file and field
 * and say what was declared.
 */
export interface MemoryBudget {
  readonly limit: number;
  /** `elements` values about to be read: refused when they, with everything charged before, pass the limit. */
  charge(file: string, field: string, elements: number, declared?: Declared): void;
  /** The same refusal as `charge`, without charging: for what a file declares ahead of reading it. */
  check(file: string, field: string, elements: number, declared?: Declared): void;
  /** Bytes about to be inflated: refused when they, with everything charged before, pass the limit. */
  checkBytes(file: string, field: string, bytes: number, what: string): void;
}

export function memoryLimitOf(control: ReadControl): number {
  return control.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
}

/** The budget of one read, from the caller's limit. */
export function memoryBudget(control: ReadControl): MemoryBudget {
  const limit = memoryLimitOf(control);
  let charged = 0;
  const refuse = (file: string, field: string, declared: string, bytes: number): never => {
    const before = bytes <= limit ? ` with the ${formatBytes(charged)} read before it` : '';
    throw new DatasetError([
      {
        severity: 'error',
        code: 'memory-limit',
        file,
        field,
        message: `declares ${declared}, more than the memory limit of ${formatBytes(limit)}${before} (--max-memory); it was not read — check the file, or raise the limit if the machine has the memory`,
      },
    ]);
  };
  const check = (file: string, field: string, elements: number, { as = 'as double', inflated = 0 }: Declared = {}) => {
    const bytes = elements * BYTES_PER_VALUE;
    if (!(charged + bytes + inflated <= limit)) {
      const besides = inflated > 0 ? `, besides the ${formatBytes(inflated)} it inflates to` : '';
      refuse(file, field, `${elements.toLocaleString('en-US')} elements (${formatBytes(bytes)} ${as}${besides})`, bytes + inflated);
    }
    return bytes;
  };
  return {
    limit,
    charge(file, field, elements, declared) {
      charged += check(file, field, elements, declared);
    },
    check,
    checkBytes(file, field, bytes, what) {
      if (!(charged + bytes <= limit)) refuse(file, field, `${formatBytes(bytes)} ${what}`, bytes);
    },
  };
}
