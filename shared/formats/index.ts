import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError, failureIn } from '../dataset/datasetError';
import { checkSilentNeurons } from '../dataset/silentNeurons';
import { mergeSessions } from '../dataset/mergeSessions';
import { isChorusJson, readChorusJson } from './chorusJson';
import { isLongCsv, readLongCsv } from './csvLong';
import { headerNames } from './csvHeader';
import { isHdf5 } from './hdf5/h5File';
import { readNwbDataset } from './nwbDataset';
import { isMatchingTable, readMatchingTable } from './matchingTable';
import { EMPTY_MAPPING, isMappingPreset, mergeMappings, parseMapping, sessionLabels, type DatasetMapping } from './mapping';
import { isMatV5, isMatV73, readMatV5 } from './matV5';
import { readMatV73 } from './matV73';
import { isNpz, readNpz } from './npz';
import { isNpy, readNpy } from './npy';
import { arrayDataset } from './arrayDataset';
import { isKilosortFolder, readKilosortFolder } from './kilosort';
import { isSuite2pFolder, readSuite2pFolder } from './suite2p';
import { eventColumns, isTrialsCsv, labelColumns, readTrialsCsv } from './trialsTable';
import { baseName, fileHead, folderName, wholeFile, wholeText, type InputFile } from './source';
import { withChoices, type MappingChoices } from './mappingError';
import { describeVariable, type Variable } from './variables';

export type { InputFile } from './source';
export { inputFromBytes } from './source';
export { MappingError, type MappingChoices } from './mappingError';

/**
 * The one way into Chorus for data: files (a folder's files carry its name: `plane0/F.npy`) are grouped
 * into sources — one per file, or one per Kilosort / suite2p / .npy folder — each detected by content,
 * not by extension. Each source becomes the sessions of one dataset, read with one mapping (detected
 * where it is silent), and several sources are merged (optionally through a matching table). A mapping
 * preset among the files is applied; a trials CSV goes with the folder it sits in.
 */
export type SourceKind = 'chorus-json' | 'long-csv' | 'nwb' | 'matlab-v5' | 'matlab-v7.3' | 'npz' | 'npy-folder' | 'kilosort' | 'suite2p';

export const FORMAT_NAMES: Record<SourceKind, string> = {
  'chorus-json': 'Chorus dataset (.chorus.json)',
  'long-csv': 'CSV/TSV long format',
  nwb: 'NWB 2.x',
  'matlab-v5': 'MATLAB v5 .mat',
  'matlab-v7.3': 'MATLAB v7.3 .mat (HDF5)',
  npz: 'NumPy .npz',
  'npy-folder': 'NumPy .npy arrays',
  kilosort: 'Kilosort/phy folder + trials CSV',
  suite2p: 'suite2p plane + trials CSV',
};

export interface SourceGroup {
  readonly kind: SourceKind;
  /** The file, or the folder, as the sessions table of the dialog lists it. */
  readonly name: string;
  readonly files: readonly InputFile[];
  readonly trials: InputFile | null;
}

export interface GroupedInputs {
  readonly groups: SourceGroup[];
  readonly matching: InputFile | null;
  readonly preset: InputFile | null;
}

export interface OpenOptions {
  /** Leave out neurons that never fire instead of refusing the file. */
  readonly dropSilent: boolean;
  readonly mapping?: DatasetMapping;
  /** Reading progress (units binned, sources read). */
  readonly onProgress?: (step: string, done: number, total: number) => void;
}

export interface OpenedDataset {
  readonly dataset: Dataset;
  readonly reader: string;
  readonly warnings: readonly DatasetIssue[];
  /** The mapping as applied: the given one with every detected field filled in. */
  readonly mapping: DatasetMapping;
  readonly choices: MappingChoices;
  /** The sources, in session order, as the dialog's sessions table lists them. */
  readonly sources: readonly { readonly name: string; readonly format: string; readonly condition: string; readonly order: number }[];
}

const refuse = (file: string, field: string, message: string): never => failureIn(file)(field, message);

