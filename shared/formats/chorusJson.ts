import type { Dataset, DatasetIssue, Session } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { replaceNonFiniteTokens } from './nonFiniteTokens';
import {
  CHORUS_DATASET_FORMAT,
  CHORUS_DATASET_VERSION,
  chorusDatasetSchema,
  type ChorusDatasetFile,
} from './chorusJsonSchema';

const MAX_ISSUES = 20;

/** Does this text look like a native Chorus dataset? (Content, not extension.) */
export function isChorusJson(text: string): boolean {
  return text.trimStart().startsWith('{') && text.slice(0, 4096).includes(`"${CHORUS_DATASET_FORMAT}"`);
}

/** Parse and validate a `*.chorus.json` text. Throws DatasetError listing every problem found. */
export function readChorusJson(text: string, file: string): Dataset {
  const { text: cleaned } = replaceNonFiniteTokens(text);
  let raw: unknown;
  try {
    raw = JSON.parse(cleaned);
  } catch (error) {
    throw new DatasetError([
      { severity: 'error', file, field: '(file)', message: `is not valid JSON (${(error as Error).message})` },
    ]);
  }
  // reportInput: each issue carries the value it is about, so a missing field is told by its absent value, not by zod's wording.
  const parsed = chorusDatasetSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new DatasetError(
      parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
        severity: 'error' as const,
        file,
        field: describePath(issue.path, raw),
        message: schemaMessage(issue),
      })),
    );
  }
  return buildDataset(parsed.data, file);
}

function schemaMessage(issue: { code: string; message: string; path: PropertyKey[]; input?: unknown }): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is missing';
  if (issue.code === 'invalid_value' && issue.path[0] === 'format') {
    return `must be "${CHORUS_DATASET_FORMAT}" (is this a Chorus dataset?)`;
  }
  if (issue.code === 'invalid_value' && issue.path[0] === 'version') {
    return `must be ${CHORUS_DATASET_VERSION}; this Chorus reads version ${CHORUS_DATASET_VERSION} files`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/** `sessions[2].trials.stimulus[5]`, prefixed with the session id when it can be read. */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text === '' ? String(key) : `.${String(key)}`;
  if (path[0] === 'sessions' && typeof path[1] === 'number') {
    const id = sessionIdAt(raw, path[1]);
    if (id !== undefined) text += ` (session "${id}")`;
  }
  return text === '' ? '(file)' : text;
}

function sessionIdAt(raw: unknown, index: number): string | undefined {
  const sessions = (raw as { sessions?: unknown })?.sessions;
  const session = Array.isArray(sessions) ? (sessions[index] as { id?: unknown }) : undefined;
  return typeof session?.id === 'string' ? session.id : undefined;
}

function buildDataset(file: ChorusDatasetFile, fileName: string): Dataset {
  const issues: DatasetIssue[] = [];
  const report = (field: string, message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ severity: 'error', file: fileName, field, message });
  };

  const neuronIndex = new Map<string, number>();
  file.neurons.forEach((neuron, index) => {
    if (neuronIndex.has(neuron.id)) report(`neurons[${index}].id`, `"${neuron.id}" appears more than once`);
    neuronIndex.set(neuron.id, index);
  });
  const sessionIds = new Set<string>();
  const sessions: Session[] = [];
  file.sessions.forEach((session, s) => {
    const where = `sessions[${s}] (session "${session.id}")`;
    if (sessionIds.has(session.id)) report(`${where}.id`, `"${session.id}" appears more than once`);
    sessionIds.add(session.id);
    const built = buildSession(session, file.neurons.length, neuronIndex, where, report);
    if (built !== null) sessions.push(built);
  });
  if (issues.length > 0) throw new DatasetError(issues);

  return {
    name: file.name,
    responseUnit: file.responseUnit,
    stimulusUnit: file.stimulusUnit,
    matching: file.matching,
    neurons: file.neurons.map((n) => ({
      id: n.id,
      ...(n.position !== undefined ? { position: n.position } : {}),
      ...(n.area !== undefined ? { area: n.area } : {}),
    })),
    sessions,
  };
}

