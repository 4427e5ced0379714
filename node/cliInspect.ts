import type { DatasetIssue } from '../shared/dataset/types';
import { DatasetError, formatIssue } from '../shared/dataset/datasetError';
import { isHdf5 } from '../shared/formats/hdf5/h5File';
import { inspectNwb } from '../shared/formats/nwbInspect';
import { isNpy, readNpy } from '../shared/formats/npy';
import { isNpz, readNpz } from '../shared/formats/npz';
import { inspectSuite2p } from '../shared/formats/suite2pInspect';
import { MappingError, openSessionFiles, type MappingChoices } from '../shared/formats/index';
import { trialsPerCondition } from '../shared/dataset/counts';
import { baseName, fileHead, wholeFile, type InputFile } from '../shared/formats/source';
import type { DatasetMapping } from '../shared/formats/mapping';

/** Counts one input contributes (README, "chorus inspect"). */
export interface InspectedInput {
  readonly path: string;
  readonly format: string;
  readonly neurons: number;
  readonly sessions: number;
  readonly trials: number;
  readonly conditions: number;
  /** Trials per condition label (task, passive, …) when the input reads as a dataset. */
  readonly trialsPerCondition: Record<string, number>;
  /** Trials per stimulus value, over all sessions. */
  readonly trialsPerStimulus: Record<string, number>;
  /** The mapping detected (and given), when the input reads as a dataset. */
  readonly mapping: DatasetMapping | null;
  readonly details: Record<string, unknown>;
  readonly warnings: readonly DatasetIssue[];
}

/**
 * What one path (file or folder) holds: the counts of the dataset it reads as, with the mapping that
 * was detected; where it cannot become a dataset yet (no trials table, say), what the file holds and why.
 * Throws DatasetError for what Chorus cannot read at all (NWB 1.x, corrupt files).
 */
export async function inspectInput(path: string, files: readonly InputFile[], mapping: DatasetMapping): Promise<InspectedInput> {
  const details = await fileDetails(path, files);
  try {
    const opened = await openSessionFiles(files, { dropSilent: true, mapping });
    const { dataset } = opened;
    const perCondition = trialsPerCondition(dataset);
    const trialsPerStimulus: Record<string, number> = {};
    for (const s of dataset.sessions) for (const value of s.stimulus) trialsPerStimulus[String(value)] = (trialsPerStimulus[String(value)] ?? 0) + 1;
    // The file-level notes the reader does not repeat (e.g. unsorted spike times).
    const readerFields = new Set(opened.warnings.map((w) => w.field));
    const fileNotes = (details.warnings ?? []).filter((w) => !readerFields.has(w.field) && !/one unit only/.test(w.message));
    return {
      path,
      format: details.format ?? opened.reader,
      neurons: dataset.neurons.length,
      sessions: dataset.sessions.length,
      trials: dataset.sessions.reduce((sum, s) => sum + s.trialCount, 0),
      conditions: Object.keys(perCondition).length,
      trialsPerCondition: perCondition,
      trialsPerStimulus,
      mapping: opened.mapping,
      details: { ...details.details, name: dataset.name, matching: dataset.matching, ...offered(opened.choices) },
      warnings: [...fileNotes, ...opened.warnings],
    };
  } catch (error) {
    // Not a dataset yet: report what the file holds, and why it does not read as a dataset.
    if (!(error instanceof DatasetError) || (details.format === null && !(error instanceof MappingError))) throw error;
    const why = error.issues.map((issue) => ({ ...issue, severity: 'warning' as const, message: `not readable as a dataset: ${issue.message}` }));
    return { path, ...details.counts, format: details.format ?? 'not read as a dataset', trialsPerCondition: {}, trialsPerStimulus: {}, mapping: null, details: { ...details.details, ...(error instanceof MappingError ? offered(error.choices) : {}) }, warnings: [...(details.warnings ?? []), ...why] };
  }
}

/** What the files offer the mapping: array variables (name, dtype, shape), trials columns, event columns. */
function offered(choices: Partial<MappingChoices>): Record<string, unknown> {
  return {
    ...(choices.variables?.length ? { variables: choices.variables } : {}),
    ...(choices.columns?.length ? { columns: choices.columns } : {}),
    ...(choices.events?.length ? { events: choices.events } : {}),
  };
}

interface FileDetails {
  readonly format: string | null;
  readonly counts: { neurons: number; sessions: number; trials: number; conditions: number };
  readonly details: Record<string, unknown>;
  readonly warnings?: readonly DatasetIssue[];
}

