import type { Dataset, DatasetIssue, Neuron } from '../dataset/types';
import { DatasetError, failureIn } from '../dataset/datasetError';
import { datasetAt, declaredElements, groupAt, wholeValue, withHdf5File, type H5Dataset, type H5Group } from './hdf5/h5File';
import { memoryBudget, type MemoryBudget } from './memoryLimit';
import { nwb2Version, roiSeriesPaths } from './nwbInspect';
import { baseName, type InputFile } from './source';
import type { DatasetMapping } from './mapping';
import { checkpoint, type ReadControl } from './readControl';
import { sessionDataset, type Recording, type SessionSource } from './recording';
import { eventColumns, labelColumns, trialDesign, type TrialsTable } from './trialsTable';
import { withChoices } from './mappingError';

/**
 * NWB 2.x → a one-session Dataset: sorted units (`/units`, ragged spike_times through
 * spike_times_index, read one unit's slice at a time) or optical physiology (RoiResponseSeries under
 * Fluorescence / DfOverF, with timestamps or a rate), cut into trials by `/intervals/trials` or another
 * intervals table, with the mapping deciding stimulus, choice and epoch windows. What each dataset's
 * shape declares is charged to the read's memory budget before it is read (`Whole`).
 */
export interface NwbOpened {
  readonly dataset: Dataset;
  readonly warnings: DatasetIssue[];
  /** What the dataset dialog offers: response series, trials columns, event columns. */
  readonly choices: { readonly responses: string[]; readonly columns: string[]; readonly events: string[] };
  readonly detected: Partial<DatasetMapping>;
}

/** HDF5 type classes (H5Tpublic.h). */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

/** Values per slice of an imaging series (8 MB as doubles): a checkpoint between slices keeps a large series cancellable. */
const SERIES_SLICE_VALUES = 1 << 20;

/** Reads a dataset whole, its declared size charged to the read's memory budget first. */
type Whole = (dataset: H5Dataset) => H5Dataset['value'];

function numbers(dataset: H5Dataset | null, whole: Whole): Float64Array | null {
  return dataset ? numbersIn(whole(dataset)) : null;
}

function numbersIn(value: H5Dataset['value']): Float64Array | null {
  if (!value || typeof value !== 'object' || !('length' in value)) return null;
  const array = value as ArrayLike<unknown>;
  // h5wasm hands 64-bit integer datasets (pynwb's ids, int64 indexes and columns) back as BigInt64Array.
  if (array.length === 0) return new Float64Array(0);
  return typeof array[0] === 'number' || typeof array[0] === 'bigint' ? Float64Array.from(array as ArrayLike<number | bigint>, Number) : null;
}

/** The trials table, or the first other intervals table with start times (said in a warning). */
function trialsGroup(file: H5Group, name: string, warnings: DatasetIssue[]): { group: H5Group; path: string } {
  const trials = groupAt(file, 'intervals/trials');
  if (trials) return { group: trials, path: '/intervals/trials' };
  const intervals = groupAt(file, 'intervals');
  for (const key of intervals?.keys() ?? []) {
    const group = groupAt(intervals!, key);
    if (!group || !datasetAt(group, 'start_time')) continue;
    warnings.push({ severity: 'warning', file: name, field: `/intervals/${key}`, message: 'used as the trials table (the file has no /intervals/trials)' });
    return { group, path: `/intervals/${key}` };
  }
  return failureIn(name)('/intervals/trials', 'is missing (and no other intervals table has start_time): Chorus needs trials to form per-trial responses');
}

/**
 * The trial design from another intervals table read in place of /intervals/trials. Where it cannot
 * serve (pynapple's /intervals/epochs has no stimulus), the refusal leads with what is missing — the
 * trials table — as `chorus inspect` says it, so the app and the CLI give one message.
 */
function fallbackDesign(table: TrialsTable, mapping: DatasetMapping, warnings: DatasetIssue[], name: string): ReturnType<typeof trialDesign> {
  try {
    return trialDesign(table, mapping, warnings);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    const why = error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    const code = error.issues[0]?.code;
    throw new DatasetError([
      { severity: 'error', ...(code ? { code } : {}), file: name, field: '/intervals/trials', message: `no trials table: responses per trial need a trials table (or a trials CSV); ${table.path}, read in its place, cannot serve (${why})` },
    ]);
  }
}

