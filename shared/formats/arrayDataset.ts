import type { Dataset, DatasetIssue, Session } from '../dataset/types';
import { failureIn, type Failure } from '../dataset/datasetError';
import type { AxisName, DatasetMapping } from './mapping';
import { sessionLabels } from './mapping';
import { describeVariable, type NumericVariable, type TextVariable, type Variable, type VariableInfo } from './variables';

/**
 * Named arrays (NumPy .npz or a folder of .npy, MATLAB v5 / v7.3) → a Dataset. The response is one
 * numeric array whose axes are neuron, trial and optionally condition, epoch and session. Which axis is
 * which comes from the mapping, or from sizes that match the other variables when that is unambiguous:
 * a per-trial stimulus (or choice) vector marks the trial axis; in a 3-D array a stimulus vector marks
 * the condition axis (e.g. a 12-long `orientations`). When sizes cannot decide, the reader asks (an
 * error that names the candidates; the dataset dialog then shows the axis selectors).
 */
export interface ArrayOpened {
  readonly dataset: Dataset;
  readonly warnings: DatasetIssue[];
  readonly variables: VariableInfo[];
  /** The mapping as applied (detected fields filled in), for the dialog and presets. */
  readonly detected: Partial<DatasetMapping>;
}

export interface ArraySource {
  readonly file: string;
  readonly name: string;
  readonly source: string;
  readonly index: number;
}

const RESPONSE_NAMES = /^(resp|response|responses|rates?|counts?|spike_?counts?|activity|data|dff|f|spks|x)$/i;
const STIMULUS_NAMES = /(stim|orient|contrast|signal|coh|direction|condition|theta|angle|ori)/i;
const CHOICE_NAMES = /(choice|decision|chosen)/i;
const SESSION_CONDITION_NAMES = /^(condition|conditions|context|task|session_condition)s?$/i;
const EPOCH_NAMES = /^epoch(s|_names)?$/i;

/** A vector is an array with at most one dimension longer than 1 (MATLAB's 1×n and n×1 included). */
function vectorLength(variable: Variable): number | null {
  const long = variable.shape.filter((n) => n > 1);
  if (long.length > 1) return null;
  return variable.shape.reduce((a, b) => a * b, 1);
}

