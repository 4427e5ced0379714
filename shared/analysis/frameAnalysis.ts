import type { Dataset, DatasetIssue } from '../dataset/types';
import { DatasetError } from '../dataset/datasetError';
import { seededRandom } from '../random/seededRandom';
import { neuronMoments, type FrameData } from './frameData';
import { frameLabel, planFrame, type FramePlan } from './framePlan';
import { differentialCorrelationSummary, fisherZMean, type DifferentialCorrelationSummary } from './correlation';
import { fisherIsEstimable } from './fisher';
import type { CovarianceSource } from './levelStatistics';
import { frameModel, type FrameModel } from './frameModel';
import { pairBlock, pairBlockAsync, pairInput, type PairBlockRequest, type PairBlockResult, type PairInput } from './pairBlock';
import { centredClasses, type ClassScatter } from './classScatter';
import { fixedSizeMeasures, subsetPopulation, type FixedSizeMeasures } from './resampling';
import { populationIntervals, type PopulationIntervals } from './populationIntervals';
import type { Accelerator } from './accelerator';
import { populationFisher, populationSystems, type LevelResult, type PopulationEstimate } from './populationFisher';
import { neuronInformation } from './pairwiseRedundancy';
import { choiceProbabilities } from './choiceProbability';
import { stimulusResponsiveness } from './responsiveness';
import { decoderChecks, type DecoderChecks } from './decoders';
import { channelInformation, gaussianMutualInformation, mmiRedundancy, stimulusVariance } from './information';
import { benjaminiHochberg, deriveSeed, permutationP } from './stats';
import { pairCount, pairIndex } from './pairIndex';
import type { AnalysisSettings } from './settings';

export type { LevelResult } from './populationFisher';
export type { FixedSizeMeasures } from './resampling';
export type { ConfidenceInterval, PopulationIntervals } from './populationIntervals';

export interface PopulationMeasures extends PopulationEstimate {
  readonly meanNoiseCorrelation: number | null;
}

export interface RelevanceGroups {
  readonly high: PopulationEstimate | null;
  readonly low: PopulationEstimate | null;
  readonly highNeurons: number;
  readonly lowNeurons: number;
}

/** Everything computed for one (session, epoch). Arrays span all dataset neurons; `used` masks them. */
export interface FrameAnalysis {
  readonly sessionIndex: number;
  readonly epochIndex: number;
  readonly session: string;
  readonly condition: string;
  readonly order: number;
  readonly epoch: string;
  readonly trials: number;
  readonly neuronsUsed: number;
  readonly used: Uint8Array;
  readonly covariance: CovarianceSource;
  readonly levels: readonly LevelResult[];
  readonly population: PopulationMeasures;
  readonly intervals: PopulationIntervals | null;
  readonly fixedSize: FixedSizeMeasures | null;
  /** I_diag and a cross-validated logistic decoder's information beside I_bc (decoders.ts); null when not asked (decoderFolds 0). */
  readonly decoders: DecoderChecks | null;
  readonly relevance: RelevanceGroups | null;
  readonly differential: DifferentialCorrelationSummary | null;
  readonly meanSignalCorrelation: number | null;
  /** Bias-corrected single-neuron information, inverse-variance combined over levels. */
  readonly neuronFisher: Float64Array;
  readonly neuronMeanResponse: Float64Array;
  /** Each neuron's responsiveness p (one-way ANOVA across stimulus values; responsiveness.ts), NaN where untested or unused. */
  readonly neuronResponsiveP: Float64Array;
  /** Grand CP, trial-weighted per-condition CP and permutation p; null without choices. */
  readonly neuronChoiceProbability: Float64Array | null;
  readonly neuronChoiceProbabilityWeighted: Float64Array | null;
  readonly neuronChoiceProbabilityP: Float64Array | null;
  /** Which trials the CPs are of: the zero-signal ones when the frame has them with both choices (the study's choice), else every condition. */
  readonly choiceProbabilityTrials: 'zero-signal' | 'all conditions' | null;
  /** Upper-triangle pair arrays (see pairIndex); 0 where a neuron is not used. */
  readonly pairNoiseCorrelation: Float32Array;
  readonly pairSignalCorrelation: Float32Array | null;
  readonly pairRedundancy: Float32Array;
  readonly pairMutualInformation: Float32Array;
  readonly pairMmiRedundancy: Float32Array;
  /** Standard error of each pair's redundancy (delta method; its 95% interval is ± Z_95 of it); null without intervals, NaN where undefined. */
  readonly pairRedundancyError: Float32Array | null;
  /** Trial-shuffle null p-values (redundancy; noise correlation, which also serves the noise MI) and BH calls. */
  readonly pairRedundancyP: Float32Array | null;
  readonly pairNoiseCorrelationP: Float32Array | null;
  readonly pairSignificant: Uint8Array | null;
  readonly issues: readonly DatasetIssue[];
}

