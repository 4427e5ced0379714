import type { DatasetIssue, Epoch } from '../dataset/types';
import { DatasetError, failureIn, type Failure } from '../dataset/datasetError';
import type { DatasetMapping } from './mapping';
import { headerNames } from './csvHeader';
import { readCsvTable } from './csvTable';
import { absoluteEventTimes, trialEnds, windowAround, type EpochWindow } from './binning';

/**
 * A trials table, wherever it came from (NWB `/intervals/trials` or any intervals table, or a trials CSV
 * beside a Kilosort or suite2p folder), and what Chorus makes of it with a mapping: trial starts and
 * ends, the stimulus, the choice and the epoch windows in absolute seconds.
 */
export interface TrialsTable {
  readonly file: string;
  /** Where inside the file, for messages (`/intervals/trials`, or '' for a CSV). */
  readonly path: string;
  readonly count: number;
  readonly columns: ReadonlyMap<string, Float64Array | readonly string[]>;
  /** What reading the table noticed (duplicate column names, ragged rows), passed on by trialDesign. */
  readonly warnings?: readonly DatasetIssue[];
}

const STIMULUS_COLUMNS = ['stimulus', 'stim', 'signal', 'contrast', 'orientation', 'coherence', 'direction'];
const LABEL_COLUMNS = ['condition', 'type', 'trial_type', 'stimulus_type'];
const CHOICE_COLUMNS = ['choice', 'decision', 'chosen', 'response_side', 'choice_side'];
const START_COLUMNS = ['start_time', 'start', 'trial_start', 't_start'];
const STOP_COLUMNS = ['stop_time', 'stop', 'end_time', 'trial_end', 't_stop'];

/** A trials CSV names its trial starts (start_time, start, trial_start or t_start). */
export function isTrialsCsv(head: string): boolean {
  const names = headerNames(head.toLowerCase());
  return START_COLUMNS.some((c) => names.includes(c));
}

export function readTrialsCsv(text: string, file: string): TrialsTable {
  const csv = readCsvTable(text, file, { transformHeader: (n) => n.trim().toLowerCase() });
  const columns = new Map<string, Float64Array | string[]>();
  csv.names.forEach((name, c) => {
    const raw = csv.rows.map((row) => row[c]!.trim());
    const numeric = raw.every((value) => value === '' || /^nan$/i.test(value) || Number.isFinite(Number(value)));
    columns.set(name, numeric ? Float64Array.from(raw, (v) => (v === '' || /^nan$/i.test(v) ? Number.NaN : Number(v))) : raw);
  });
  if (csv.rows.length === 0) throw new DatasetError([{ severity: 'error', file, field: '(file)', message: 'is a trials table with a header but no rows' }]);
  // A short row's missing cells read as empty (NaN times, no label): said, not fatal.
  const notes = csv.problems.slice(0, 5).map(({ kind, field, message }) => ({ severity: 'warning' as const, file, field, message: kind === 'fields' ? `${message}; missing cells are read as empty` : message }));
  return { file, path: '', count: csv.rows.length, columns, warnings: [...csv.warnings, ...notes] };
}

const place = (table: TrialsTable, column: string) => (table.path ? `${table.path}/${column}` : `column ${column}`);

function numericColumn(table: TrialsTable, name: string): Float64Array | null {
  const column = table.columns.get(name);
  return column instanceof Float64Array ? column : null;
}

export interface TrialDesign {
  readonly start: Float64Array;
  readonly ends: Float64Array;
  readonly stimulus: Float64Array;
  readonly choice: Uint8Array | null;
  readonly windows: readonly EpochWindow[];
  readonly epochs: readonly Epoch[];
  /** The columns used, detected or mapped (for the dialog and presets). */
  readonly used: { readonly stimulus: string; readonly choice: string | null };
}

/** The columns that hold event times (for the dialog's epoch editor). */
export function eventColumns(table: TrialsTable): string[] {
  return [...table.columns.keys()].filter((name) => table.columns.get(name) instanceof Float64Array && (name.endsWith('_time') || START_COLUMNS.includes(name) || STOP_COLUMNS.includes(name)));
}

/** Columns that could be the stimulus or the choice (for the dialog). */
export function labelColumns(table: TrialsTable): string[] {
  return [...table.columns.keys()].filter((name) => !eventColumns(table).includes(name) && name !== 'id');
}