export function arrayDataset(variables: readonly Variable[], mapping: DatasetMapping, source: ArraySource): ArrayOpened {
  const { file } = source;
  const fail: Failure = failureIn(file);
  const warnings: DatasetIssue[] = [];
  const warn = (field: string, message: string) => warnings.push({ severity: 'warning', file, field, message });
  const numeric = variables.filter((v): v is NumericVariable => v.kind === 'numeric');
  const byName = (name: string) => variables.find((v) => v.name === name) ?? fail(name, `is not a variable of this file; it holds ${variables.map((v) => v.name).join(', ')}`);
  const listing = () => numeric.map((v) => `${v.name} (${v.shape.join('×')})`).join(', ');

  // The response: named in the mapping, else a response-like name, else the largest array of ≥ 2 dims.
  const arrays = numeric.filter((v) => v.shape.filter((n) => n > 1).length >= 2);
  const response = (mapping.response ? byName(mapping.response) : (arrays.find((v) => RESPONSE_NAMES.test(v.name)) ?? [...arrays].sort((a, b) => b.values.length - a.values.length)[0])) ??
    fail('(variables)', `has no array of 2 or more dimensions to use as the responses; it holds ${listing() || 'no numeric arrays'}`);
  if (response.kind !== 'numeric') fail(response.name, 'holds text, not numbers; choose a numeric response variable');
  const shape = response.shape;

  const vectors = numeric.filter((v) => v !== response && vectorLength(v) !== null && vectorLength(v)! > 1);
  const stimulus = (mapping.stimulus ? byName(mapping.stimulus) : vectors.find((v) => STIMULUS_NAMES.test(v.name) && shape.includes(vectorLength(v)!))) ??
    fail('stimulus', `no stimulus variable found (a vector named like stimulus/orientation/contrast whose length matches an axis of ${response.name} (${shape.join('×')})); choose one in the dataset dialog or with --stimulus VARIABLE`);
  if (stimulus.kind !== 'numeric') fail(stimulus.name, 'holds text; the stimulus must be numeric (signed signal strength, orientation, …)');
  const stimulusLength = vectorLength(stimulus) ?? fail(stimulus.name, `must be a vector, found shape (${stimulus.shape.join('×')})`);
  const choice = mapping.choice === null ? null : mapping.choice ? byName(mapping.choice) : (vectors.find((v) => CHOICE_NAMES.test(v.name)) ?? null);
  const choiceLength = choice ? vectorLength(choice) : null;

  const axes = mapping.axes ?? inferAxes(shape, stimulusLength, choiceLength, response.name, fail);
  checkAxes(axes, shape, response.name, fail);
  const axis = (name: AxisName) => axes.indexOf(name);
  const size = (name: AxisName) => (axis(name) >= 0 ? shape[axis(name)]! : 1);
  const [neurons, trials, conditions, epochs, sessions] = (['neuron', 'trial', 'condition', 'epoch', 'session'] as const).map(size) as [number, number, number, number, number];
  const stimulusAxis: AxisName = axis('condition') >= 0 ? 'condition' : 'trial';
  if (stimulusLength !== size(stimulusAxis)) {
    fail(stimulus.name, `has ${stimulusLength} values but the ${stimulusAxis} axis of ${response.name} has ${size(stimulusAxis)}`);
  }
  const choiceUsable = choice !== null && choice.kind === 'numeric' && axis('condition') < 0 && choiceLength === trials;
  if (choice && !choiceUsable) warn(choice.name, `not used as the choice: it must be a numeric vector with one value per trial (${trials}) and the response must have no condition axis`);

  // Strides of the response in C order, so any axis order is gathered directly.
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  const stride = (name: AxisName) => (axis(name) >= 0 ? strides[axis(name)]! : 0);
  const [sN, sT, sC, sE, sS] = (['neuron', 'trial', 'condition', 'epoch', 'session'] as const).map(stride) as [number, number, number, number, number];

  const epochNames = epochLabels(variables, epochs);
  const sessionConditions = variables.find((v): v is TextVariable => v.kind === 'text' && SESSION_CONDITION_NAMES.test(v.name) && v.values.length === sessions);
  const built: Session[] = [];
  let droppedTrials = 0;
  let withoutStimulus = 0;
  let keptTrials = 0;
  const stimulusOf = (t: number, c: number) => stimulus.values[stimulusAxis === 'condition' ? c : t]!;
  for (let s = 0; s < sessions; s++) {
    // Trials are (trial, condition) pairs; NaN padding (unequal trial counts per condition) is dropped, and
    // so are trials without a stimulus value (NaN), which belong to no discrimination.
    const kept: { t: number; c: number }[] = [];
    for (let c = 0; c < conditions; c++) {
      for (let t = 0; t < trials; t++) {
        let nan = 0;
        for (let e = 0; e < epochs; e++) for (let n = 0; n < neurons; n++) if (Number.isNaN(response.values[s * sS + c * sC + t * sT + e * sE + n * sN]!)) nan++;
        if (nan === epochs * neurons) droppedTrials++;
        else if (!Number.isFinite(stimulusOf(t, c))) withoutStimulus++;
        else if (nan > 0) fail(response.name, `trial ${t + 1}${conditions > 1 ? `, condition ${c + 1}` : ''}${sessions > 1 ? `, session ${s + 1}` : ''} has NaN for some neurons only; a trial needs a response from every neuron (all-NaN trials are read as padding)`);
        else kept.push({ t, c });
      }
    }
    keptTrials += kept.length;
    const responses = new Float32Array(kept.length * epochs * neurons);
    kept.forEach(({ t, c }, k) => {
      for (let e = 0; e < epochs; e++) for (let n = 0; n < neurons; n++) responses[(k * epochs + e) * neurons + n] = response.values[s * sS + c * sC + t * sT + e * sE + n * sN]!;
    });
    const labels = sessionLabels(mapping, source.source, source.index + s);
    built.push({
      id: sessions > 1 ? `${source.name} session ${s + 1}` : source.name,
      order: sessions > 1 ? s + 1 : labels.order,
      condition: sessionConditions?.values[s] ?? labels.condition,
      epochs: epochNames.map((name, e) => ({ name, start: e, end: e + 1 })),
      trialCount: kept.length,
      stimulus: Float64Array.from(kept, ({ t, c }) => stimulusOf(t, c)),
      choice: choiceUsable ? Uint8Array.from(kept, ({ t }) => (choice.values[t]! > 0 ? 1 : 0)) : null,
      correct: null,
      present: new Uint8Array(neurons).fill(1),
      responses,
    });
  }
  if (droppedTrials > 0) warn(response.name, `${droppedTrials} all-NaN trial(s) read as padding and left out`);
  if (withoutStimulus > 0 && keptTrials === 0) fail(stimulus.name, `has no value (NaN) for any of the ${withoutStimulus} trials; every trial needs a stimulus value`, 'missing-stimulus');
  if (withoutStimulus > 0) {
    warnings.push({ severity: 'warning', code: 'missing-stimulus', file, field: stimulus.name, message: `${withoutStimulus} of ${withoutStimulus + keptTrials} trials have no stimulus value (NaN) and are left out` });
  }
  const detected: Partial<DatasetMapping> = { response: response.name, axes: [...axes], stimulus: stimulus.name, choice: choiceUsable ? choice.name : null };
  if (!mapping.axes) warn(response.name, `axes read as ${axes.join(' × ')} (${shape.join(' × ')}); change them in the dataset dialog or with --axes`);
  const dataset: Dataset = {
    name: source.name,
    responseUnit: 'response',
    stimulusUnit: '',
    matching: 'identity',
    neurons: Array.from({ length: neurons }, (_, n) => ({ id: `neuron ${n + 1}` })),
    sessions: built,
  };
  return { dataset, warnings, variables: variables.map(describeVariable), detected };
}