/** Cross-frame context: chosen before the frames so each frame can run on its own (in any worker). */
export interface FrameContext {
  /** Population size for comparisons across sessions, or null to skip. */
  readonly fixedNeurons: number | null;
  /** Dataset neurons in the high-relevance half (1) — null when relevance is not computed. */
  readonly highRelevance: Uint8Array | null;
}

/** Random subsets a frame with too many neurons for its trials averages over, at least (more with --subsets). */
const SUBSET_MINIMUM = 50;

export const NO_CONTEXT: FrameContext = { fixedNeurons: null, highRelevance: null };

/** A frame's measures without its pairs (the frame unit of a sharded run); FramePairs and assembleFrame complete it. */
export type FrameMeasures = Omit<
  FrameAnalysis,
  | 'pairNoiseCorrelation'
  | 'pairSignalCorrelation'
  | 'pairRedundancy'
  | 'pairMutualInformation'
  | 'pairMmiRedundancy'
  | 'pairRedundancyError'
  | 'pairRedundancyP'
  | 'pairNoiseCorrelationP'
  | 'pairSignificant'
  | 'population'
  | 'meanSignalCorrelation'
> & {
  readonly population: PopulationEstimate;
  /** σ_s² of the stimulus over the frame's trials (the pairs' MMI redundancy reads it). */
  readonly stimulusVariance: number;
}

/** Every pair of a frame in its own positions (pairIndex order over neuronsUsed), joined from its pair blocks (joinPairBlocks). */
export interface FramePairs {
  readonly noiseCorrelation: Float64Array;
  readonly signalCorrelation: Float64Array | null;
  readonly redundancy: Float64Array;
  readonly redundancyError: Float64Array | null;
  /** Shuffles whose |null| reached each pair's |value|, over all `shuffles` of the frame; null without shuffles. */
  readonly redundancyExtreme: Uint32Array | null;
  readonly noiseExtreme: Uint32Array | null;
  readonly shuffles: number;
}

/**
 * Every measure of one frame. `planned` is the frame's plan with its responses (planFrame), made once by
 * the engine, and the file the dataset came from, named in every issue (the engine passes each job's
 * file); standalone callers (tests) may leave it out. The whole frame's pairs are the one block of all
 * rows and all shuffles, as a sharded run computes them in pieces.
 */
export function analyzeFrame(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
  settings: AnalysisSettings,
  context: FrameContext = NO_CONTEXT,
  planned: { plan: FramePlan; frame: FrameData; file?: string } = planFrame(dataset, { sessionIndex, epochIndex }, settings),
): FrameAnalysis {
  const measured = frameMeasures(dataset, sessionIndex, epochIndex, settings, context, planned);
  const { block, finish } = wholeFrame(dataset, { sessionIndex, epochIndex }, settings, planned, measured);
  return finish(block ? [pairBlock(...block)] : []);
}

/**
 * analyzeFrame on an accelerator (the GPU backend): the observed covariances and the population's solves
 * there (frameMeasuresAsync, both to near-f64 accuracy), the trial-shuffle null's products in batches by
 * its crossProductBatch (pairBlockAsync); the pairs' observed statistics from those covariances.
 */
export async function analyzeFrameAsync(
  dataset: Dataset,
  key: { sessionIndex: number; epochIndex: number },
  settings: AnalysisSettings,
  context: FrameContext,
  planned: { plan: FramePlan; frame: FrameData; file?: string },
  accelerator: Accelerator,
): Promise<FrameAnalysis> {
  const measured = await frameMeasuresAsync(dataset, key.sessionIndex, key.epochIndex, settings, context, planned, accelerator);
  const { block, finish } = wholeFrame(dataset, key, settings, planned, measured);
  return finish(block ? [await pairBlockAsync(...block, accelerator.crossProductBatch)] : []);
}

