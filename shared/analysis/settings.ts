/** Every knob of the analysis, with its default; echoed into every results file. */
export interface AnalysisSettings {
  /** Recorded so a results file says which estimator produced it. */
  readonly estimator: 'linear-fisher-bias-corrected';
  /** Noise covariance: pooled within-class (ν = T1 + T2 − 2). */
  readonly covariance: 'pooled';
  /** Only ±c levels with |c| ≤ this enter the information (the study used 20); null = all. */
  readonly maxAbsStimulus: number | null;
  /** Pairs written per frame when not all pairs are asked for (strongest |redundancy| first). */
  readonly topPairs: number;
  readonly allPairs: boolean;
  /** Leave out neurons that never fire instead of refusing the dataset. */
  readonly dropSilent: boolean;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  estimator: 'linear-fisher-bias-corrected',
  covariance: 'pooled',
  maxAbsStimulus: null,
  topPairs: 200,
  allPairs: false,
  dropSilent: false,
};

export function resolveSettings(overrides: Partial<AnalysisSettings> = {}): AnalysisSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}