/** A DynamicTable group as columns (ragged and reference columns are left out). */
function tableColumns(group: H5Group, whole: Whole): Map<string, Float64Array | readonly string[]> {
  const columns = new Map<string, Float64Array | readonly string[]>();
  for (const key of group.keys()) {
    if (key === 'id' || key.endsWith('_index')) continue;
    const dataset = datasetAt(group, key);
    if (!dataset || (dataset.shape?.length ?? 0) !== 1) continue;
    const value = whole(dataset);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) columns.set(key, value as string[]);
    else {
      const values = numbersIn(value);
      if (values) columns.set(key, values);
    }
  }
  return columns;
}

/** Electrode positions of each unit (x, y, z of its first electrode), else its depth, when present. */
function unitPositions(file: H5Group, units: H5Group, count: number, whole: Whole): (readonly [number, number, number] | undefined)[] {
  const depth = numbers(datasetAt(units, 'depth'), whole);
  const electrodeRows = numbers(datasetAt(units, 'electrodes'), whole);
  const electrodeIndex = numbers(datasetAt(units, 'electrodes_index'), whole);
  const table = groupAt(file, 'general/extracellular_ephys/electrodes');
  const [x, y, z] = ['x', 'y', 'z'].map((axis) => (table ? numbers(datasetAt(table, axis), whole) : null));
  return Array.from({ length: count }, (_, u) => {
    if (electrodeRows && electrodeIndex && x && y && z) {
      const row = electrodeRows[u === 0 ? 0 : electrodeIndex[u - 1]!];
      if (row !== undefined && Number.isFinite(x[row]!) && Number.isFinite(y[row]!) && Number.isFinite(z[row]!)) return [x[row]!, y[row]!, z[row]!] as const;
    }
    if (depth && Number.isFinite(depth[u]!)) return [0, 0, depth[u]!] as const;
    return undefined;
  });
}

function unitsRecording(file: H5Group, units: H5Group, name: string, memory: MemoryBudget, whole: Whole): Recording {
  const fail = failureIn(name);
  const times = datasetAt(units, 'spike_times') ?? fail('/units/spike_times', 'is missing');
  if ((times.shape?.length ?? 0) !== 1 || ![H5T_INTEGER, H5T_FLOAT].includes(times.metadata.type)) fail('/units/spike_times', `must be a 1-D numeric array, found ${String(times.dtype)} of shape (${times.shape?.join(', ')})`);
  const index = numbers(datasetAt(units, 'spike_times_index'), whole) ?? fail('/units/spike_times_index', 'is missing');
  const total = times.shape![0]!;
  // Read a unit at a time, but every unit's spikes are held in the end.
  memory.charge(name, times.path, total);
  for (let u = 0; u < index.length; u++) {
    if (!(index[u]! >= (u === 0 ? 0 : index[u - 1]!) && index[u]! <= total)) fail('/units/spike_times_index', `entry ${u} (${index[u]}) is not an ascending end offset within spike_times (${total} values)`);
  }
  const ids = numbers(datasetAt(units, 'id'), whole);
  const positions = unitPositions(file, units, index.length, whole);
  const neurons: Neuron[] = Array.from({ length: index.length }, (_, u) => ({ id: `unit ${ids ? ids[u] : u}`, ...(positions[u] ? { position: positions[u] } : {}) }));
  return {
    kind: 'spikes',
    field: '/units/spike_times',
    neurons,
    // Only this unit's slice is read from the file.
    spikeTimes: (unit) => {
      const from = unit === 0 ? 0 : index[unit - 1]!;
      const to = index[unit]!;
      return to > from ? ((times.slice([[from, to]]) as ArrayLike<number>) ?? []) : [];
    },
  };
}

/** A frames × ROIs series read a slice of frames at a time, with a checkpoint (progress, cancellation) between slices. */
async function seriesValues(data: H5Dataset, frames: number, rois: number, name: string, control: ReadControl): Promise<Float64Array> {
  const values = new Float64Array(frames * rois);
  const step = Math.max(1, Math.floor(SERIES_SLICE_VALUES / rois));
  for (let from = 0; from < frames; from += step) {
    await checkpoint(control, name);
    const to = Math.min(frames, from + step);
    // h5wasm hands 64-bit integer data back as BigInt64Array.
    values.set(Float64Array.from(data.slice([[from, to]]) as ArrayLike<number | bigint>, Number), from * rois);
    control.onProgress?.(`reading frames of ${baseName(name)}`, to, frames);
  }
  return values;
}

