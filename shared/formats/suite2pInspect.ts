import { DatasetError } from '../dataset/datasetError';
import type { DatasetIssue } from '../dataset/types';
import { memoryBudget } from './memoryLimit';
import { readNpy } from './npy';
import type { ReadControl } from './readControl';
import { cellRois, zeroRois } from './suite2p';

/** A suite2p plane folder (F.npy or spks.npy, iscell.npy): ROIs × frames, which ROIs are cells, which are empty. */
export interface Suite2pSummary {
  readonly format: 'suite2p';
  readonly rois: number;
  readonly frames: number;
  readonly cells: number | null;
  readonly allZeroRois: number;
  readonly trace: 'F.npy' | 'spks.npy';
  readonly warnings: DatasetIssue[];
}

export function inspectSuite2p(files: ReadonlyMap<string, Uint8Array>, folder: string, control: ReadControl = {}): Suite2pSummary {
  const memory = memoryBudget(control); // one budget for the plane's arrays
  const trace = files.has('F.npy') ? 'F.npy' : files.has('spks.npy') ? 'spks.npy' : null;
  if (trace === null) {
    throw new DatasetError([{ severity: 'error', file: folder, field: '(folder)', message: 'is not a suite2p plane folder: it has neither F.npy nor spks.npy' }]);
  }
  const traces = readNpy(files.get(trace)!, `${folder}/${trace}`, memory);
  if (traces.shape.length !== 2) {
    throw new DatasetError([{ severity: 'error', file: `${folder}/${trace}`, field: 'shape', message: `must be ROIs × frames (2-D), found shape (${traces.shape.join(', ')})` }]);
  }
  const [rois, frames] = traces.shape as [number, number];
  const allZeroRois = zeroRois(traces.values, frames, Array.from({ length: rois }, (_, r) => r)).length;
  const warnings: DatasetIssue[] = [];
  if (allZeroRois > 0) {
    warnings.push({ severity: 'warning', file: `${folder}/${trace}`, field: 'ROIs', message: `${allZeroRois} ROI(s) are all zero (not counted as neurons)` });
  }
  let cells: number | null = null;
  if (files.has('iscell.npy')) {
    const iscell = readNpy(files.get('iscell.npy')!, `${folder}/iscell.npy`, memory);
    cells = cellRois(iscell, rois)?.length ?? null;
    if (cells === null) {
      warnings.push({ severity: 'warning', file: `${folder}/iscell.npy`, field: 'shape', message: `has ${iscell.shape[0]} rows but ${trace} has ${rois} ROIs; ignored` });
    }
  }
  warnings.push({ severity: 'warning', file: folder, field: '(trials)', message: 'no trials: per-trial responses need a trials CSV with event times' });
  return { format: 'suite2p', rois, frames, cells, allZeroRois, trace, warnings };
}
