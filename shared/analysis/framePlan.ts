import type { Dataset, DatasetIssue } from '../dataset/types';
import { extractFrame, neuronMoments, selectNeurons, type FrameData } from './frameData';
import { discriminations, isSignedDesign, zeroSignalTrials } from './discrimination';
import { classScatterDiagonals } from './classScatter';
import { fisherIsEstimable, trialsNeededFor } from './fisher';
import { chooseCovariance } from './levelStatistics';
import { stimulusResponsiveness } from './responsiveness';
import type { AnalysisSettings } from './settings';

/** One unit of work: a (session, epoch) pair, in session order then epoch order. */
export interface FrameKey {
  readonly sessionIndex: number;
  readonly epochIndex: number;
}

export function frameKeys(dataset: Dataset): FrameKey[] {
  return dataset.sessions.flatMap((session, sessionIndex) => session.epochs.map((_, epochIndex) => ({ sessionIndex, epochIndex })));
}

/**
 * What one frame is made of, decided once before any estimator runs: the neurons it uses (tracked in the
 * session and varying in the epoch), the warnings about the others, and whether it can be estimated at all.
 */
export interface FramePlan {
  readonly key: FrameKey;
  /** Dataset indices of the neurons the frame uses. */
  readonly neurons: Int32Array;
  readonly issues: readonly DatasetIssue[];
  /** Why the frame's population information cannot be estimated, or null when it can. */
  readonly refusal: DatasetIssue | null;
  /**
   * When the frame has more neurons than its trials support (ν ≤ N + 3) but enough for a smaller
   * population: the size whose random subsets its population measures average over; else null.
   */
  readonly subsetNeurons: number | null;
}

/**
 * The population size a frame with ν degrees of freedom can estimate and still be trusted: below ν − 4
 * (the estimator needs ν > N + 3) and with ν/N ≥ 1.3, the smallest ratio whose intervals the validation
 * covers. Below 2 there is no population to speak of.
 */
export function subsetSizeFor(dof: number): number | null {
  const size = Math.min(dof - 5, Math.floor(dof / 1.3));
  return size >= 2 ? size : null;
}

/** Where a frame is, in words: `session "day01-task", epoch "stimulus"`. */
export function frameLabel(dataset: Dataset, sessionIndex: number, epochIndex: number): string {
  const session = dataset.sessions[sessionIndex]!;
  return `session "${session.id}", epoch "${session.epochs[epochIndex]!.name}"`;
}

/**
 * The plan and the frame's responses over the neurons it uses (read out of the dataset once: the plan's
 * variance check and the estimators share the same copy).
 */
export function planFrame(dataset: Dataset, key: FrameKey, settings: AnalysisSettings, file?: string): { plan: FramePlan; frame: FrameData } {
  const { sessionIndex, epochIndex } = key;
  const session = dataset.sessions[sessionIndex]!;
  const where = frameLabel(dataset, sessionIndex, epochIndex);
  const present = Int32Array.from(dataset.neurons.keys()).filter((i) => session.present[i] === 1);
  const all = extractFrame(dataset, sessionIndex, epochIndex, present);
  const { variance } = neuronMoments(all);
  const kept = Int32Array.from(present.keys()).filter((k) => variance[k]! > 0);
  const issues: DatasetIssue[] = [...present]
    .filter((_, k) => !(variance[k]! > 0))
    .map((i) => ({
      severity: 'warning',
      code: 'constant-neuron',
      field: where,
      message: `neuron "${dataset.neurons[i]!.id}" has the same response on every trial (zero variance); left out of this frame`,
    }));
  const varying = kept.length === present.length ? all : selectNeurons(all, kept);
  const included = responsiveOnly(dataset, aboveMinRate(dataset, sessionIndex, epochIndex, varying, settings, where, issues), settings, where, issues);
  const frame = withoutSingularNoise(dataset, included, settings, where, issues);
  const { reason, subsetNeurons, dof } = populationPlan(dataset, sessionIndex, epochIndex, settings, frame.neurons.length);
  const refusal: DatasetIssue | null = reason === null ? null : { severity: 'error', code: 'frame-not-analysable', ...(file ? { file } : {}), field: '', message: reason };
  if (subsetNeurons !== null) {
    issues.push({
      severity: 'warning',
      code: 'subset-population',
      field: where,
      message: `${frame.neurons.length} neurons are more than ν = ${dof} trials' degrees of freedom support (the estimator needs ν > N + 3): population measures here are the mean over random subsets of ${subsetNeurons} neurons, without intervals; more trials would let the whole population be estimated`,
    });
  }
  return { plan: { key, neurons: frame.neurons, issues, refusal, subsetNeurons }, frame };
}