/** Sorts the chosen files into sources by content. Throws for a file that no reader claims. */
export function groupInputs(files: readonly InputFile[], mapping: DatasetMapping = EMPTY_MAPPING): GroupedInputs {
  const groups: SourceGroup[] = [];
  let matching: InputFile | null = null;
  let preset: InputFile | null = null;
  const folders = new Map<string, InputFile[]>();
  const trialsByFolder = new Map<string, InputFile>();
  const unreadable: DatasetIssue[] = [];
  for (const file of files) {
    if (file.source.size === 0) {
      unreadable.push({ severity: 'error', file: file.name, field: '(file)', message: 'is empty (0 bytes)' });
      continue;
    }
    const head = fileHead(file, 4096);
    const text = new TextDecoder('utf-8').decode(head);
    const single = (kind: SourceKind) => groups.push({ kind, name: file.name, files: [file], trials: null });
    if (isMappingPreset(text)) preset = file;
    else if (isChorusJson(text)) single('chorus-json');
    else if (isMatchingTable(text)) matching = file;
    else if (isLongCsv(text, mapping.columns)) single('long-csv');
    else if (isMatV73(head)) single('matlab-v7.3');
    else if (isHdf5(head)) single('nwb');
    else if (isMatV5(head)) single('matlab-v5');
    else if (isNpz(head)) single('npz');
    else if (isTrialsCsv(text)) trialsByFolder.set(folderName(file.name), file);
    // Another table: read as the long format, whose reader names the columns it misses (the dialog
    // then offers the header's columns for each role).
    else if (/\.(csv|tsv|txt)$/i.test(file.name) && !/^cluster_/.test(baseName(file.name)) && headerNames(text).length >= 3) single('long-csv');
    else if (isNpy(head) || /^(params\.py|cluster_\w+\.tsv)$/.test(baseName(file.name))) {
      const folder = folderName(file.name);
      folders.set(folder, [...(folders.get(folder) ?? []), file]);
    } else {
      unreadable.push({
        severity: 'error',
        file: file.name,
        field: '(file)',
        message: `is not a format Chorus can read; supported: ${Object.values(FORMAT_NAMES).join(', ')}, trials CSV, matching table, mapping preset (.chorus-mapping.json)`,
      });
    }
  }
  if (unreadable.length > 0) throw new DatasetError(unreadable);
  for (const [folder, members] of folders) {
    const names = new Set(members.map((f) => baseName(f.name)));
    const kind: SourceKind = isKilosortFolder(names) ? 'kilosort' : isSuite2pFolder(names) ? 'suite2p' : 'npy-folder';
    // A folder's own trials CSV, else the only one chosen (one trials table for one recording).
    const trials = trialsByFolder.get(folder) ?? (trialsByFolder.size === 1 && folders.size === 1 ? [...trialsByFolder.values()][0]! : null);
    groups.push({ kind, name: folder || members[0]!.name, files: members, trials });
  }
  return { groups, matching, preset };
}

interface SourceOpened {
  readonly dataset: Dataset;
  readonly warnings: DatasetIssue[];
  readonly detected: Partial<DatasetMapping>;
  readonly choices: Partial<MappingChoices>;
}

/** The named arrays of an array-holding source, and the reader's notes (skipped variables). */
async function variablesOf(kind: SourceKind, group: SourceGroup): Promise<{ variables: Variable[]; warnings: DatasetIssue[] }> {
  const asVariables = (arrays: Iterable<[string, { dtype: string; shape: readonly number[]; values: Float64Array }]>) => ({
    variables: [...arrays].map(([name, array]): Variable => ({ kind: 'numeric', name, shape: array.shape, values: array.values, dtype: array.dtype })),
    warnings: [],
  });
  if (kind === 'npz') return asVariables(readNpz(wholeFile(group.files[0]!), group.name));
  if (kind === 'npy-folder') return asVariables(group.files.map((file) => [baseName(file.name).replace(/\.npy$/, ''), readNpy(wholeFile(file), file.name)]));
  if (kind === 'matlab-v5') return readMatV5(wholeFile(group.files[0]!), group.name);
  return readMatV73(group.files[0]!);
}

async function openGroup(group: SourceGroup, mapping: DatasetMapping, index: number, onProgress: OpenOptions['onProgress']): Promise<SourceOpened> {
  const labels = sessionLabels(mapping, group.name, index);
  const session = { id: baseName(group.name).replace(/\.(nwb|mat|npz|csv|tsv|json)$/i, '') || group.name, condition: labels.condition, order: labels.order };
  switch (group.kind) {
    case 'chorus-json':
      return { dataset: readChorusJson(wholeText(group.files[0]!), group.name), warnings: [], detected: {}, choices: {} };
    case 'long-csv': {
      const text = wholeText(group.files[0]!);
      // The header's names, for the dialog's column selectors.
      const header = headerNames(text);
      const { dataset, warnings } = withChoices({ columns: header }, () => readLongCsv(text, group.name, mapping.columns));
      return { dataset, warnings, detected: {}, choices: { columns: header } };
    }
    case 'nwb': {
      const opened = await readNwbDataset(group.files[0]!, mapping, session, (done, total) => onProgress?.(`reading units of ${baseName(group.name)}`, done, total));
      return { dataset: opened.dataset, warnings: opened.warnings, detected: opened.detected, choices: opened.choices };
    }
    case 'kilosort':
    case 'suite2p': {
      const trials = group.trials ?? refuse(group.name, '(trials)', 'has no trials CSV: choose one with the folder (columns start_time, stimulus, event times in seconds)');
      const table = readTrialsCsv(wholeText(trials), trials.name);
      const files = new Map(group.files.map((f) => [baseName(f.name), f]));
      const read = group.kind === 'kilosort' ? readKilosortFolder : readSuite2pFolder;
      const choices = {
        columns: labelColumns(table),
        events: eventColumns(table),
        responses: group.kind === 'suite2p' ? [...files.keys()].filter((n) => /^(F|Fneu|spks)\.npy$/.test(n)).map((n) => n.slice(0, -4)) : [],
      };
      return { ...withChoices(choices, () => read({ folder: group.name, files, trials: table, mapping, source: session })), choices };
    }
    default: {
      const { variables, warnings } = await variablesOf(group.kind, group);
      const listed = variables.map(describeVariable);
      const choices = { variables: listed, responses: listed.filter((v) => v.kind === 'numeric' && v.shape.filter((n) => n > 1).length >= 2).map((v) => v.name) };
      const opened = withChoices(choices, () => arrayDataset(variables, mapping, { file: group.name, name: session.id, source: group.name, index }));
      return { dataset: opened.dataset, warnings: [...warnings, ...opened.warnings], detected: opened.detected, choices };
    }
  }
}