/**
 * Applies the mapping to the table. Detected where the mapping is silent: the stimulus (a numeric
 * stimulus-like column, else a label column coded 0, 1, … in sorted order), the choice (a two-valued
 * choice column) and the epochs (between consecutive events ordered by their median time, the last to
 * the trial end; without events, the whole trial). Every guess is said in a warning.
 */
export function trialDesign(table: TrialsTable, mapping: DatasetMapping, warnings: DatasetIssue[]): TrialDesign {
  warnings.push(...(table.warnings ?? []));
  return trialsWithStimulus(designOfEveryTrial(table, mapping, warnings), table, warnings);
}

function designOfEveryTrial(table: TrialsTable, mapping: DatasetMapping, warnings: DatasetIssue[]): TrialDesign {
  const { file } = table;
  const warn = (field: string, message: string) => warnings.push({ severity: 'warning', file, field, message });
  const fail = failureIn(file);
  const startName = START_COLUMNS.find((c) => numericColumn(table, c));
  const start = startName ? numericColumn(table, startName)! : fail(place(table, 'start_time'), 'is missing: a trials table needs trial start times');
  const stopName = STOP_COLUMNS.find((c) => numericColumn(table, c));
  const { ends, fellBack } = trialEnds(start, stopName ? numericColumn(table, stopName) : null);
  if (fellBack) warn(place(table, stopName ?? 'stop_time'), 'missing or NaN for every trial: each trial ends at the next trial’s start');

  const { values: stimulus, column: stimulusColumn } = stimulusOf(table, mapping, warn, fail);
  const { values: choice, column: choiceColumn } = choiceOf(table, mapping, warn, fail);
  const used = { stimulus: stimulusColumn, choice: choiceColumn };

  const eventTimes = (column: string) => {
    const raw = numericColumn(table, column) ?? fail(place(table, column), `is not a column of event times; the columns with times are ${eventColumns(table).join(', ') || 'none'}`);
    if (column === startName) return Float64Array.from(start);
    const { times, assumed } = absoluteEventTimes(raw, start, ends);
    warn(place(table, column), `read as ${assumed}`);
    return times;
  };
  if (mapping.epochs) {
    const windows = mapping.epochs.map((spec) => windowAround(spec.name, eventTimes(spec.event), spec.start, spec.end));
    return { start, ends, stimulus, choice, windows, epochs: mapping.epochs.map(({ name, start: from, end }) => ({ name, start: from, end })), used };
  }
  const events = eventColumns(table)
    .filter((c) => c !== startName && c !== stopName)
    .map((column) => {
      const absolute = eventTimes(column);
      const offsets = Array.from(absolute, (t, k) => t - start[k]!).filter(Number.isFinite).sort((a, b) => a - b);
      return { column, absolute, median: offsets[Math.floor(offsets.length / 2)] ?? 0 };
    })
    .sort((a, b) => a.median - b.median);
  const label = (column: string) => column.replace(/_time$/, '');
  const windows: EpochWindow[] =
    events.length === 0
      ? [{ name: 'trial', from: Float64Array.from(start), to: ends }]
      : events.map((event, k) => ({
          name: `${label(event.column)}${k + 1 < events.length ? `–${label(events[k + 1]!.column)}` : '–end'}`,
          from: event.absolute,
          to: k + 1 < events.length ? events[k + 1]!.absolute : ends,
        }));
  // Windows vary per trial; the dataset records their median times from the trial start.
  const durations = Array.from(ends, (end, k) => end - start[k]!).filter(Number.isFinite).sort((a, b) => a - b);
  const medianDuration = durations[Math.floor(durations.length / 2)] ?? 1;
  const bounds = events.length === 0 ? [0, medianDuration] : [...events.map((e) => e.median), medianDuration];
  const epochs = windows.map((w, k) => ({ name: w.name, start: bounds[k]!, end: Math.max(bounds[k + 1]!, bounds[k]! + 1e-3) }));
  warn(table.path || '(epochs)', `epochs detected between trial events: ${windows.map((w) => w.name).join(', ')}; set windows in the dataset dialog or with --epoch NAME=EVENT:START:END`);
  return { start, ends, stimulus, choice, windows, epochs, used };
}