/** Format-level facts (README counts) that hold even when the file is not a dataset by itself. */
async function fileDetails(path: string, files: readonly InputFile[]): Promise<FileDetails> {
  const none = { format: null, counts: { neurons: 0, sessions: 0, trials: 0, conditions: 0 }, details: {} };
  const names = new Map(files.map((f) => [baseName(f.name), f]));
  if (files.length > 1 || files[0]!.name !== path) {
    if (!names.has('F.npy') && !names.has('spks.npy')) return { ...none, details: { files: [...names.keys()] } };
    const bytes = new Map([...names].filter(([n]) => ['F.npy', 'spks.npy', 'iscell.npy'].includes(n)).map(([n, f]) => [n, wholeFile(f)] as const));
    const summary = inspectSuite2p(bytes, path);
    const neurons = summary.cells ?? summary.rois - summary.allZeroRois;
    return { format: 'suite2p plane', counts: { neurons, sessions: 1, trials: 0, conditions: 0 }, details: { ...summary, warnings: undefined }, warnings: summary.warnings };
  }
  const file = files[0]!;
  const head = fileHead(file);
  if (isHdf5(head) && !new TextDecoder().decode(head.subarray(0, 20)).startsWith('MATLAB')) {
    const summary = await inspectNwb(file);
    return {
      format: `NWB ${summary.version}`,
      counts: {
        neurons: summary.units?.count ?? summary.roiSeries[0]?.shape[1] ?? 0,
        sessions: 1,
        trials: summary.trials?.count ?? 0,
        conditions: summary.trials?.conditions ? Object.keys(summary.trials.conditions.counts).length : 0,
      },
      details: { ...summary, warnings: undefined },
      warnings: summary.warnings,
    };
  }
  if (isNpz(head)) {
    const arrays = [...readNpz(wholeFile(file), path)].map(([name, array]) => ({ name, dtype: array.dtype, shape: array.shape }));
    return { ...none, format: 'NumPy .npz', details: { arrays } };
  }
  if (isNpy(head)) {
    const array = readNpy(wholeFile(file), path);
    return { ...none, format: 'NumPy .npy', details: { dtype: array.dtype, shape: array.shape } };
  }
  return none;
}

export function describeInput(input: InspectedInput): string[] {
  const lines = [`${input.path}: ${input.format} — ${input.neurons} neuron(s), ${input.sessions} session(s), ${input.trials} trial(s), ${input.conditions} condition(s)`];
  const details = input.details as { variables?: { name: string; dtype: string; shape: number[] }[]; columns?: string[]; events?: string[]; arrays?: { name: string; dtype: string; shape: number[] }[]; units?: { spikeCounts: number[] }; trials?: { conditions?: { column: string; counts: Record<string, number> } }; rois?: number; frames?: number; cells?: number | null; allZeroRois?: number; shape?: number[]; dtype?: string; roiSeries?: { path: string; shape: number[] }[] };
  if (Object.keys(input.trialsPerCondition).length > 0) lines.push(`  trials per condition: ${Object.entries(input.trialsPerCondition).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  if (Object.keys(input.trialsPerStimulus).length > 0) lines.push(`  trials per stimulus value: ${Object.entries(input.trialsPerStimulus).map(([c, n]) => `${c}: ${n}`).join(', ')}`);
  if (details.units) lines.push(`  units: spike counts ${details.units.spikeCounts.slice(0, 20).join(', ')}${details.units.spikeCounts.length > 20 ? ', …' : ''}`);
  for (const series of details.roiSeries ?? []) lines.push(`  ROI response series ${series.path}: frames × ROIs (${series.shape.join(', ')})`);
  if (details.trials?.conditions) {
    const counts = Object.entries(details.trials.conditions.counts).map(([value, n]) => `${value} ${n}`);
    lines.push(`  trials by ${details.trials.conditions.column}: ${counts.join(' / ')}`);
  }
  if (details.rois !== undefined) lines.push(`  ROIs ${details.rois} × frames ${details.frames}; cells (iscell) ${details.cells ?? 'unknown'}; all-zero ROIs ${details.allZeroRois}`);
  if (details.shape) lines.push(`  array ${details.dtype} shape (${details.shape.join(', ')})`);
  for (const array of details.arrays ?? []) lines.push(`  ${array.name}: ${array.dtype} shape (${array.shape.join(', ')})`);
  for (const variable of details.variables ?? []) lines.push(`  variable ${variable.name}: ${variable.dtype} (${variable.shape.join(' × ')})`);
  if (details.columns) lines.push(`  columns: ${details.columns.join(', ')}`);
  if (details.events) lines.push(`  event columns: ${details.events.join(', ')}`);
  if (input.mapping) lines.push(`  mapping: ${JSON.stringify({ ...input.mapping, chorusMapping: undefined })}`);
  for (const warning of input.warnings) lines.push(`  warning: ${formatIssue(warning)}`);
  return lines;
}