/**
 * The arguments of a frame's one pair block of all rows and shuffles (null for a frame of
 * one neuron, which has no pairs and no block, as a sharded run plans none for it), and how the frame is
 * put together from the block.
 */
function wholeFrame(
  dataset: Dataset,
  { sessionIndex, epochIndex }: { sessionIndex: number; epochIndex: number },
  settings: AnalysisSettings,
  planned: { plan: FramePlan; frame: FrameData; file?: string },
  { measures, model }: { measures: FrameMeasures; model: FrameModel },
): { block: [PairInput, PairBlockRequest, readonly ClassScatter[]] | null; finish: (blocks: PairBlockResult[]) => FrameAnalysis } {
  const n = measures.neuronsUsed;
  const block: [PairInput, PairBlockRequest, readonly ClassScatter[]] | null =
    n > 1 ? [pairInput(planned.frame, settings, frameSeed(settings, sessionIndex, epochIndex), model.source), pairRequest(settings, n, [0, n], [0, settings.shuffles]), model.scatters] : null;
  return { block, finish: (blocks) => assembleFrame(measures, joinPairBlocks(n, blocks, settings.shuffles), dataset.neurons.length, settings) };
}

/** The seed of a frame's random draws: results do not depend on which worker, or which shard, ran it. */
export function frameSeed(settings: AnalysisSettings, sessionIndex: number, epochIndex: number): number {
  return deriveSeed(settings.seed, sessionIndex, epochIndex);
}

/** What a pair block of these rows and shuffles computes under the settings. */
export function pairRequest(settings: AnalysisSettings, n: number, rows: readonly [number, number], shuffles: readonly [number, number]): PairBlockRequest {
  return { rows, shuffles: n > 1 && settings.shuffles > 0 ? shuffles : [0, 0], values: shuffles[0] === 0, standardErrors: settings.intervalDraws > 0 };
}

/**
 * frameMeasures on an accelerator: the model first — its class scatters (the observed covariances)
 * computed there where it can to near-f64 accuracy — then its levels' systems solved there, then the
 * rest as on the CPU. A frame that subsets its neurons, or is refused, runs as frameMeasures.
 */
export async function frameMeasuresAsync(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
  settings: AnalysisSettings,
  context: FrameContext,
  planned: { plan: FramePlan; frame: FrameData; file?: string },
  accelerator: Pick<Accelerator, 'quadraticForms' | 'crossProductPrecise'>,
): Promise<{ measures: FrameMeasures; model: FrameModel }> {
  if (planned.plan.refusal !== null || planned.plan.subsetNeurons !== null) return frameMeasures(dataset, sessionIndex, epochIndex, settings, context, planned);
  const n = planned.plan.neurons.length;
  const precise = accelerator.crossProductPrecise;
  const scatters = precise
    ? await Promise.all(centredClasses(planned.frame).map(async ({ value, trials, centred }) => ({ value, trials, scatter: await precise(centred, n, trials.length) })))
    : undefined;
  const model = frameModel(planned.frame, settings, undefined, scatters);
  const systems = populationSystems(model.levels, n);
  const naiveForms = new Array<number | null>(model.levels.length).fill(null);
  if (systems.length > 0) {
    const { values } = await accelerator.quadraticForms(systems, n);
    systems.forEach((system, s) => (naiveForms[system.level] = values[s]!));
  }
  return frameMeasures(dataset, sessionIndex, epochIndex, settings, context, planned, { model, naiveForms });
}

/**
 * A frame's measures without its pairs (the frame unit of a sharded run), with the model they were
 * computed from. `prepared` is that model with its population solves already done (frameMeasuresAsync).
 */
