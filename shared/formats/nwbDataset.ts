import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { datasetAt, groupAt, withHdf5File, type H5Group } from './hdf5/h5File';
import { nwb2Version } from './nwbInspect';
import { absoluteEventTimes, binSpikeCounts, sortedSpikeTimes, trialEnds, type EpochWindow } from './binning';

/**
 * NWB 2.x units + trials → a one-session Dataset, with a default mapping (issue 4 will make it editable
 * in the dataset dialog and CLI flags):
 *  - stimulus: a numeric `stimulus` column, else the first of `condition`, `type`, `trial_type` coded
 *    0, 1, … in sorted order (said in a warning);
 *  - epochs: between consecutive trial events (`*_time` columns, ordered by their median time, made
 *    absolute when stored relative to the trial start), the last one to the trial end; without events,
 *    the whole trial. Spike counts per window.
 */
const CONDITION_COLUMNS = ['condition', 'type', 'trial_type'];

function numbers(group: H5Group, path: string): Float64Array | null {
  const value = datasetAt(group, path)?.value;
  return value && typeof value === 'object' && 'length' in value && typeof (value as ArrayLike<unknown>)[0] === 'number'
    ? Float64Array.from(value as ArrayLike<number>)
    : null;
}

export async function readNwbDataset(bytes: Uint8Array, name: string): Promise<{ dataset: Dataset; warnings: DatasetIssue[] }> {
  return withHdf5File(bytes, name, (file) => {
    const fail = (field: string, message: string): never => {
      throw new DatasetError([{ severity: 'error', file: name, field, message }]);
    };
    nwb2Version(file, name);
    const units = groupAt(file, 'units') ?? fail('/units', 'is missing: this NWB file has no sorted units (ROI response series are not read yet)');
    const times = numbers(units, 'spike_times') ?? fail('/units/spike_times', 'is missing or not numeric');
    const index = numbers(units, 'spike_times_index') ?? fail('/units/spike_times_index', 'is missing');
    const ids = numbers(units, 'id');
    const trials = groupAt(file, 'intervals/trials') ?? fail('/intervals/trials', 'is missing: Chorus needs a trials table to form per-trial responses');
    const start = numbers(trials, 'start_time') ?? fail('/intervals/trials/start_time', 'is missing');
    const warnings: DatasetIssue[] = [];
    const warn = (field: string, message: string) => warnings.push({ severity: 'warning', file: name, field, message });

    const spikeTrains: Float64Array[] = [];
    let from = 0;
    for (let u = 0; u < index.length; u++) {
      spikeTrains.push(sortedSpikeTimes(times.subarray(from, index[u]!)));
      from = index[u]!;
    }
    const { ends, fellBack } = trialEnds(start, numbers(trials, 'stop_time'));
    if (fellBack) warn('/intervals/trials/stop_time', 'missing or NaN for every trial: each trial ends at the next trial’s start');

    // Stimulus.
    let stimulus = numbers(trials, 'stimulus');
    if (stimulus === null) {
      const column = CONDITION_COLUMNS.find((c) => Array.isArray(datasetAt(trials, c)?.value));
      if (column === undefined) fail('/intervals/trials', 'has no stimulus or condition column (stimulus, condition, type, trial_type)');
      const labels = (datasetAt(trials, column!)!.value as unknown[]).map(String);
      const values = [...new Set(labels)].sort();
      stimulus = Float64Array.from(labels, (label) => values.indexOf(label));
      warn(`/intervals/trials/${column}`, `used as the stimulus: ${values.map((v, k) => `${v} = ${k}`).join(', ')}`);
    }

    // Epochs between consecutive events.
    const eventColumns = trials.keys().filter((key) => key.endsWith('_time') && key !== 'start_time' && key !== 'stop_time');
    const events = eventColumns
      .map((column) => {
        const raw = numbers(trials, column);
        if (!raw) return null;
        const { times: absolute, assumed } = absoluteEventTimes(raw, start, ends);
        warn(`/intervals/trials/${column}`, `read as ${assumed}`);
        const offsets = Array.from(absolute, (t, k) => t - start[k]!).filter(Number.isFinite).sort((a, b) => a - b);
        return { column, absolute, median: offsets[Math.floor(offsets.length / 2)] ?? 0 };
      })
      .filter((e): e is NonNullable<typeof e> => e !== null)
      .sort((a, b) => a.median - b.median);
    const windows: EpochWindow[] =
      events.length === 0
        ? [{ name: 'trial', from: Float64Array.from(start), to: ends }]
        : events.map((event, k) => ({
            name: `${event.column.replace(/_time$/, '')}${k + 1 < events.length ? `–${events[k + 1]!.column.replace(/_time$/, '')}` : '–end'}`,
            from: event.absolute,
            to: k + 1 < events.length ? events[k + 1]!.absolute : ends,
          }));
    // Windows vary per trial; the dataset records their median times from the trial start.
    const durations = Array.from(ends, (end, k) => end - start[k]!).filter(Number.isFinite).sort((a, b) => a - b);
    const medianDuration = durations[Math.floor(durations.length / 2)] ?? 1;
    const bounds = events.length === 0 ? [0, medianDuration] : [...events.map((e) => e.median), medianDuration];
    const epochs = windows.map((w, k) => ({ name: w.name, start: bounds[k]!, end: Math.max(bounds[k + 1]!, bounds[k]! + 1e-3) }));
    const trialCount = start.length;
    const responses = binSpikeCounts(spikeTrains, windows, trialCount);
    if (spikeTrains.length === 1) warn('/units', 'one unit only: pairwise shared information and noise correlations need at least 2 neurons');

    const dataset: Dataset = {
      name: (datasetAt(file, 'identifier')?.value as string | undefined) ?? name,
      responseUnit: 'spikes',
      stimulusUnit: '',
      matching: 'identity',
      neurons: spikeTrains.map((_, u) => ({ id: `unit ${ids ? ids[u] : u}` })),
      sessions: [
        {
          id: name.replace(/^.*[/\\]/, '').replace(/\.nwb$/i, ''),
          order: 1,
          condition: 'task',
          epochs,
          trialCount,
          stimulus,
          choice: null,
          correct: null,
          present: new Uint8Array(spikeTrains.length).fill(1),
          responses,
        },
      ],
    };
    return { dataset, warnings };
  });
}
