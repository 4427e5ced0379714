import type { SourceSummary } from './reader';

/** The details readers put in a SourceSummary, as far as people are told about them. */
interface SummaryDetails {
  variables?: { name: string; dtype: string; shape: number[] }[];
  columns?: string[];
  events?: string[];
  arrays?: { name: string; dtype: string; shape: number[] }[];
  units?: { spikeCounts: number[] };
  trials?: { conditions?: { column: string; counts: Record<string, number> } };
  rois?: number;
  frames?: number;
  cells?: number | null;
  allZeroRois?: number;
  shape?: number[];
  dtype?: string;
  roiSeries?: { path: string; shape: number[] }[];
}

/**
 * What a source holds, one line per fact, as `chorus inspect` prints it and the dataset dialog shows
 * it for a source that does not read as a dataset yet (a suite2p folder without its trials CSV).
 */
export function sourceFacts(summary: Pick<SourceSummary, 'details'>): string[] {
  const details = summary.details as SummaryDetails;
  const lines: string[] = [];
  if (details.units) lines.push(`units: spike counts ${details.units.spikeCounts.slice(0, 20).join(', ')}${details.units.spikeCounts.length > 20 ? ', …' : ''}`);
  for (const series of details.roiSeries ?? []) lines.push(`ROI response series ${series.path}: frames × ROIs (${series.shape.join(', ')})`);
  if (details.trials?.conditions) {
    const counts = Object.entries(details.trials.conditions.counts).map(([value, n]) => `${value} ${n}`);
    lines.push(`trials by ${details.trials.conditions.column}: ${counts.join(' / ')}`);
  }
  if (details.rois !== undefined) lines.push(`ROIs ${details.rois} × frames ${details.frames}; cells (iscell) ${details.cells ?? 'unknown'}; all-zero ROIs ${details.allZeroRois}`);
  if (details.shape) lines.push(`array ${details.dtype} shape (${details.shape.join(', ')})`);
  for (const array of details.arrays ?? []) lines.push(`${array.name}: ${array.dtype} shape (${array.shape.join(', ')})`);
  for (const variable of details.variables ?? []) lines.push(`variable ${variable.name}: ${variable.dtype} (${variable.shape.join(' × ')})`);
  if (details.columns) lines.push(`columns: ${details.columns.join(', ')}`);
  if (details.events) lines.push(`event columns: ${details.events.join(', ')}`);
  return lines;
}
