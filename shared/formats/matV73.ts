import type { DatasetIssue } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { datasetAt, groupAt, stringAttribute, wholeValue, withHdf5File, type H5Group } from './hdf5/h5File';
import { memoryBudget } from './memoryLimit';
import { fortranToC } from './npy';
import type { InputFile } from './source';
import type { Variable } from './variables';
import { checkpoint, type ReadControl } from './readControl';

/**
 * MATLAB v7.3 MAT-files are HDF5 (after a 512-byte MATLAB header) read through h5wasm, slice-capable
 * like NWB. Each variable is a dataset with a MATLAB_class attribute; structs are groups. MATLAB writes
 * column-major, so HDF5's shape is MATLAB's dims reversed: values come back in C order of MATLAB's dims,
 * the same convention as the v5 reader. Cell arrays (object references) are listed as skipped. Each
 * variable's shape is checked against the memory limit before it is read.
 */
const NUMERIC_CLASSES = new Set(['double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'logical']);
const MAX_DEPTH = 16;

export async function readMatV73(input: InputFile, control: ReadControl = {}): Promise<{ variables: Variable[]; warnings: DatasetIssue[] }> {
  return withHdf5File(input, async (file) => {
    const memory = memoryBudget(control);
    const variables: Variable[] = [];
    const warnings: DatasetIssue[] = [];
    const skip = (name: string, message: string) => warnings.push({ severity: 'warning', file: input.name, field: name, message });
    const walk = async (group: H5Group, prefix: string, depth: number) => {
      for (const key of group.keys()) {
        if (key.startsWith('#')) continue; // #refs# and #subsystem#: MATLAB's internals
        await checkpoint(control, input.name);
        const name = prefix ? `${prefix}.${key}` : key;
        const child = groupAt(group, key);
        if (child) {
          if (depth < MAX_DEPTH && (stringAttribute(child, 'MATLAB_class') ?? 'struct') === 'struct') await walk(child, name, depth + 1);
          else skip(name, `is a MATLAB ${stringAttribute(child, 'MATLAB_class') ?? 'object'}, which Chorus cannot read`);
          continue;
        }
        const dataset = datasetAt(group, key);
        if (!dataset) continue;
        const matlabClass = stringAttribute(dataset, 'MATLAB_class') ?? 'double';
        const dims = [...(dataset.shape ?? [])].reverse();
        if (dataset.attrs.MATLAB_empty?.value) {
          variables.push({ kind: 'numeric', name, shape: [0, 0], values: new Float64Array(0), dtype: matlabClass });
          continue;
        }
        if (matlabClass === 'char') {
          const codes = Float64Array.from(wholeValue(dataset, memory, input.name, name) as ArrayLike<number>);
          const c = fortranToC(codes, dims);
          const [rows, cols] = [dims[0] ?? 1, dims.slice(1).reduce((a, b) => a * b, 1)];
          const values = Array.from({ length: rows }, (_, r) => String.fromCharCode(...c.subarray(r * cols, (r + 1) * cols)).replace(/\s+$/, ''));
          variables.push({ kind: 'text', name, shape: [rows], values });
          continue;
        }
        if (!NUMERIC_CLASSES.has(matlabClass)) {
          skip(name, `is a MATLAB ${matlabClass}${matlabClass === 'cell' ? ' array (references in v7.3 files); save its arrays as separate variables' : ''}, which Chorus cannot read`);
          continue;
        }
        const raw = wholeValue(dataset, memory, input.name, name);
        if (!raw || typeof raw !== 'object' || !('length' in raw)) {
          skip(name, `has an unreadable layout (dtype ${String(dataset.dtype)}; complex arrays are not read)`);
          continue;
        }
        const values = Float64Array.from(raw as ArrayLike<number | bigint>, Number);
        variables.push({ kind: 'numeric', name, shape: dims, values: fortranToC(values, dims), dtype: matlabClass });
      }
    };
    await walk(file, '', 0);
    if (variables.length === 0) throw new DatasetError([{ severity: 'error', file: input.name, field: '(variables)', message: 'holds no numeric MATLAB variables Chorus can read' }]);
    return { variables, warnings };
  });
}