/**
 * Trials without a stimulus value (NaN, an empty label) belong to no discrimination: they are left out
 * and the warning says how many; a column with no value at all is refused.
 */
function trialsWithStimulus(design: TrialDesign, table: TrialsTable, warnings: DatasetIssue[]): TrialDesign {
  const total = design.stimulus.length;
  const keep = Int32Array.from(design.stimulus.keys()).filter((k) => Number.isFinite(design.stimulus[k]!));
  if (keep.length === total) return design;
  const field = place(table, design.used.stimulus);
  if (keep.length === 0) failureIn(table.file)(field, `has no value on any of the ${total} trials (NaN or empty); every trial needs a stimulus value`, 'missing-stimulus');
  warnings.push({ severity: 'warning', code: 'missing-stimulus', file: table.file, field, message: `${total - keep.length} of ${total} trials have no stimulus value (NaN or empty) and are left out` });
  const pick = (values: Float64Array) => Float64Array.from(keep, (k) => values[k]!);
  return {
    ...design,
    start: pick(design.start),
    ends: pick(design.ends),
    stimulus: pick(design.stimulus),
    choice: design.choice ? Uint8Array.from(keep, (k) => design.choice![k]!) : null,
    windows: design.windows.map((w) => ({ name: w.name, from: pick(w.from), to: pick(w.to) })),
  };
}

type Warn = (field: string, message: string) => void;

/** Text labels (or numbers) coded 0, 1, … in sorted order; with `emptyIsMissing`, an empty label is NaN, not a label. */
function coded(values: readonly (string | number)[], emptyIsMissing = false): { codes: Float64Array; labels: string[] } {
  const missing = (v: string) => emptyIsMissing && v === '';
  const labels = [...new Set(values.map(String))].filter((v) => !missing(v)).sort((a, b) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b)));
  const code = new Map(labels.map((label, k) => [label, k]));
  return { codes: Float64Array.from(values, (v) => code.get(String(v)) ?? Number.NaN), labels };
}

function stimulusOf(table: TrialsTable, mapping: DatasetMapping, warn: Warn, fail: Failure): { values: Float64Array; column: string } {
  const name =
    mapping.stimulus ??
    STIMULUS_COLUMNS.find((c) => numericColumn(table, c)) ??
    LABEL_COLUMNS.find((c) => table.columns.has(c)) ??
    fail(table.path || '(columns)', `has no stimulus column (${[...STIMULUS_COLUMNS, ...LABEL_COLUMNS].join(', ')}); choose one in the dataset dialog or with --stimulus COLUMN`);
  const column = table.columns.get(name) ?? fail(place(table, name), `is not a column; the columns are ${[...table.columns.keys()].join(', ')}`);
  // Trials without a value stay NaN here; trialsWithStimulus leaves them out.
  if (column instanceof Float64Array) {
    if (!mapping.stimulus) warn(place(table, name), 'used as the stimulus');
    return { values: column, column: name };
  }
  const { codes, labels } = coded(column, true);
  warn(place(table, name), `used as the stimulus: ${labels.map((v, k) => `${v} = ${k}`).join(', ')}`);
  return { values: codes, column: name };
}

function choiceOf(table: TrialsTable, mapping: DatasetMapping, warn: Warn, fail: Failure): { values: Uint8Array | null; column: string | null } {
  const none = { values: null, column: null };
  if (mapping.choice === null) return none;
  const name = mapping.choice ?? CHOICE_COLUMNS.find((c) => table.columns.has(c));
  if (name === undefined) return none;
  const column = table.columns.get(name) ?? fail(place(table, name), `is not a column; the columns are ${[...table.columns.keys()].join(', ')}`);
  const values = Array.from(column as ArrayLike<string | number>);
  const { codes, labels } = coded(values);
  if (labels.length !== 2) {
    if (mapping.choice) fail(place(table, name), `has ${labels.length} distinct values (${labels.slice(0, 6).join(', ')}); a choice needs exactly two`);
    warn(place(table, name), `not used as the choice: it has ${labels.length} distinct values, not two`);
    return none;
  }
  warn(place(table, name), `used as the choice: ${labels[0]} = 0, ${labels[1]} = 1`);
  return { values: Uint8Array.from(codes), column: name };
}
