import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { checkSilentNeurons } from '../dataset/silentNeurons';
import { isChorusJson, readChorusJson } from './chorusJson';
import { isLongCsv, readLongCsv } from './csvLong';
import { isHdf5 } from './hdf5/h5File';
import { readNwbDataset } from './nwbDataset';
import { readMatchingTable } from './matchingTable';
import { mergeSessions } from '../dataset/mergeSessions';

/** A file as every runtime can hand it over: its name and its bytes. */
export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One entry of the reader registry: detected by content, not only by extension. */
export interface DatasetReader {
  readonly name: string;
  canOpen(file: InputFile, head: string): boolean;
  open(file: InputFile): Dataset | { dataset: Dataset; warnings: DatasetIssue[] };
}

const decoder = (): TextDecoder => new TextDecoder('utf-8');

export const READERS: readonly DatasetReader[] = [
  {
    name: 'Chorus dataset (.chorus.json)',
    canOpen: (_file, head) => isChorusJson(head),
    open: (file) => readChorusJson(decoder().decode(file.bytes), file.name),
  },
  {
    name: 'CSV/TSV long format (session, condition, order, trial, stimulus, epoch, neuron, response)',
    canOpen: (_file, head) => isLongCsv(head),
    open: (file) => readLongCsv(decoder().decode(file.bytes), file.name),
  },
];

export interface OpenOptions {
  /** Leave out neurons that never fire instead of refusing the file. */
  readonly dropSilent: boolean;
}

export interface OpenedDataset {
  readonly dataset: Dataset;
  readonly reader: string;
  readonly warnings: readonly DatasetIssue[];
}

/** The one facade over all readers. Throws DatasetError naming the file and field on bad input. */
export function openDataset(file: InputFile, options: OpenOptions): OpenedDataset {
  if (file.bytes.length === 0) {
    throw new DatasetError([{ severity: 'error', file: file.name, field: '(file)', message: 'is empty (0 bytes)' }]);
  }
  const head = decoder().decode(file.bytes.subarray(0, 4096));
  const reader = READERS.find((r) => r.canOpen(file, head));
  if (!reader) {
    throw new DatasetError([
      {
        severity: 'error',
        file: file.name,
        field: '(file)',
        message: `is not a format Chorus can read; supported: ${READERS.map((r) => r.name).join(', ')}`,
      },
    ]);
  }
  const opened = reader.open(file);
  return 'sessions' in opened
    ? finishOpening(opened, [], reader.name, file, options)
    : finishOpening(opened.dataset, opened.warnings, reader.name, file, options);
}

/** Every reader's dataset goes through the same checks (silent neurons) before it is used. */
function finishOpening(read: Dataset, readerWarnings: readonly DatasetIssue[], reader: string, file: InputFile, options: OpenOptions): OpenedDataset {
  const { dataset, issues } = checkSilentNeurons(read, file.name, options.dropSilent);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) throw new DatasetError(errors);
  return { dataset, reader, warnings: [...readerWarnings, ...issues] };
}

/**
 * openDataset for every format, including those read asynchronously (HDF5: NWB 2.x through h5wasm).
 * The worker and the CLI use this one; the synchronous openDataset serves the text formats.
 */
export async function openDatasetAsync(file: InputFile, options: OpenOptions): Promise<OpenedDataset> {
  if (file.bytes.length > 0 && isHdf5(file.bytes)) {
    const { dataset, warnings } = await readNwbDataset(file.bytes, file.name);
    return finishOpening(dataset, warnings, 'NWB 2.x (units + trials)', file, options);
  }
  return openDataset(file, options);
}

/**
 * One file, or several files as the sessions of one dataset (optionally matched by a matching table):
 * the one path the app's worker and the CLI both open data through. The merge note comes first among
 * the warnings, since it says how to read the whole dataset.
 */
export async function openSessionFiles(
  files: readonly InputFile[],
  options: OpenOptions & { readonly matching?: InputFile },
): Promise<OpenedDataset> {
  const { matching } = options;
  if (files.length === 0) {
    const file = matching?.name ?? '(no file)';
    throw new DatasetError([{ severity: 'error', file, field: '(file)', message: 'is a matching table: open it together with the session files it matches' }]);
  }
  const parts = [];
  const warnings: DatasetIssue[] = [];
  for (const file of files) {
    const opened = await openDatasetAsync(file, options);
    parts.push({ dataset: opened.dataset, file: file.name, reader: opened.reader });
    warnings.push(...opened.warnings);
  }
  const table = matching ? readMatchingTable(decoder().decode(matching.bytes), matching.name) : null;
  const merged = mergeSessions(parts, table, matching?.name);
  return { dataset: merged.dataset, reader: [...new Set(parts.map((p) => p.reader))].join(', '), warnings: [...merged.warnings, ...warnings] };
}
