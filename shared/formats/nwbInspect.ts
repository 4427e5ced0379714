import { countsRecord } from '../dataset/counts';
import { DatasetError } from '../dataset/datasetError';
import type { DatasetIssue } from '../dataset/types';
import type { InputFile } from './source';
import { datasetAt, declaredElements, groupAt, stringAttribute, wholeValue, withHdf5File, type H5Dataset, type H5Group } from './hdf5/h5File';
import { memoryBudget } from './memoryLimit';
import type { ReadControl } from './readControl';

/** What an NWB file holds that Chorus can use (issue 4: the basis of `chorus inspect` and the NWB reader). */
export interface NwbSummary {
  readonly format: 'NWB';
  readonly version: string;
  readonly identifier: string | null;
  readonly units: { readonly count: number; readonly spikeCounts: number[]; readonly unsortedUnits: number } | null;
  readonly trials: {
    readonly count: number;
    readonly columns: string[];
    /** The first condition-like string column found (stimulus, condition, type, trial_type) and its value counts. */
    readonly conditions: { readonly column: string; readonly counts: Record<string, number> } | null;
  } | null;
  readonly intervals: string[];
  /** RoiResponseSeries (optical physiology) and their frames × ROIs. */
  readonly roiSeries: { readonly path: string; readonly shape: number[] }[];
  readonly warnings: DatasetIssue[];
}

/** Reads a dataset whole, its declared size charged to the read's memory budget first (null when absent). */
type Whole = (dataset: H5Dataset | null) => H5Dataset['value'] | undefined;

/** For the version check, before any budget: NWB 1.x's /nwb_version is one string, and nothing larger is read. */
const scalarOnly: Whole = (dataset) => (dataset && declaredElements(dataset) <= 1 ? dataset.value : undefined);