function epochLabels(variables: readonly Variable[], epochs: number): string[] {
  const named = variables.find((v): v is TextVariable => v.kind === 'text' && EPOCH_NAMES.test(v.name) && v.values.length === epochs);
  return named ? [...named.values] : Array.from({ length: epochs }, (_, e) => (epochs === 1 ? 'response' : `epoch ${e + 1}`));
}


/** Axis names from sizes, only where they decide (see the module comment). */
export function inferAxes(shape: readonly number[], stimulusLength: number, choiceLength: number | null, name: string, fail: Failure): AxisName[] {
  const ask = (why: string): never =>
    fail(name, `axes of (${shape.join(' × ')}) are ambiguous: ${why}; say which axis is which in the dataset dialog or with --axes (e.g. --axes neuron,trial${shape.length > 2 ? ',condition' : ''})`);
  const matching = (length: number | null) => (length === null ? [] : shape.flatMap((n, k) => (n === length ? [k] : [])));
  if (shape.length === 2) {
    const trial = matching(stimulusLength);
    if (trial.length !== 1) ask(`the stimulus has ${stimulusLength} values, which ${trial.length === 0 ? 'matches no axis' : 'matches both axes'}`);
    return shape.map((_, k) => (k === trial[0] ? 'trial' : 'neuron'));
  }
  if (shape.length === 3) {
    const condition = matching(stimulusLength);
    if (condition.length !== 1) ask(`the stimulus has ${stimulusLength} values, which matches ${condition.length === 0 ? 'no axis' : 'more than one axis'}`);
    const trial = matching(choiceLength).filter((k) => k !== condition[0]);
    if (trial.length !== 1) ask(`the stimulus marks axis ${condition[0]! + 1} as the condition axis, but nothing tells the neuron axis from the trial axis`);
    return shape.map((_, k) => (k === condition[0] ? 'condition' : k === trial[0] ? 'trial' : 'neuron'));
  }
  return ask(`a ${shape.length}-dimensional response needs its axes named`);
}

function checkAxes(axes: readonly AxisName[], shape: readonly number[], name: string, fail: Failure): void {
  if (axes.length !== shape.length) fail(name, `has ${shape.length} axes (${shape.join(' × ')}) but the mapping names ${axes.length} (${axes.join(', ')})`);
  if (new Set(axes).size !== axes.length) fail(name, `the mapping names an axis twice (${axes.join(', ')})`);
  if (!axes.includes('neuron') || !axes.includes('trial')) fail(name, `the axes must include neuron and trial (mapping: ${axes.join(', ')})`);
}
