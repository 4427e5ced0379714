import type { Dataset, DatasetIssue, Neuron, Session } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { headerNames } from './csvHeader';
import { readCsvTable } from './csvTable';

/**
 * CSV/TSV long format: one row per trial × epoch × neuron (README, "Data formats"):
 *   session, condition, order, trial, stimulus, choice?, correct?, epoch, epoch_start?, epoch_end?, neuron, response
 * Column names are matched case-insensitively; the delimiter (comma, tab, semicolon) is detected.
 * Neurons are matched across sessions by their id (matching "identity"; a warning says so).
 */
const REQUIRED = ['session', 'condition', 'order', 'trial', 'stimulus', 'epoch', 'neuron', 'response'] as const;
const MAX_ISSUES = 20;

/** Header name → role, where the mapping gives a column another name (`columns: { neuron: "cell_id" }`). */
export type LongCsvColumns = Partial<Record<string, string>>;

function roleOf(name: string, columns: LongCsvColumns | undefined): string {
  const lower = name.trim().replace(/^"|"$/g, '').toLowerCase();
  const renamed = Object.entries(columns ?? {}).find(([, column]) => column?.trim().toLowerCase() === lower);
  return renamed ? renamed[0] : lower;
}

export function isLongCsv(head: string, columns?: LongCsvColumns): boolean {
  const names = headerNames(head).map((name) => roleOf(name, columns));
  // Most of the columns is enough to claim the file, so a missing one gets its own precise message.
  return REQUIRED.filter((column) => names.includes(column)).length >= 5;
}

interface TrialRow {
  stimulus: number;
  choice: number | null;
  correct: number | null;
  /** epoch → neuron → response */
  responses: Map<string, Map<string, number>>;
}

interface SessionRows {
  condition: string;
  order: number;
  trials: Map<string, TrialRow>;
  epochs: Map<string, { start: number | null; end: number | null }>;
  neurons: Set<string>;
}

