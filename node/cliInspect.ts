import type { DatasetIssue } from '../shared/dataset/types';
import { DatasetError, formatIssue } from '../shared/dataset/datasetError';
import { isCancellation } from '../shared/dataset/cancellation';
import { groupInputs, MappingError, openSessionFiles, type MappingChoices } from '../shared/formats/index';
import { trialsPerCondition, trialsPerStimulus } from '../shared/dataset/counts';
import { NO_COUNTS, type SourceSummary } from '../shared/formats/reader';
import type { ReadControl } from '../shared/formats/readControl';
import { baseName, type InputFile } from '../shared/formats/source';
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
 * was detected; where it cannot become a dataset yet (no trials table, say), what its reader says the
 * source holds and why it is not a dataset. Throws DatasetError for what Chorus cannot read at all
 * (NWB 1.x, corrupt files) and for a cancelled read.
 */
export async function inspectInput(path: string, files: readonly InputFile[], mapping: DatasetMapping, control: ReadControl = {}): Promise<InspectedInput> {
  const summary = await summaryOf(path, files, mapping, control);
  try {
    const opened = await openSessionFiles(files, { ...control, dropSilent: true, mapping });
    const { dataset } = opened;
    const perCondition = trialsPerCondition(dataset);
    // The source-level notes the reader does not repeat: not about the same field, not of the same kind
    // (the reader's "one neuron only" covers the file's "one unit only").
    const readerFields = new Set(opened.warnings.map((w) => w.field));
    const readerCodes = new Set(opened.warnings.flatMap((w) => (w.code ? [w.code] : [])));
    const sourceNotes = summary.warnings.filter((w) => !readerFields.has(w.field) && !(w.code && readerCodes.has(w.code)));
    return {
      path,
      format: summary.format ?? opened.formatLabel,
      neurons: dataset.neurons.length,
      sessions: dataset.sessions.length,
      trials: dataset.sessions.reduce((sum, s) => sum + s.trialCount, 0),
      conditions: Object.keys(perCondition).length,
      trialsPerCondition: perCondition,
      trialsPerStimulus: trialsPerStimulus(dataset),
      mapping: opened.mapping,
      details: { ...summary.details, name: dataset.name, matching: dataset.matching, ...offered(opened.choices) },
      warnings: [...sourceNotes, ...opened.warnings],
    };
  } catch (error) {
    // Not a dataset yet: report what the source holds, and why it does not read as a dataset.
    if (!(error instanceof DatasetError) || isCancellation(error) || (summary.format === null && !(error instanceof MappingError))) throw error;
    const why = error.issues.map((issue) => ({ ...issue, severity: 'warning' as const, message: `not readable as a dataset: ${issue.message}` }));
    return { path, ...summary.counts, format: summary.format ?? 'not read as a dataset', trialsPerCondition: {}, trialsPerStimulus: {}, mapping: null, details: { ...summary.details, ...(error instanceof MappingError ? offered(error.choices) : {}) }, warnings: [...summary.warnings, ...why] };
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

/**
 * Format-level facts (README counts) that hold even when the path is not a dataset by itself: its one
 * source's summary, from that source's reader; else, for a folder, the files it holds.
 */
async function summaryOf(path: string, files: readonly InputFile[], mapping: DatasetMapping, control: ReadControl): Promise<Omit<SourceSummary, 'format'> & { format: string | null }> {
  const { groups } = groupInputs(files, mapping);
  const source = groups.length === 1 ? groups[0]! : null;
  const summary = source ? await source.reader.inspect?.(source, control) : null;
  if (summary) return summary;
  const folder = files.length > 1 || files[0]!.name !== path;
  return { format: null, counts: NO_COUNTS, details: folder ? { files: [...new Set(files.map((f) => baseName(f.name)))] } : {}, warnings: [] };
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