function buildSession(
  session: ChorusDatasetFile['sessions'][number],
  neuronCount: number,
  neuronIndex: ReadonlyMap<string, number>,
  where: string,
  report: (field: string, message: string) => void,
): Session | null {
  const columns = session.neuronIds ?? [...neuronIndex.keys()];
  const columnToNeuron = new Int32Array(columns.length);
  const present = new Uint8Array(neuronCount);
  let ok = true;
  columns.forEach((id, c) => {
    const index = neuronIndex.get(id);
    if (index === undefined) {
      report(`${where}.neuronIds[${c}]`, `"${id}" is not in the neurons list`);
      ok = false;
    } else if (present[index] === 1) {
      report(`${where}.neuronIds[${c}]`, `"${id}" appears more than once`);
      ok = false;
    } else {
      columnToNeuron[c] = index;
      present[index] = 1;
    }
  });

  const trialCount = session.trials.stimulus.length;
  const stimulus = new Float64Array(trialCount);
  session.trials.stimulus.forEach((value, t) => {
    if (value === null) {
      report(`${where}.trials.stimulus[${t}]`, `trial ${t + 1}: stimulus is NaN or missing`);
      ok = false;
    } else stimulus[t] = value;
  });
  const choice = optionalTrialColumn(session.trials.choice, trialCount, `${where}.trials.choice`, report, (v) => v);
  const correct = optionalTrialColumn(
    session.trials.correct,
    trialCount,
    `${where}.trials.correct`,
    report,
    (v) => (v ? 1 : 0),
  );
  if (choice === undefined || correct === undefined) ok = false;

  const epochCount = session.epochs.length;
  if (session.responses.length !== trialCount) {
    report(
      `${where}.responses`,
      `has ${session.responses.length} trials but trials.stimulus has ${trialCount}; both must list the same trials`,
    );
    return null;
  }
  if (!ok) return null;
  const responses = new Float32Array(trialCount * epochCount * neuronCount);
  for (let t = 0; t < trialCount; t++) {
    const trial = session.responses[t]!;
    if (trial.length !== epochCount) {
      report(`${where}.responses[${t}]`, `trial ${t + 1} has ${trial.length} epochs; the session defines ${epochCount}`);
      return null;
    }
    for (let e = 0; e < epochCount; e++) {
      const row = trial[e]!;
      if (row.length !== columns.length) {
        report(
          `${where}.responses[${t}][${e}]`,
          `trial ${t + 1}, epoch "${session.epochs[e]!.name}" has ${row.length} responses; expected ${columns.length} (one per neuron)`,
        );
        return null;
      }
      const base = (t * epochCount + e) * neuronCount;
      for (let c = 0; c < row.length; c++) {
        const value = row[c];
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          report(
            `${where}.responses[${t}][${e}][${c}]`,
            `trial ${t + 1}, epoch "${session.epochs[e]!.name}", neuron "${columns[c]}": response is ${describeBadValue(value)}; every response must be a finite number`,
          );
          return null;
        }
        responses[base + columnToNeuron[c]!] = value;
      }
    }
  }
  return {
    id: session.id,
    order: session.order,
    condition: session.condition,
    epochs: session.epochs.map((e) => ({ name: e.name, start: e.start, end: e.end })),
    trialCount,
    stimulus,
    choice: choice ?? null,
    correct: correct ?? null,
    present,
    responses,
  };
}

/** undefined = invalid (already reported); null = column absent. */
function optionalTrialColumn<T>(
  values: readonly (T | null)[] | undefined,
  trialCount: number,
  field: string,
  report: (field: string, message: string) => void,
  toByte: (value: T) => number,
): Uint8Array | null | undefined {
  if (values === undefined) return null;
  if (values.length !== trialCount) {
    report(field, `has ${values.length} entries; trials.stimulus has ${trialCount}`);
    return undefined;
  }
  const out = new Uint8Array(trialCount);
  for (let t = 0; t < trialCount; t++) {
    const value = values[t];
    if (value === null || value === undefined) {
      report(`${field}[${t}]`, `trial ${t + 1} is missing; give a value for every trial or omit the column`);
      return undefined;
    }
    out[t] = toByte(value);
  }
  return out;
}

function describeBadValue(value: unknown): string {
  if (value === null) return 'NaN or missing';
  if (typeof value === 'number') return String(value);
  return `not a number (${JSON.stringify(value)?.slice(0, 20)})`;
}

/** The native file for a dataset (used by `chorus demo` and, later, `chorus convert`). */
export function writeChorusJson(dataset: Dataset): string {
  const neuronCount = dataset.neurons.length;
  const file = {
    format: CHORUS_DATASET_FORMAT,
    version: CHORUS_DATASET_VERSION,
    name: dataset.name,
    responseUnit: dataset.responseUnit,
    stimulusUnit: dataset.stimulusUnit,
    matching: dataset.matching,
    neurons: dataset.neurons,
    sessions: dataset.sessions.map((session) => {
      const columns: number[] = [];
      session.present.forEach((p, i) => {
        if (p === 1) columns.push(i);
      });
      const epochCount = session.epochs.length;
      const responses: number[][][] = [];
      for (let t = 0; t < session.trialCount; t++) {
        const trial: number[][] = [];
        for (let e = 0; e < epochCount; e++) {
          const base = (t * epochCount + e) * neuronCount;
          trial.push(columns.map((c) => session.responses[base + c]!));
        }
        responses.push(trial);
      }
      return {
        id: session.id,
        order: session.order,
        condition: session.condition,
        epochs: session.epochs,
        ...(columns.length === neuronCount ? {} : { neuronIds: columns.map((c) => dataset.neurons[c]!.id) }),
        trials: {
          stimulus: Array.from(session.stimulus),
          ...(session.choice ? { choice: Array.from(session.choice) } : {}),
          ...(session.correct ? { correct: Array.from(session.correct, (v) => v === 1) } : {}),
        },
        responses,
      };
    }),
  };
  return JSON.stringify(file);
}