function text(group: H5Group, path: string, whole: Whole): string | null {
  const value = whole(datasetAt(group, path));
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

/** Ragged `spike_times` through `spike_times_index`: each unit's count, and how many are not sorted. */
function unitsSummary(file: H5Group, name: string, warnings: DatasetIssue[], whole: Whole): NwbSummary['units'] {
  const units = groupAt(file, 'units');
  if (!units) return null;
  const times = whole(datasetAt(units, 'spike_times')) as ArrayLike<number> | undefined;
  const index = whole(datasetAt(units, 'spike_times_index')) as ArrayLike<number> | undefined;
  if (!times || !index) {
    warnings.push({ severity: 'warning', file: name, field: '/units', message: 'has no spike_times / spike_times_index; no spiking units read' });
    return null;
  }
  const spikeCounts: number[] = [];
  let unsortedUnits = 0;
  let start = 0;
  for (let u = 0; u < index.length; u++) {
    const end = Number(index[u]);
    spikeCounts.push(end - start);
    for (let k = start + 1; k < end; k++) {
      if (times[k]! < times[k - 1]!) {
        unsortedUnits++;
        break;
      }
    }
    start = end;
  }
  if (unsortedUnits > 0) {
    warnings.push({ severity: 'warning', file: name, field: '/units/spike_times', message: `${unsortedUnits} unit(s) have unsorted spike times (to be sorted before binning)` });
  }
  return { count: index.length, spikeCounts, unsortedUnits };
}

function trialsSummary(file: H5Group, name: string, warnings: DatasetIssue[], whole: Whole): NwbSummary['trials'] {
  const trials = groupAt(file, 'intervals/trials');
  if (!trials) return null;
  const start = datasetAt(trials, 'start_time');
  const count = start?.shape?.[0] ?? 0;
  const stop = whole(datasetAt(trials, 'stop_time')) as ArrayLike<number> | undefined;
  if (stop && stop.length > 0 && Array.from(stop).every((v) => Number.isNaN(v))) {
    warnings.push({
      severity: 'warning',
      file: name,
      field: '/intervals/trials/stop_time',
      message: 'is NaN for every trial: trial ends must come from the next trial’s start or from event times',
    });
  }
  let conditions: NonNullable<NwbSummary['trials']>['conditions'] = null;
  for (const column of ['stimulus', 'condition', 'type', 'trial_type']) {
    const values = whole(datasetAt(trials, column));
    if (Array.isArray(values) && values.length === count) {
      const counts = new Map<string, number>();
      for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
      conditions = { column, counts: countsRecord(counts) };
      break;
    }
  }
  return { count, columns: trials.keys().filter((key) => key !== 'id'), conditions };
}

/** Every RoiResponseSeries in the file (paths), found under /processing/<module>/<interface>/. */
export function roiSeriesPaths(file: H5Group): string[] {
  const paths: string[] = [];
  const processing = groupAt(file, 'processing');
  for (const module of processing?.keys() ?? []) {
    const moduleGroup = groupAt(processing!, module);
    for (const name of moduleGroup?.keys() ?? []) {
      const container = groupAt(moduleGroup!, name);
      if (!container) continue;
      const containerType = stringAttribute(container, 'neurodata_type');
      if (containerType === 'RoiResponseSeries') paths.push(`/processing/${module}/${name}`);
      for (const series of containerType === 'Fluorescence' || containerType === 'DfOverF' ? container.keys() : []) {
        const group = groupAt(container, series);
        if (group && stringAttribute(group, 'neurodata_type') === 'RoiResponseSeries') paths.push(`/processing/${module}/${name}/${series}`);
      }
    }
  }
  return paths;
}

/** The file's NWB 2.x version; NWB 1.x and HDF5 that is not NWB are refused with a clear message. */
export function nwb2Version(file: H5Group, name: string): string {
  const version = stringAttribute(file, 'nwb_version');
  const legacy = version === null ? text(file, 'nwb_version', scalarOnly) : null;
  if (legacy !== null) {
    throw new DatasetError([
      { severity: 'error', file: name, field: '/nwb_version', message: `is NWB ${legacy}: NWB 1.x is not supported; convert the file to NWB 2 (e.g. with PyNWB's conversion tools)` },
    ]);
  }
  if (version === null || stringAttribute(file, 'neurodata_type') !== 'NWBFile') {
    throw new DatasetError([{ severity: 'error', file: name, field: '/', message: 'is HDF5 but not an NWB file (no nwb_version / NWBFile attributes)' }]);
  }
  return version;
}

/**
 * Opens an NWB 2.x file and summarises it; NWB 1.x and non-NWB HDF5 are refused with a clear message, and
 * datasets declaring more than the memory limit (`control.memoryLimit`) before they are read.
 */
export async function inspectNwb(input: InputFile, control: ReadControl = {}): Promise<NwbSummary> {
  const name = input.name;
  return withHdf5File(input, (file) => {
    const version = nwb2Version(file, name);
    const memory = memoryBudget(control);
    const whole: Whole = (dataset) => (dataset ? wholeValue(dataset, memory, name) : undefined);
    const warnings: DatasetIssue[] = [];
    const units = unitsSummary(file, name, warnings, whole);
    const trials = trialsSummary(file, name, warnings, whole);
    const intervals = groupAt(file, 'intervals')?.keys() ?? [];
    const roiSeries = roiSeriesPaths(file).map((path) => ({ path, shape: [...(datasetAt(file, `${path}/data`)?.shape ?? [])] }));
    if (!units && roiSeries.length === 0) warnings.push({ severity: 'warning', file: name, field: '/units', message: 'no units table' });
    if (!trials) warnings.push({ severity: 'warning', file: name, field: '/intervals/trials', message: 'no trials table: responses per trial need a trials table (or a trials CSV)' });
    if (units && units.count === 1) {
      warnings.push({ severity: 'warning', code: 'single-neuron', file: name, field: '/units', message: 'one unit only: pairwise shared information and noise correlations need at least 2 neurons' });
    }
    return { format: 'NWB', version, identifier: text(file, 'identifier', whole), units, trials, intervals, roiSeries, warnings };
  });
}