export function frameMeasures(
  dataset: Dataset,
  sessionIndex: number,
  epochIndex: number,
  settings: AnalysisSettings,
  context: FrameContext,
  planned: { plan: FramePlan; frame: FrameData; file?: string },
  prepared: { model: FrameModel; naiveForms: readonly (number | null)[] } | null = null,
): { measures: FrameMeasures; model: FrameModel } {
  const { file } = planned;
  const named = (issue: DatasetIssue): DatasetIssue => (file === undefined || issue.file !== undefined ? issue : { ...issue, file });
  const session = dataset.sessions[sessionIndex]!;
  const totalNeurons = dataset.neurons.length;
  const { plan, frame } = planned;
  if (plan.refusal !== null) throw new DatasetError([named(plan.refusal)]);
  const neurons = plan.neurons;
  const issues = [...plan.issues];
  const n = neurons.length;
  const where = frameLabel(dataset, sessionIndex, epochIndex);
  const random = seededRandom(frameSeed(settings, sessionIndex, epochIndex));

  const model = prepared?.model ?? frameModel(frame, settings);
  // Too many neurons for the trials (plan.subsetNeurons): the population is the mean over random subsets.
  const estimate =
    plan.subsetNeurons === null
      ? populationFisher(model.levels, n, null, prepared?.naiveForms ?? null)
      : { ...subsetPopulation(model, n, plan.subsetNeurons, Math.max(settings.subsets, SUBSET_MINIMUM), random), detail: null };
  if (estimate.population === null) {
    throw new DatasetError([named({ severity: 'error', field: where, message: 'no discrimination gave a usable (non-singular) noise covariance' })]);
  }
  for (const level of estimate.levels) {
    if (level.fisher !== null || plan.subsetNeurons !== null) continue;
    issues.push(
      fisherIsEstimable(n, level.dof)
        ? { severity: 'warning', code: 'level-dropped', field: where, message: `noise covariance at ${level.label} is singular (perfectly dependent neurons?); level left out` }
        : {
            severity: 'warning',
            code: 'level-dropped',
            field: where,
            message: `discrimination ${level.label} left out: its covariance has ν = ${level.dof} degrees of freedom, and ${n} neurons need ν > N + 3 = ${n + 3} (${level.trialsMinus} + ${level.trialsPlus} trials)`,
          },
    );
  }
  if (n === 1) {
    issues.push({ severity: 'warning', code: 'single-neuron', field: where, message: 'only one neuron: pairwise measures (correlations, redundancy) are impossible; single-neuron measures only' });
  }
  for (const { neuron, stimulus } of constantWithinValues(model)) {
    issues.push({
      severity: 'warning',
      field: where,
      message: `neuron "${dataset.neurons[neurons[neuron]!]!.id}" does not vary on trials with stimulus ${stimulus}; its noise correlations leave those trials out`,
    });
  }
  const single = neuronInformation(model.levels, n);
  const intervals = settings.intervalDraws > 0 && estimate.detail ? populationIntervals(model, estimate.population, estimate.detail, random, settings.intervalDraws) : null;
  const decoders = settings.decoderFolds > 0 && estimate.detail ? decoderChecks(frame, model.levels, estimate.detail, settings.decoderFolds) : null;
  const fixedSize = fixedSizeMeasures(model, n, context.fixedNeurons, settings, random, issues, where, intervals);

  // Relevance halves, fixed for the whole dataset (see taskRelevance), estimated within this frame.
  let relevance: RelevanceGroups | null = null;
  if (context.highRelevance) {
    const high = Int32Array.from(neurons.keys()).filter((k) => context.highRelevance![neurons[k]!] === 1);
    const low = Int32Array.from(neurons.keys()).filter((k) => context.highRelevance![neurons[k]!] === 0);
    relevance = {
      high: high.length > 0 ? populationFisher(model.levels, n, high).population : null,
      low: low.length > 0 ? populationFisher(model.levels, n, low).population : null,
      highNeurons: high.length,
      lowNeurons: low.length,
    };
  }

  // Choice probabilities where the session has choices; preferred choice = the sign of f′.
  let cp: { grand: Float64Array; weighted: Float64Array; p: Float64Array | null } | null = null;
  let cpTrials: FrameAnalysis['choiceProbabilityTrials'] = null;
  if (session.choice) {
    const meanSlope = new Float64Array(n);
    for (const level of model.levels) for (let k = 0; k < n; k++) meanSlope[k]! += level.fPrime[k]!;
    const preferred = Uint8Array.from(meanSlope, (s) => (s >= 0 ? 1 : 0));
    // The study's choice: zero-signal trials, where the stimulus cannot drive the choice — when there are
    // at least 5 of each choice among them; otherwise every condition (per-condition ROCs pooled).
    const ones = model.zeroTrials.filter((t) => session.choice![t] === 1).length;
    const zeroOnly = ones >= 5 && model.zeroTrials.length - ones >= 5;
    const result = choiceProbabilities(frame.values, n, frame.trials, frame.stimulus, session.choice, preferred, settings.permutations, random, zeroOnly ? (value) => value === 0 : null);
    if ('reason' in result) issues.push({ severity: 'warning', field: where, message: result.reason });
    else {
      cp = result;
      cpTrials = zeroOnly ? 'zero-signal' : 'all conditions';
    }
  }

  const { mean } = neuronMoments(frame);
  const sigmaS = stimulusVariance(frame.stimulus);
  const used = new Uint8Array(totalNeurons);
  const global = <T extends Float64Array>(local: ArrayLike<number>, make: (size: number) => T): T => {
    const out = make(totalNeurons);
    for (let k = 0; k < n; k++) out[neurons[k]!] = local[k]!;
    return out;
  };
  neurons.forEach((i) => (used[i] = 1));
  const measures: FrameMeasures = {
    sessionIndex,
    epochIndex,
    session: session.id,
    condition: session.condition,
    order: session.order,
    epoch: session.epochs[epochIndex]!.name,
    trials: session.trialCount,
    neuronsUsed: n,
    used,
    covariance: model.source,
    stimulusVariance: sigmaS,
    levels: estimate.levels,
    population: estimate.population,
    intervals,
    fixedSize,
    decoders,
    relevance,
    differential: differentialCorrelationSummary(frame),
    neuronFisher: global(single, (s) => new Float64Array(s)),
    neuronMeanResponse: global(mean, (s) => new Float64Array(s)),
    neuronResponsiveP: global(stimulusResponsiveness(frame), (s) => new Float64Array(s).fill(Number.NaN)),
    neuronChoiceProbability: cp ? global(cp.grand, (s) => new Float64Array(s)) : null,
    neuronChoiceProbabilityWeighted: cp ? global(cp.weighted, (s) => new Float64Array(s)) : null,
    neuronChoiceProbabilityP: cp?.p ? global(cp.p, (s) => new Float64Array(s).fill(1)) : null,
    choiceProbabilityTrials: cpTrials,
    issues: issues.map(named),
  };
  return { measures, model };
}

