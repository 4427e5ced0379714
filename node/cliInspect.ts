import type { DatasetIssue } from '../shared/dataset/types';
import { DatasetError, formatIssue } from '../shared/dataset/datasetError';
import { isCancellation } from '../shared/dataset/cancellation';
import { groupInputs, MappingError, openSessionFiles, type MappingChoices } from '../shared/formats/index';
import { trialsPerCondition, trialsPerStimulus } from '../shared/dataset/counts';
import { NO_COUNTS, type SourceSummary } from '../shared/formats/reader';
import { sourceFacts } from '../shared/formats/sourceFacts';
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
  if (Object.keys(input.trialsPerCondition).length > 0) lines.push(`  trials per condition: ${Object.entries(input.trialsPerCondition).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  if (Object.keys(input.trialsPerStimulus).length > 0) lines.push(`  trials per stimulus value: ${Object.entries(input.trialsPerStimulus).map(([c, n]) => `${c}: ${n}`).join(', ')}`);
  for (const fact of sourceFacts(input)) lines.push(`  ${fact}`);
  if (input.mapping) lines.push(`  mapping: ${JSON.stringify({ ...input.mapping, chorusMapping: undefined })}`);
  for (const warning of input.warnings) lines.push(`  warning: ${formatIssue(warning)}`);
  return lines;
}