/** Every reader's dataset goes through the same checks (silent neurons) before it is used. */
function checked(dataset: Dataset, file: string, options: OpenOptions): { dataset: Dataset; issues: DatasetIssue[] } {
  const { dataset: kept, issues } = checkSilentNeurons(dataset, file, options.dropSilent);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) throw new DatasetError(errors);
  return { dataset: kept, issues };
}

/**
 * One file, or several files as the sessions of one dataset (optionally matched by a matching table,
 * read with a mapping preset): the one path the app's worker and the CLI open data through. The merge
 * note comes first among the warnings, since it says how to read the whole dataset.
 */
export async function openSessionFiles(files: readonly InputFile[], options: OpenOptions & { readonly matching?: InputFile }): Promise<OpenedDataset> {
  const given = options.mapping ?? EMPTY_MAPPING;
  const grouped = groupInputs(files, given);
  const presetMapping = grouped.preset ? parseMapping(wholeText(grouped.preset), grouped.preset.name) : undefined;
  // A preset chosen with the files is the base; what the user set in the dialog or on the command line wins.
  const mapping = mergeMappings(presetMapping, given);
  const matching = options.matching ?? grouped.matching;
  if (grouped.groups.length === 0) {
    refuse(matching?.name ?? grouped.preset?.name ?? '(no file)', '(file)', matching ? 'is a matching table: open it together with the session files it matches' : 'holds no data: choose the data files too');
  }
  const parts: { dataset: Dataset; file: string; reader: string }[] = [];
  const warnings: DatasetIssue[] = [];
  const detected: Partial<DatasetMapping>[] = [];
  const choices: Partial<MappingChoices>[] = [];
  for (const [index, group] of grouped.groups.entries()) {
    options.onProgress?.(`reading ${baseName(group.name)}`, index, grouped.groups.length);
    const opened = await openGroup(group, mapping, index, options.onProgress);
    const { dataset, issues } = checked(opened.dataset, group.name, options);
    parts.push({ dataset, file: group.name, reader: FORMAT_NAMES[group.kind] });
    warnings.push(...opened.warnings, ...issues);
    detected.push(opened.detected);
    choices.push(opened.choices);
  }
  const table = matching ? readMatchingTable(wholeText(matching), matching.name) : null;
  const merged = mergeSessions(parts, table, matching?.name);
  const unique = (lists: (readonly string[] | undefined)[]) => [...new Set(lists.flatMap((list) => list ?? []))];
  return {
    dataset: merged.dataset,
    reader: [...new Set(parts.map((p) => p.reader))].join(', '),
    warnings: [...merged.warnings, ...warnings],
    mapping: mergeMappings(detected[0], mapping),
    choices: {
      variables: choices.flatMap((c) => c.variables ?? []).filter((v, k, all) => all.findIndex((w) => w.name === v.name) === k),
      responses: unique(choices.map((c) => c.responses)),
      columns: unique(choices.map((c) => c.columns)),
      events: unique(choices.map((c) => c.events)),
    },
    sources: grouped.groups.flatMap((group, k) =>
      parts[k]!.dataset.sessions.map((s) => ({ name: group.name, format: FORMAT_NAMES[group.kind], condition: s.condition, order: s.order })),
    ),
  };
}

/**
 * One file of a text format (Chorus JSON, long CSV) opened synchronously, with the same detection and
 * checks as openSessionFiles: for conversions, tests and benchmarks that hold the text already.
 */
export function openDataset(file: InputFile, options: OpenOptions): { dataset: Dataset; warnings: DatasetIssue[] } {
  const mapping = options.mapping ?? EMPTY_MAPPING;
  const [group] = groupInputs([file], mapping).groups;
  if (!group || (group.kind !== 'chorus-json' && group.kind !== 'long-csv')) {
    return refuse(file.name, '(file)', 'is not a Chorus dataset or long-format CSV; open it with openSessionFiles');
  }
  const read = group.kind === 'chorus-json' ? { dataset: readChorusJson(wholeText(file), file.name), warnings: [] } : readLongCsv(wholeText(file), file.name, mapping.columns);
  const { dataset, issues } = checked(read.dataset, file.name, options);
  return { dataset, warnings: [...read.warnings, ...issues] };
}
