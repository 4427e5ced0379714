import { classScatters, pooledCovariance, type ClassScatter } from './classScatter';
import { samplingOf, type FisherSampling } from './fisher';
import type { Discrimination } from './discrimination';
import type { FrameData } from './frameData';

export type CovarianceSource = 'zero-signal' | 'pooled';

/** f′ of one discrimination with the ν and g of its bias correction (all but the covariance). */
export interface LevelMoments {
  readonly discrimination: Discrimination;
  readonly fPrime: Float64Array;
  readonly sampling: FisherSampling;
  readonly source: CovarianceSource;
}

/** f′ and the noise covariance Σ̂ (n×n) of one discrimination, with the ν and g of its bias correction. */
export interface LevelStatistics extends LevelMoments {
  readonly covariance: Float64Array;
}

/**
 * Zero-signal covariance when asked, or (auto) when ν = T0 − 1 ≥ N + 4, as the study required:
 * f′ and Σ̂ then come from different trials and are independent. Otherwise pooled within-class.
 */
export function chooseCovariance(
  mode: 'auto' | 'zero-signal' | 'pooled',
  signedDesign: boolean,
  zeroTrials: number,
  neurons: number,
): CovarianceSource {
  if (mode === 'pooled' || !signedDesign) return 'pooled';
  if (mode === 'zero-signal') return 'zero-signal';
  return zeroTrials - 1 >= neurons + 4 ? 'zero-signal' : 'pooled';
}

function mean(values: Float64Array, row: number, trials: readonly number[]): number {
  let sum = 0;
  for (const t of trials) sum += values[row + t]!;
  return sum / trials.length;
}

export function levelMoments(frame: FrameData, levels: readonly Discrimination[], source: CovarianceSource, zeroTrials: readonly number[]): LevelMoments[] {
  const n = frame.neurons.length;
  const m = frame.trials;
  return levels.map((discrimination) => {
    const { lowTrials, highTrials, ds } = discrimination;
    const fPrime = new Float64Array(n);
    for (let k = 0; k < n; k++) fPrime[k] = (mean(frame.values, k * m, highTrials) - mean(frame.values, k * m, lowTrials)) / ds;
    const pooled = samplingOf(lowTrials.length, highTrials.length, ds);
    const sampling = source === 'zero-signal' ? { dof: zeroTrials.length - 1, g: pooled.g } : pooled;
    return { discrimination, fPrime, sampling, source };
  });
}

export function levelStatistics(
  frame: FrameData,
  levels: readonly Discrimination[],
  source: CovarianceSource,
  zeroTrials: readonly number[],
  scatters: readonly ClassScatter[] = classScatters(frame),
): LevelStatistics[] {
  return withCovariances(levelMoments(frame, levels, source, zeroTrials), scatters, frame.neurons.length, zeroTrials.length);
}

/**
 * Each level's moments with its noise covariance from these scatters: the zero-signal one, S_0/(T0 − 1),
 * shared by every level, or the level's pooled (S_low + S_high)/ν. The trial-shuffle null calls this
 * with each shuffle's scatters: a shuffle within stimulus values leaves the moments as they are.
 */
export function withCovariances(moments: readonly LevelMoments[], scatters: readonly ClassScatter[], n: number, zeroTrialCount: number): LevelStatistics[] {
  const zeroCovariance = moments[0]?.source === 'zero-signal' ? pooledCovariance(scatters, [0], n, zeroTrialCount - 1) : null;
  return moments.map((level) => {
    const { discrimination, fPrime, sampling, source } = level;
    const covariance = zeroCovariance ?? pooledCovariance(scatters, [discrimination.low, discrimination.high], n, sampling.dof);
    return { discrimination, fPrime, sampling, source, covariance };
  });
}