/** (position, stimulus value) where a neuron does not vary within a value: its z-scores there are set to 0. */
function constantWithinValues(model: FrameModel): { neuron: number; stimulus: number }[] {
  const n = model.frame.neurons.length;
  const out: { neuron: number; stimulus: number }[] = [];
  for (const { value, trials, scatter } of model.scatters) {
    if (trials.length < 2) continue;
    for (let k = 0; k < n; k++) if (!(scatter[k * n + k]! / (trials.length - 1) > 0)) out.push({ neuron: k, stimulus: value });
  }
  return out;
}

/** A frame's pair blocks joined in row order (their shuffle blocks' counts added); the blocks must cover every row and shuffle once. */
export function joinPairBlocks(n: number, blocks: readonly PairBlockResult[], shuffles: number): FramePairs {
  const P = pairCount(n);
  const withValues = blocks.filter((b) => b.noiseCorrelation !== null).sort((a, b) => a.rows[0] - b.rows[0]);
  const hasSignal = withValues.some((b) => b.signalCorrelation !== null);
  const hasErrors = withValues.some((b) => b.redundancyError !== null);
  const shuffled = blocks.some((b) => b.shuffles[1] > b.shuffles[0]);
  const pairs = {
    noiseCorrelation: new Float64Array(P),
    signalCorrelation: hasSignal ? new Float64Array(P) : null,
    redundancy: new Float64Array(P),
    redundancyError: hasErrors ? new Float64Array(P) : null,
    redundancyExtreme: shuffled ? new Uint32Array(P) : null,
    noiseExtreme: shuffled ? new Uint32Array(P) : null,
    shuffles: shuffled ? shuffles : 0,
  };
  const offsetOf = (row: number) => (row >= n ? P : pairIndex(row, row + 1, n));
  for (const block of withValues) {
    const at = offsetOf(block.rows[0]);
    pairs.noiseCorrelation.set(block.noiseCorrelation!, at);
    pairs.redundancy.set(block.redundancy!, at);
    if (block.signalCorrelation) pairs.signalCorrelation!.set(block.signalCorrelation, at);
    if (block.redundancyError) pairs.redundancyError!.set(block.redundancyError, at);
  }
  for (const block of blocks) {
    if (!block.redundancyExtreme) continue;
    const at = offsetOf(block.rows[0]);
    for (let k = 0; k < block.redundancyExtreme.length; k++) {
      pairs.redundancyExtreme![at + k]! += block.redundancyExtreme[k]!;
      pairs.noiseExtreme![at + k]! += block.noiseExtreme![k]!;
    }
  }
  return pairs;
}

