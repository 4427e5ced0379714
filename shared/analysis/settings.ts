import { z } from 'zod';

/** Every knob of the analysis, with its default; echoed into every results file. */
export interface AnalysisSettings {
  /** Recorded so a results file says which estimator produced it. */
  readonly estimator: 'linear-fisher-bias-corrected';
  /**
   * Noise covariance: from zero-signal trials (ν = T0 − 1; f′ and Σ̂ independent, the study's choice),
   * pooled within-class (ν = T1 + T2 − 2), or `auto`: zero-signal when ν = T0 − 1 ≥ N + 4, else pooled.
   */
  readonly covariance: 'auto' | 'zero-signal' | 'pooled';
  /** Signed designs: only ±c levels with |c| ≤ this enter the information (the study used 20); null = all. */
  readonly maxAbsStimulus: number | null;
  /** Other designs (e.g. 12 orientations): discriminate exactly these two stimulus values; null = every adjacent pair. */
  readonly discriminate: readonly [number, number] | null;
  /**
   * Circular stimuli (orientation: 180, direction: 360, in the stimulus's unit): the last and first values
   * are adjacent too, across the wrap (e.g. 165° and 0° of 12 orientations are 15° apart). null = a line.
   */
  readonly circularPeriod: number | null;
  /**
   * Unit inclusion (spike counts only): a neuron whose mean rate in a frame's epoch window is below this
   * many spikes per second is left out of that frame, named in a warning (the study's inclusion rule).
   */
  readonly minRate: number | null;
  /**
   * Unit inclusion: a neuron whose response does not depend on the stimulus in a frame (one-way ANOVA
   * across stimulus values, p ≥ this) is left out of that frame, named in a warning. null = keep every
   * neuron; each neuron's p is reported either way (responsiveness.ts).
   */
  readonly responsiveAlpha: number | null;
  /** Population size for comparisons across sessions; null = the smallest session's N. */
  readonly fixedNeurons: number | null;
  /** Random N-subsets averaged per frame when a frame has more than N neurons (≤ 1000). */
  readonly subsets: number;
  /**
   * Monte Carlo draws of the estimator's sampling law for the 95% intervals of the population measures
   * (populationIntervals.ts; 0 = no intervals). Draws are cheap (O(levels²) each, whatever N).
   */
  readonly intervalDraws: number;
  /**
   * Folds of the cross-validated logistic decoder checked against I (decoders.ts; 0 = no decoder checks,
   * I_diag included). Each class needs 3 trials per fold.
   */
  readonly decoderFolds: number;
  /** Trial shuffles for the null of every pairwise measure (0 = none). */
  readonly shuffles: number;
  /** Label permutations for choice probabilities and session trends. */
  readonly permutations: number;
  /** False discovery rate for calling a pair significant (Benjamini–Hochberg). */
  readonly fdr: number;
  /** Pairs written per frame when not all pairs are asked for (strongest |redundancy| first). */
  readonly topPairs: number;
  readonly allPairs: boolean;
  /** Leave out neurons that never fire instead of refusing the dataset. */
  readonly dropSilent: boolean;
  /** Drives every random draw: the same input and settings give the same output. */
  readonly seed: number;
}

/** The one set of defaults: `chorus analyze` without flags and the app's statistics pass (its Summary panel says them). */
export const DEFAULT_SETTINGS: AnalysisSettings = {
  estimator: 'linear-fisher-bias-corrected',
  covariance: 'auto',
  maxAbsStimulus: null,
  discriminate: null,
  circularPeriod: null,
  minRate: null,
  responsiveAlpha: null,
  fixedNeurons: null,
  subsets: 200,
  intervalDraws: 4000,
  decoderFolds: 5,
  shuffles: 100,
  permutations: 1000,
  fdr: 0.05,
  topPairs: 200,
  allPairs: false,
  dropSilent: false,
  seed: 1,
};

/** The fast subset: point estimates only (the app's first pass, unit tests of the estimators). */
export const POINT_ESTIMATES_ONLY: Partial<AnalysisSettings> = { subsets: 0, intervalDraws: 0, decoderFolds: 0, shuffles: 0, permutations: 0 };

export function resolveSettings(overrides: Partial<AnalysisSettings> = {}): AnalysisSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** The settings as they cross a worker boundary or come back from a results file, checked. */
export const analysisSettingsSchema = z.object({
  estimator: z.literal('linear-fisher-bias-corrected'),
  covariance: z.enum(['auto', 'zero-signal', 'pooled']),
  maxAbsStimulus: z.number().nonnegative().nullable(),
  discriminate: z.tuple([z.number(), z.number()]).readonly().nullable(),
  circularPeriod: z.number().positive().nullable(),
  minRate: z.number().nonnegative().nullable(),
  responsiveAlpha: z.number().gt(0).max(1).nullable(),
  fixedNeurons: z.number().int().nullable(),
  subsets: z.number().int().min(0).max(1000),
  intervalDraws: z.number().int().nonnegative().max(1_000_000),
  decoderFolds: z.union([z.literal(0), z.number().int().min(2).max(20)]),
  shuffles: z.number().int().nonnegative(),
  permutations: z.number().int().nonnegative(),
  fdr: z.number().gt(0).max(1),
  topPairs: z.number().int().nonnegative(),
  allPairs: z.boolean(),
  dropSilent: z.boolean(),
  seed: z.number().int(),
}) satisfies z.ZodType<AnalysisSettings>;

/**
 * What a dataset's design may need chosen before it is analysed, in the app's dataset dialog as on the
 * CLI (--discriminate, --neurons): the two stimulus values to discriminate (designs of more than two
 * unsigned values; null = every adjacent pair) and the population size compared across sessions
 * (null = the smallest session's N). Both passes of the app use them, and the results file says them.
 */
export interface AnalysisChoices {
  readonly discriminate: readonly [number, number] | null;
  readonly fixedNeurons: number | null;
}

export const NO_ANALYSIS_CHOICES: AnalysisChoices = { discriminate: null, fixedNeurons: null };

export const analysisChoicesSchema = z.object({
  discriminate: z
    .tuple([z.number(), z.number()])
    .readonly()
    .nullable()
    .refine((pair) => pair === null || pair[0] !== pair[1], 'the two stimulus values to discriminate must differ'),
  fixedNeurons: z.number().int().min(2, 'the fixed population size must be at least 2').max(1_000_000).nullable(),
}) satisfies z.ZodType<AnalysisChoices>;