/**
 * Neurons whose noise variance is zero where the frame's covariance is estimated — on every zero-signal
 * trial (zero-signal covariance), or within both classes of a discrimination (pooled) — make Σ̂ singular
 * and stopped the whole analysis. They are left out of the frame, each named in a warning, as neurons that
 * never vary are. The covariance mode depends on N, so it is chosen again for the neurons that remain.
 */
function withoutSingularNoise(dataset: Dataset, frame: FrameData, settings: AnalysisSettings, where: string, issues: DatasetIssue[]): FrameData {
  const levels = discriminations(frame.stimulus, settings);
  if (levels.length === 0 || frame.neurons.length === 0) return frame;
  const diagonals = new Map(classScatterDiagonals(frame).map((c) => [c.value, c.diagonal]));
  const zero = zeroSignalTrials(frame.stimulus).length;
  const source = chooseCovariance(settings.covariance, isSignedDesign(frame.stimulus), zero, frame.neurons.length);
  const level = (d: { low: number; high: number }) => (d.low === -d.high ? `±${d.high}` : `${d.low} and ${d.high}`);
  const singular = (k: number): string | null => {
    // Without zero-signal trials the frame is refused later, with the number it needs.
    if (source === 'zero-signal') return (diagonals.get(0)?.[k] ?? 1) > 0 ? null : 'on the zero-signal trials';
    const flat = levels.find((d) => !(diagonals.get(d.low)![k]! + diagonals.get(d.high)![k]! > 0));
    return flat ? `within the trials of ${level(flat)}` : null;
  };
  const reasons = Array.from(frame.neurons, (_, k) => singular(k));
  if (reasons.every((r) => r === null)) return frame;
  reasons.forEach((reason, k) => {
    if (reason === null) return;
    issues.push({
      severity: 'warning',
      code: 'constant-neuron',
      field: where,
      message: `neuron "${dataset.neurons[frame.neurons[k]!]!.id}" does not vary ${reason} (zero noise variance): its noise covariance would be singular; left out of this frame`,
    });
  });
  const kept = Int32Array.from(frame.neurons.keys()).filter((k) => reasons[k] === null);
  return withoutSingularNoise(dataset, selectNeurons(frame, kept), settings, where, issues);
}

/**
 * `--min-rate`: neurons whose mean rate in the epoch window (mean count / window length) is below the
 * limit are left out of the frame, each named with its rate. Only spike counts have a rate; for other
 * responses the rule is said not to apply, once per frame.
 */
function aboveMinRate(dataset: Dataset, sessionIndex: number, epochIndex: number, frame: FrameData, settings: AnalysisSettings, where: string, issues: DatasetIssue[]): FrameData {
  if (settings.minRate === null || frame.neurons.length === 0) return frame;
  const epoch = dataset.sessions[sessionIndex]!.epochs[epochIndex]!;
  const seconds = epoch.end - epoch.start;
  if (dataset.responseUnit !== 'spikes' || !(seconds > 0)) {
    const why = dataset.responseUnit !== 'spikes' ? `the responses are ${dataset.responseUnit}, not spike counts` : 'the epoch window has no length';
    issues.push({ severity: 'warning', code: 'low-rate', field: where, message: `--min-rate not applied: ${why}` });
    return frame;
  }
  const { mean } = neuronMoments(frame);
  const low = Array.from(frame.neurons, (_, k) => mean[k]! / seconds < settings.minRate!);
  low.forEach((isLow, k) => {
    if (!isLow) return;
    const rate = mean[k]! / seconds;
    issues.push({
      severity: 'warning',
      code: 'low-rate',
      field: where,
      message: `neuron "${dataset.neurons[frame.neurons[k]!]!.id}" fires ${rate.toPrecision(3)} spikes/s here, below --min-rate ${settings.minRate}; left out of this frame`,
    });
  });
  return low.some(Boolean) ? selectNeurons(frame, Int32Array.from(frame.neurons.keys()).filter((k) => !low[k])) : frame;
}

