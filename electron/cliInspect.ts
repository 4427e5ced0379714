
import type { DatasetIssue } from '../shared/dataset/types';
import { isHdf5 } from '../shared/formats/hdf5/h5File';
import { inspectNwb } from '../shared/formats/nwbInspect';
import { isNpy, readNpy } from '../shared/formats/npy';
import { isNpz, readNpz } from '../shared/formats/npz';
import { inspectSuite2p } from '../shared/formats/suite2pInspect';
import { openDataset } from '../shared/formats/index';

/** Counts one input contributes (README, "chorus inspect"). */
export interface InspectedInput {
  readonly path: string;
  readonly format: string;
  readonly neurons: number;
  readonly sessions: number;
  readonly trials: number;
  readonly conditions: number;
  readonly details: Record<string, unknown>;
  readonly warnings: readonly DatasetIssue[];
}

export interface InspectSources {
  readFile(path: string): Promise<Uint8Array>;
  /** File names in a folder, or null when the path is not a folder. */
  listFolder(path: string): Promise<string[] | null>;
}

/** What one path holds. Throws DatasetError for what Chorus cannot read (with the reason). */
export async function inspectInput(path: string, sources: InspectSources): Promise<InspectedInput> {
  const names = await sources.listFolder(path);
  if (names !== null) {
    const files = new Map<string, Uint8Array>();
    for (const name of ['F.npy', 'spks.npy', 'iscell.npy']) if (names.includes(name)) files.set(name, await sources.readFile(`${path}/${name}`));
    const summary = inspectSuite2p(files, path);
    const neurons = summary.cells ?? summary.rois - summary.allZeroRois;
    return { path, format: 'suite2p plane', neurons, sessions: 1, trials: 0, conditions: 0, details: { ...summary, warnings: undefined }, warnings: summary.warnings };
  }
  const bytes = await sources.readFile(path);
  if (isHdf5(bytes)) {
    const summary = await inspectNwb(bytes, path);
    return {
      path,
      format: `NWB ${summary.version}`,
      neurons: summary.units?.count ?? 0,
      sessions: 1,
      trials: summary.trials?.count ?? 0,
      conditions: summary.trials?.conditions ? Object.keys(summary.trials.conditions.counts).length : 0,
      details: { ...summary, warnings: undefined },
      warnings: summary.warnings,
    };
  }
  if (isNpz(bytes)) {
    const arrays = [...readNpz(bytes, path)].map(([name, array]) => ({ name, dtype: array.dtype, shape: array.shape }));
    return { path, format: 'NumPy .npz', neurons: 0, sessions: 0, trials: 0, conditions: 0, details: { arrays }, warnings: [] };
  }
  if (isNpy(bytes)) {
    const array = readNpy(bytes, path);
    return { path, format: 'NumPy .npy', neurons: 0, sessions: 0, trials: 0, conditions: 0, details: { dtype: array.dtype, shape: array.shape }, warnings: [] };
  }
  const { dataset, warnings } = openDataset({ name: path, bytes }, { dropSilent: true });
  return {
    path,
    format: 'Chorus dataset',
    neurons: dataset.neurons.length,
    sessions: dataset.sessions.length,
    trials: dataset.sessions.reduce((sum, s) => sum + s.trialCount, 0),
    conditions: new Set(dataset.sessions.map((s) => s.condition)).size,
    details: { name: dataset.name, matching: dataset.matching },
    warnings,
  };
}

export function describeInput(input: InspectedInput): string[] {
  const lines = [`${input.path}: ${input.format} — ${input.neurons} neuron(s), ${input.sessions} session(s), ${input.trials} trial(s), ${input.conditions} condition(s)`];
  const details = input.details as { arrays?: { name: string; dtype: string; shape: number[] }[]; units?: { spikeCounts: number[] }; trials?: { conditions?: { column: string; counts: Record<string, number> } }; rois?: number; frames?: number; cells?: number | null; allZeroRois?: number; shape?: number[]; dtype?: string };
  if (details.units) lines.push(`  units: spike counts ${details.units.spikeCounts.join(', ')}`);
  if (details.trials?.conditions) {
    const counts = Object.entries(details.trials.conditions.counts).map(([value, n]) => `${value} ${n}`);
    lines.push(`  trials by ${details.trials.conditions.column}: ${counts.join(' / ')}`);
  }
  if (details.rois !== undefined) lines.push(`  ROIs ${details.rois} × frames ${details.frames}; cells (iscell) ${details.cells ?? 'unknown'}; all-zero ROIs ${details.allZeroRois}`);
  if (details.shape) lines.push(`  array ${details.dtype} shape (${details.shape.join(', ')})`);
  for (const array of details.arrays ?? []) lines.push(`  ${array.name}: ${array.dtype} shape (${array.shape.join(', ')})`);
  for (const warning of input.warnings) lines.push(`  warning: ${warning.field}: ${warning.message}`);
  return lines;
}