/**
 * A frame from its measures and its pairs: the pair arrays over all dataset neurons, the shuffle p-values
 * and their Benjamini–Hochberg calls over every pair of the frame, and the mean noise and signal
 * correlations through Fisher's z. The same for a whole-frame run and a merge of shards.
 */
export function assembleFrame(measures: FrameMeasures, pairs: FramePairs, totalNeurons: number, settings: AnalysisSettings): FrameAnalysis {
  const n = measures.neuronsUsed;
  const neurons = Int32Array.from({ length: n });
  for (let i = 0, k = 0; i < totalNeurons; i++) if (measures.used[i] === 1) neurons[k++] = i;
  const redundancyP = pairs.redundancyExtreme ? Float64Array.from(pairs.redundancyExtreme, (e) => permutationP(e, pairs.shuffles)) : null;
  const noiseP = pairs.noiseExtreme ? Float64Array.from(pairs.noiseExtreme, (e) => permutationP(e, pairs.shuffles)) : null;
  const significant = redundancyP ? benjaminiHochberg(redundancyP, settings.fdr) : null;
  const sigmaS = measures.stimulusVariance;
  const channel = Float64Array.from(neurons, (i) => channelInformation(measures.neuronFisher[i]!, sigmaS));
  const P = pairCount(totalNeurons);
  const pairNoiseCorrelation = new Float32Array(P);
  const pairSignalCorrelation = pairs.signalCorrelation ? new Float32Array(P) : null;
  const pairRedundancy = new Float32Array(P);
  const pairMutualInformation = new Float32Array(P);
  const pairMmiRedundancy = new Float32Array(P);
  const pairRedundancyP = redundancyP ? new Float32Array(P).fill(1) : null;
  const pairRedundancyError = pairs.redundancyError ? new Float32Array(P).fill(Number.NaN) : null;
  const pairNoiseCorrelationP = noiseP ? new Float32Array(P).fill(1) : null;
  const pairSignificant = significant ? new Uint8Array(P) : null;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const slot = pairIndex(i, j, n);
      const target = pairIndex(neurons[i]!, neurons[j]!, totalNeurons);
      const r = pairs.noiseCorrelation[slot]!;
      pairNoiseCorrelation[target] = r;
      pairRedundancy[target] = pairs.redundancy[slot]!;
      pairMutualInformation[target] = gaussianMutualInformation(r);
      pairMmiRedundancy[target] = mmiRedundancy(channel[i]!, channel[j]!);
      if (pairSignalCorrelation) pairSignalCorrelation[target] = pairs.signalCorrelation![slot]!;
      if (pairRedundancyP) pairRedundancyP[target] = redundancyP![slot]!;
      if (pairRedundancyError) pairRedundancyError[target] = pairs.redundancyError![slot]!;
      if (pairNoiseCorrelationP) pairNoiseCorrelationP[target] = noiseP![slot]!;
      if (pairSignificant) pairSignificant[target] = significant![slot]!;
    }
  }
  const { stimulusVariance: _omit, ...rest } = measures;
  return {
    ...rest,
    population: { ...measures.population, meanNoiseCorrelation: n > 1 ? fisherZMean(pairs.noiseCorrelation) : null },
    meanSignalCorrelation: pairs.signalCorrelation && n > 1 ? fisherZMean(pairs.signalCorrelation) : null,
    pairNoiseCorrelation,
    pairSignalCorrelation,
    pairRedundancy,
    pairMutualInformation,
    pairMmiRedundancy,
    pairRedundancyError,
    pairRedundancyP,
    pairNoiseCorrelationP,
    pairSignificant,
  };
}