async function roiRecording(file: H5Group, path: string, name: string, mapping: DatasetMapping, control: ReadControl, memory: MemoryBudget, whole: Whole): Promise<Recording> {
  const fail = failureIn(name);
  const series = groupAt(file, path) ?? fail(path, `is not a group in this file; its response series are ${roiSeriesPaths(file).join(', ') || 'none'}`);
  const data = datasetAt(series, 'data') ?? fail(`${path}/data`, 'is missing');
  const shape = data.shape ?? [];
  if (shape.length !== 2 && shape.length !== 1) fail(`${path}/data`, `must be frames × ROIs, found shape (${shape.join(', ')})`);
  if (![H5T_INTEGER, H5T_FLOAT].includes(data.metadata.type)) fail(`${path}/data`, `has dtype ${String(data.dtype)}, which is not numeric`);
  const [frames, rois] = [shape[0]!, shape[1] ?? 1];
  memory.charge(name, data.path, declaredElements(data));
  let times = numbers(datasetAt(series, 'timestamps'), whole);
  if (!times) {
    memory.charge(name, `${path}/starting_time`, frames, { as: 'as double, one time per frame' });
    const startingTime = datasetAt(series, 'starting_time');
    const rate = Number(startingTime?.attrs.rate?.value ?? mapping.sampleRate ?? Number.NaN);
    if (!(rate > 0)) fail(`${path}/starting_time`, 'has no rate and the series no timestamps: give the frame rate (sampleRate) in the mapping', 'missing-sample-rate');
    const t0 = Number((startingTime ? whole(startingTime) : undefined) ?? 0);
    times = Float64Array.from({ length: frames }, (_, f) => t0 + f / rate);
  }
  if (times.length !== frames) fail(`${path}/timestamps`, `has ${times.length} times for ${frames} frames`);
  const values = await seriesValues(data, frames, rois, name, control);
  const ids = Array.from({ length: rois }, (_, r) => ({ id: `ROI ${r}` }));
  return { kind: 'traces', field: `${path}/data`, neurons: ids, trace: { values, frames, rois, roiMajor: false, times } };
}

export async function readNwbDataset(input: InputFile, mapping: DatasetMapping, source: Omit<SessionSource, 'file' | 'name'>, control: ReadControl = {}): Promise<NwbOpened> {
  const name = input.name;
  return withHdf5File(input, async (file) => {
    nwb2Version(file, name);
    const memory = memoryBudget(control);
    const whole: Whole = (dataset) => wholeValue(dataset, memory, name);
    const warnings: DatasetIssue[] = [];
    const responses = roiSeriesPaths(file);
    const units = groupAt(file, 'units');
    const useRois = mapping.response !== undefined ? mapping.response !== '/units' : !units && responses.length > 0;
    if (!units && !useRois) {
      throw new DatasetError([{ severity: 'error', file: name, field: '/units', message: 'is missing, and the file has no RoiResponseSeries: no neurons to read' }]);
    }
    const recording = useRois ? await roiRecording(file, mapping.response ?? responses[0]!, name, mapping, control, memory, whole) : unitsRecording(file, units!, name, memory, whole);
    if (useRois && mapping.response === undefined && responses.length > 1) {
      warnings.push({ severity: 'warning', file: name, field: responses[0]!, message: `used as the response (the file also has ${responses.slice(1).join(', ')})` });
    }
    const { group, path } = trialsGroup(file, name, warnings);
    const columns = tableColumns(group, whole);
    const table: TrialsTable = { file: name, path, count: columns.get('start_time')?.length ?? 0, columns };
    const choices = { responses: [...(units ? ['/units'] : []), ...responses], columns: labelColumns(table), events: eventColumns(table) };
    const identifierDataset = datasetAt(file, 'identifier');
    const identifier = identifierDataset ? whole(identifierDataset) : undefined;
    const startDataset = datasetAt(file, 'session_start_time');
    const started = startDataset ? whole(startDataset) : undefined;
    const recordedAt = typeof started === 'string' && started.trim() !== '' ? { recordedAt: started.trim() } : {};
    // Problems from here on the dialog can fix with the file's columns and series in hand.
    const { design, dataset } = await withChoices(choices, async () => {
      const design = path === '/intervals/trials' ? trialDesign(table, mapping, warnings) : fallbackDesign(table, mapping, warnings, name);
      const read = await sessionDataset(recording, design, { ...source, file: name, name: typeof identifier === 'string' ? identifier : name }, warnings, control);
      return { design, dataset: { ...read, sessions: read.sessions.map((session) => ({ ...session, ...recordedAt })) } };
    });
    return {
      dataset,
      warnings,
      choices,
      detected: { response: useRois ? (mapping.response ?? responses[0]!) : '/units', stimulus: design.used.stimulus, choice: design.used.choice },
    };
  });
}
