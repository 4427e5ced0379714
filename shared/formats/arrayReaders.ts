import type { DatasetIssue } from '../dataset/types';
import { arrayDataset } from './arrayDataset';
import { isMatV5, isMatV73, readMatV5 } from './matV5';
import { memoryBudget } from './memoryLimit';
import { readMatV73 } from './matV73';
import { withChoices } from './mappingError';
import { isNpy, readNpy, type NpyArray } from './npy';
import { isNpz, readNpz } from './npz';
import { checkpoint, type ReadControl } from './readControl';
import { readerInfo } from './readerCatalog';
import { NO_COUNTS, type FileReader, type FolderReader, type Reader, type SourceGroup } from './reader';
import { baseName, wholeFile } from './source';
import { describeVariable, type Variable } from './variables';

/**
 * Formats of named arrays (MATLAB v5 and v7.3, NumPy .npz and a folder of .npy): each lists its
 * variables, and arrayDataset maps them to a dataset the same way for all of them.
 */
type Variables = (group: SourceGroup, control: ReadControl) => Promise<{ variables: Variable[]; warnings: DatasetIssue[] }>;

function openArrays(variablesOf: Variables): Reader['open'] {
  return async (group, { mapping, session, index, control }) => {
    const { variables, warnings } = await variablesOf(group, control);
    const listed = variables.map(describeVariable);
    const choices = { variables: listed, responses: listed.filter((v) => v.kind === 'numeric' && v.shape.filter((n) => n > 1).length >= 2).map((v) => v.name) };
    const opened = await withChoices(choices, () => arrayDataset(variables, mapping, { file: group.name, name: session.id, source: group.name, index }));
    return { dataset: opened.dataset, warnings: [...warnings, ...opened.warnings], detected: opened.detected, choices };
  };
}

const numericVariables = (arrays: Iterable<readonly [string, NpyArray]>): Variable[] =>
  [...arrays].map(([name, array]) => ({ kind: 'numeric', name, shape: array.shape, values: array.values, dtype: array.dtype }));

/** MATLAB v7.3 is HDF5 behind a MATLAB header: it must be claimed before NWB claims any HDF5. */
export const matV73Reader: FileReader = {
  ...readerInfo('matlab-v7.3'),
  reads: 'file',
  canOpen: (probe) => isMatV73(probe.head),
  open: openArrays((group, control) => readMatV73(group.files[0]!, control)),
};

export const matV5Reader: FileReader = {
  ...readerInfo('matlab-v5'),
  reads: 'file',
  canOpen: (probe) => isMatV5(probe.head),
  open: openArrays((group, control) => readMatV5(wholeFile(group.files[0]!), group.name, control)),
};

export const npzReader: FileReader = {
  ...readerInfo('npz'),
  reads: 'file',
  canOpen: (probe) => isNpz(probe.head),
  open: openArrays(async (group, control) => ({ variables: numericVariables(await readNpz(wholeFile(group.files[0]!), group.name, control)), warnings: [] })),
  inspect: async (group, control) => {
    const arrays = [...(await readNpz(wholeFile(group.files[0]!), group.name, control))].map(([name, array]) => ({ name, dtype: array.dtype, shape: array.shape }));
    return { format: 'NumPy .npz', counts: NO_COUNTS, details: { arrays }, warnings: [] };
  },
};

/** Loose .npy files, one folder one source; the last folder reader, so it takes any folder the others do not. */
export const npyFolderReader: FolderReader = {
  ...readerInfo('npy-folder'),
  reads: 'folder',
  isMember: (probe) => isNpy(probe.head),
  canOpenFolder: () => true,
  open: openArrays(async (group, control) => {
    const arrays: [string, NpyArray][] = [];
    const memory = memoryBudget(control);
    for (const file of group.files) {
      await checkpoint(control, file.name);
      arrays.push([baseName(file.name).replace(/\.npy$/, ''), readNpy(wholeFile(file), file.name, memory)]);
    }
    return { variables: numericVariables(arrays), warnings: [] };
  }),
  // One array on its own: its dtype and shape (a folder of them lists its files instead).
  inspect: async (group, control) => {
    if (group.files.length !== 1) return null;
    const array = readNpy(wholeFile(group.files[0]!), group.name, memoryBudget(control));
    return { format: 'NumPy .npy', counts: NO_COUNTS, details: { dtype: array.dtype, shape: array.shape }, warnings: [] };
  },
};
