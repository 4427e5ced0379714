import type { Dataset, DatasetIssue, Neuron } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { binSpikeCounts, binTraceMeans, sortedSpikeTimes, type TraceMatrix } from './binning';
import type { TrialDesign, TrialsTable } from './trialsTable';
import { baseName, type InputFile } from './source';
import type { DatasetMapping } from './mapping';
import { checkpoint, type ReadControl } from './readControl';

/**
 * Raw activity of one recording, before it is cut into trials: spike trains of sorted units (NWB units,
 * Kilosort) or imaging traces (NWB RoiResponseSeries, suite2p). Spike trains are fetched one unit at a
 * time so a large file never needs all of them in memory at once.
 */
export type Recording =
  | { readonly kind: 'spikes'; readonly neurons: readonly Neuron[]; spikeTimes(unit: number): ArrayLike<number>; readonly field: string }
  | { readonly kind: 'traces'; readonly neurons: readonly Neuron[]; readonly trace: TraceMatrix; readonly field: string };

export interface SessionSource {
  readonly file: string;
  readonly id: string;
  readonly name: string;
  readonly condition: string;
  readonly order: number;
}

/** A recording folder (Kilosort, suite2p) with its trials table, read with a mapping. */
export interface FolderInput {
  readonly folder: string;
  readonly files: ReadonlyMap<string, InputFile>;
  readonly trials: TrialsTable;
  readonly mapping: DatasetMapping;
  readonly source: Omit<SessionSource, 'file' | 'name'>;
  readonly control: ReadControl;
}

export interface FolderRead {
  readonly dataset: Dataset;
  readonly warnings: DatasetIssue[];
  readonly detected: Partial<DatasetMapping>;
}

/**
 * One recording + its trial design → a one-session Dataset (spike counts or mean traces per window).
 * Spike trains are binned one unit at a time, with a checkpoint (progress, cancellation) per unit.
 */
export async function sessionDataset(recording: Recording, design: TrialDesign, source: SessionSource, warnings: DatasetIssue[], control: ReadControl = {}): Promise<Dataset> {
  const trials = design.start.length;
  const neuronCount = recording.neurons.length;
  if (neuronCount === 0) throw new DatasetError([{ severity: 'error', file: source.file, field: recording.field, message: 'holds no neurons' }]);
  let responses: Float32Array;
  if (recording.kind === 'spikes') {
    responses = new Float32Array(trials * design.windows.length * neuronCount);
    for (let unit = 0; unit < neuronCount; unit++) {
      await checkpoint(control, source.file);
      // One unit at a time, written into its column of the response array.
      const counts = binSpikeCounts([sortedSpikeTimes(recording.spikeTimes(unit))], design.windows, trials);
      for (let k = 0; k < counts.length; k++) responses[k * neuronCount + unit] = counts[k]!;
      control.onProgress?.(`reading units of ${baseName(source.file)}`, unit + 1, neuronCount);
    }
  } else {
    responses = binTraceMeans(recording.trace, design.windows, trials);
    const empty = responses.findIndex((v) => Number.isNaN(v));
    if (empty >= 0) {
      const cell = Math.floor(empty / neuronCount);
      const trial = Math.floor(cell / design.windows.length);
      const epoch = design.windows[cell % design.windows.length]!.name;
      throw new DatasetError([
        { severity: 'error', code: 'epoch-without-frames', file: source.file, field: recording.field, message: `has no imaging frame inside epoch "${epoch}" of trial ${trial + 1}; widen the epoch window or check the frame times (frame rate)` },
      ]);
    }
  }
  if (neuronCount === 1) warnings.push({ severity: 'warning', code: 'single-neuron', file: source.file, field: '(neurons)', message: 'one neuron only: pairwise shared information and noise correlations need at least 2 neurons' });
  return {
    name: source.name,
    responseUnit: recording.kind === 'spikes' ? 'spikes' : 'mean trace',
    stimulusUnit: '',
    matching: 'identity',
    neurons: recording.neurons,
    sessions: [
      {
        id: source.id,
        order: source.order,
        condition: source.condition,
        epochs: design.epochs,
        trialCount: trials,
        stimulus: design.stimulus,
        choice: design.choice,
        correct: null,
        present: new Uint8Array(neuronCount).fill(1),
        responses,
      },
    ],
  };
}