/**
 * `--responsive ALPHA`: neurons whose response does not depend on the stimulus (one-way ANOVA across its
 * values, p ≥ ALPHA; responsiveness.ts) are left out of the frame, each named with its p.
 */
function responsiveOnly(dataset: Dataset, frame: FrameData, settings: AnalysisSettings, where: string, issues: DatasetIssue[]): FrameData {
  if (settings.responsiveAlpha === null || frame.neurons.length === 0) return frame;
  const p = stimulusResponsiveness(frame);
  const unresponsive = Array.from(p, (value) => !(value < settings.responsiveAlpha!));
  unresponsive.forEach((left, k) => {
    if (!left) return;
    issues.push({
      severity: 'warning',
      code: 'unresponsive',
      field: where,
      message: `neuron "${dataset.neurons[frame.neurons[k]!]!.id}" does not respond to the stimulus here (one-way ANOVA across its values, p = ${Number.isNaN(p[k]!) ? 'undefined' : p[k]!.toPrecision(2)} ≥ --responsive ${settings.responsiveAlpha}); left out of this frame`,
    });
  });
  return unresponsive.some(Boolean) ? selectNeurons(frame, Int32Array.from(frame.neurons.keys()).filter((k) => !unresponsive[k])) : frame;
}

/**
 * Whether a frame with `neurons` usable neurons can be estimated: `reason` says why not (null when it
 * can); `subsetNeurons` is set when only a smaller population can (subsetSizeFor its ν).
 */
export function populationPlan(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
  settings: AnalysisSettings,
  neurons: number,
): { reason: string | null; subsetNeurons: number | null; dof: number | null } {
  const session = dataset.sessions[sessionIndex]!;
  const where = frameLabel(dataset, sessionIndex, epochIndex);
  const refuse = (reason: string) => ({ reason, subsetNeurons: null, dof: null });
  if (neurons === 0) return refuse(`${where}: no neuron varies; nothing to analyse`);
  const levels = discriminations(session.stimulus, settings);
  const signed = isSignedDesign(session.stimulus);
  if (levels.length === 0) {
    const what = settings.discriminate ? `stimulus ${settings.discriminate[0]} vs ${settings.discriminate[1]}` : signed ? '±c stimulus pair' : 'pair of stimulus values';
    const values = [...new Set(session.stimulus)].sort((a, b) => a - b);
    return refuse(`${where}: ${session.trialCount} trials but no ${what} with 2 or more trials on each side; the discrimination needs trials at both values (the stimulus values here: ${values.join(', ')})`);
  }
  const zero = zeroSignalTrials(session.stimulus).length;
  const zeroSignal = chooseCovariance(settings.covariance, signed, zero, neurons) === 'zero-signal';
  const dof = zeroSignal ? zero - 1 : Math.max(...levels.map((l) => l.lowTrials.length + l.highTrials.length)) - 2;
  if (fisherIsEstimable(neurons, dof)) return { reason: null, subsetNeurons: null, dof };
  const subsetNeurons = subsetSizeFor(dof);
  if (subsetNeurons !== null) return { reason: null, subsetNeurons, dof };
  return refuse(
    zeroSignal
      ? `${where}: too few zero-signal trials for ${neurons} neurons — the zero-signal covariance needs ν = T0−1 > N+3, i.e. at least ${neurons + 5} zero-signal trials (or at least 8 for random subsets of fewer neurons); found ${zero} (use --covariance pooled)`
      : `${where}: too few trials for ${neurons} neurons — bias-corrected Fisher information needs ν = T1+T2−2 > N+3, i.e. at least ${trialsNeededFor(neurons)} trials at one ${signed ? '±c pair' : 'discrimination'} (or at least 9 for random subsets of fewer neurons); the most here is ${dof + 2} (of ${session.trialCount} trials)`,
  );
}