export function readLongCsv(text: string, file: string, columnNames?: LongCsvColumns): { dataset: Dataset; warnings: DatasetIssue[] } {
  const csv = readCsvTable(text, file, { transformHeader: (name) => roleOf(name, columnNames) });
  const issues: DatasetIssue[] = [];
  const report = (field: string, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ severity: 'error', file, field, message });
  };
  const columns = csv.names;
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new DatasetError([{ severity: 'error', file, field: '(header)', message: `is missing the column(s) ${missing.join(', ')}; the long format needs ${REQUIRED.join(', ')}` }]);
  }
  for (const problem of csv.problems.slice(0, 5)) report(problem.field, problem.message);

  const sessions = new Map<string, SessionRows>();
  const neuronOrder = new Map<string, number>();
  // Cells by the column's position: a column named like an object key (`__proto__`) is still just a column.
  const position = new Map(columns.map((name, k) => [name, k]));
  csv.rows.forEach((cells, index) => {
    const line = `row ${index + 2}`;
    const cell = (column: string) => {
      const at = position.get(column);
      return at === undefined ? '' : cells[at]!.trim();
    };
    const number = (column: string, optional = false): number | null => {
      const raw = cell(column);
      if (raw === '' && optional) return null;
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) {
        report(`${line}, column ${column}`, `"${raw}" is not a finite number`);
        return null;
      }
      return value;
    };
    const sessionId = cell('session');
    const neuron = cell('neuron');
    const epoch = cell('epoch');
    const trial = cell('trial');
    if (!sessionId || !neuron || !epoch || !trial) {
      report(line, 'session, trial, epoch and neuron must not be empty');
      return;
    }
    const order = number('order');
    const stimulus = number('stimulus');
    const response = number('response');
    const choice = columns.includes('choice') ? number('choice', true) : null;
    const correctText = cell('correct').toLowerCase();
    const correct = correctText === '' ? null : ['1', 'true', 'yes'].includes(correctText) ? 1 : 0;
    if (order === null || stimulus === null || response === null) return;
    let session = sessions.get(sessionId);
    if (!session) {
      session = { condition: cell('condition') || 'task', order, trials: new Map(), epochs: new Map(), neurons: new Set() };
      sessions.set(sessionId, session);
    } else if (session.order !== order) {
      report(`${line}, column order`, `session "${sessionId}" has order ${session.order} on earlier rows and ${order} here`);
    }
    if (!session.epochs.has(epoch)) {
      const start = columns.includes('epoch_start') ? number('epoch_start', true) : null;
      const end = columns.includes('epoch_end') ? number('epoch_end', true) : null;
      session.epochs.set(epoch, { start, end });
    }
    if (!neuronOrder.has(neuron)) neuronOrder.set(neuron, neuronOrder.size);
    session.neurons.add(neuron);
    let trialRow = session.trials.get(trial);
    if (!trialRow) {
      trialRow = { stimulus, choice, correct, responses: new Map() };
      session.trials.set(trial, trialRow);
    } else if (trialRow.stimulus !== stimulus) {
      report(`${line}, column stimulus`, `trial "${trial}" of session "${sessionId}" has stimulus ${trialRow.stimulus} on earlier rows and ${stimulus} here`);
    }
    let byNeuron = trialRow.responses.get(epoch);
    if (!byNeuron) trialRow.responses.set(epoch, (byNeuron = new Map()));
    if (byNeuron.has(neuron)) report(line, `a second response for session "${sessionId}", trial "${trial}", epoch "${epoch}", neuron "${neuron}"`);
    byNeuron.set(neuron, response);
  });
  if (csv.rows.length === 0) report('(file)', 'has a header but no rows');

  const neurons: Neuron[] = [...neuronOrder.keys()].map((id) => ({ id }));
  const built: Session[] = [];
  for (const [id, rows] of sessions) {
    const epochs = [...rows.epochs.entries()].map(([name, window], k) => ({ name, start: window.start ?? k, end: window.end ?? k + 1 }));
    const trials = [...rows.trials.values()];
    const present = Uint8Array.from(neurons, (n) => (rows.neurons.has(n.id) ? 1 : 0));
    const responses = new Float32Array(trials.length * epochs.length * neurons.length);
    const trialIds = [...rows.trials.keys()];
    trials.forEach((trial, t) => {
      epochs.forEach((epoch, e) => {
        const byNeuron = trial.responses.get(epoch.name);
        neurons.forEach((neuron, i) => {
          if (present[i] !== 1) return;
          const value = byNeuron?.get(neuron.id);
          if (value === undefined) {
            report(`session "${id}"`, `no response for trial "${trialIds[t]}", epoch "${epoch.name}", neuron "${neuron.id}"; every tracked neuron needs one per trial and epoch`);
          } else responses[(t * epochs.length + e) * neurons.length + i] = value;
        });
      });
    });
    const hasChoice = trials.every((trial) => trial.choice !== null);
    const hasCorrect = trials.every((trial) => trial.correct !== null);
    built.push({
      id,
      order: rows.order,
      condition: rows.condition,
      epochs,
      trialCount: trials.length,
      stimulus: Float64Array.from(trials, (trial) => trial.stimulus),
      choice: hasChoice ? Uint8Array.from(trials, (trial) => (trial.choice === 1 ? 1 : 0)) : null,
      correct: hasCorrect ? Uint8Array.from(trials, (trial) => trial.correct!) : null,
      present,
      responses,
    });
  }
  if (issues.length > 0) throw new DatasetError(issues);
  const warnings: DatasetIssue[] = [...csv.warnings];
  if (built.length > 1) {
    warnings.push({ severity: 'warning', file, field: 'neuron', message: 'neurons are matched across sessions by their id (matching "identity")' });
  }
  if (!columns.includes('epoch_start')) {
    warnings.push({ severity: 'warning', file, field: 'epoch', message: 'no epoch_start / epoch_end columns: epochs are ordered as they first appear, without time windows' });
  }
  return {
    dataset: { name: file.replace(/^.*[/\\]/, '').replace(/\.(csv|tsv|txt)$/i, ''), responseUnit: 'response', stimulusUnit: '', matching: 'identity', neurons, sessions: built },
    warnings,
  };
}
