import { analyzeFrame } from '../../shared/analysis/frameAnalysis';
import { resolveSettings, type AnalysisSettings } from '../../shared/analysis/settings';
import { pairRedundancy } from '../../shared/analysis/redundancy';
import { pairCount, pairIndex } from '../../shared/analysis/pairIndex';
import { Z_95 } from '../../shared/analysis/populationIntervals';
import { noiseCovariance, tuningAt } from '../../shared/simulate/population';
import { syntheticDataset, syntheticModel, syntheticTruth } from '../helpers/syntheticDataset';
import { inverseQuadraticForm } from '../../shared/analysis/linalg';
import { randomSubset } from '../../shared/analysis/resampling';
import { centralInterval } from '../../shared/analysis/stats';
import { seededRandom } from '../../shared/random/seededRandom';

/**
 * Coverage of the 95% intervals from known truth (`npm run validate`; a seeded subset in
 * test/unit/analysis/coverage.test.ts). Each regime draws Gaussian sessions from the synthetic population
 * (von Mises tuning, limited-range and differential correlations, linearised means, so I and I_shuffle
 * are exact), analyses each with Chorus's own frame analysis and counts how often each interval holds
 * the truth.
 */
export interface Regime {
  readonly label: string;
  readonly neurons: number;
  readonly trialsPerSide: number;
  readonly levels: readonly number[];
  readonly covariance: 'pooled' | 'zero-signal';
  /** Zero-signal trials (their ν = T0 − 1 is the covariance's in zero-signal mode). */
  readonly zeroSignalTrials?: number;
  /** Extra −c trials at the first level: unequal classes. */
  readonly extraMinus?: number;
  readonly epsilon: number;
}

/** N from 5 to 150, ν/N from 1.3 to 20, pooled and zero-signal covariance, 1–4 levels, equal and unequal classes. */
export const REGIMES: readonly Regime[] = [
  { label: 'N=5, ν/N=7.6, pooled, 1 level', neurons: 5, trialsPerSide: 20, levels: [2], covariance: 'pooled', epsilon: 0.5 },
  { label: 'N=20, ν/N=1.3, pooled, 2 levels, unequal', neurons: 20, trialsPerSide: 14, levels: [1.5, 3], covariance: 'pooled', extraMinus: 4, epsilon: 0.3 },
  { label: 'N=20, ν/N=1.3, zero-signal, 3 levels', neurons: 20, trialsPerSide: 20, levels: [1, 2, 3], covariance: 'zero-signal', zeroSignalTrials: 27, epsilon: 0.3 },
  { label: 'N=10, ν/N=2, zero-signal, 4 levels, unequal', neurons: 10, trialsPerSide: 15, levels: [0.5, 1, 2, 4], covariance: 'zero-signal', zeroSignalTrials: 21, extraMinus: 6, epsilon: 0.5 },
  { label: 'N=80, ν/N=5, zero-signal, 4 levels', neurons: 80, trialsPerSide: 30, levels: [1, 2, 3, 4], covariance: 'zero-signal', zeroSignalTrials: 401, epsilon: 0.1 },
  { label: 'N=50, ν/N=20, pooled, 4 levels, unequal', neurons: 50, trialsPerSide: 501, levels: [0.5, 1, 2, 4], covariance: 'pooled', extraMinus: 50, epsilon: 0.2 },
  { label: 'N=150, ν/N=1.3, pooled, 1 level', neurons: 150, trialsPerSide: 98, levels: [2], covariance: 'pooled', epsilon: 0.05 },
];

export interface CoverageRow {
  readonly regime: string;
  readonly frames: number;
  /** Share of frames whose interval holds the truth, per quantity. */
  readonly fisher: number;
  readonly fisherShuffled: number;
  readonly redundancy: number;
  /** Mean estimate − truth, relative to the truth, and the standard error of that mean (relative too). */
  readonly fisherBias: number;
  readonly fisherBiasError: number;
  /** Frames whose intervals did not all hold their own estimate (must be 0). */
  readonly missingEstimate: number;
  /** Share of (frame, pair) whose R_ij interval holds the pair's true R_ij, over every pair and over the tenth with the largest |R_ij|. */
  readonly pairs: number;
  readonly strongestPairs: number;
}

/** Every pair's true R_ij in the synthetic model (d = f′/σ and ρ of the true Σ with differential correlations ε). */
export function pairTruth(neurons: number, epsilon: number): Float64Array {
  const model = syntheticModel(neurons);
  const { mean, slope } = tuningAt(model, 45, 1);
  const sigma = noiseCovariance(model, mean, slope, epsilon);
  const truth = new Float64Array(pairCount(neurons));
  for (let i = 0; i < neurons; i++) {
    for (let j = i + 1; j < neurons; j++) {
      const [si, sj] = [Math.sqrt(sigma[i * neurons + i]!), Math.sqrt(sigma[j * neurons + j]!)];
      truth[pairIndex(i, j, neurons)] = pairRedundancy(slope[i]! / si, slope[j]! / sj, sigma[i * neurons + j]! / (si * sj));
    }
  }
  return truth;
}

/** One simulated session of a regime. */
function regimeDataset(regime: Regime, seed: number) {
  return syntheticDataset({
    neurons: regime.neurons,
    trialsPerSide: regime.trialsPerSide,
    levels: [...regime.levels],
    epsilon: regime.epsilon,
    seed,
    zeroSignalTrials: regime.zeroSignalTrials ?? 0,
    extraMinus: regime.extraMinus ?? 0,
  });
}

export function regimeCoverage(regime: Regime, frames: number, seed: number, draws = 2000): CoverageRow {
  const truth = syntheticTruth(regime.neurons, regime.epsilon);
  const truths = { fisher: truth.fisher, fisherShuffled: truth.fisherShuffled, redundancy: truth.fisherShuffled - truth.fisher };
  const settings: AnalysisSettings = resolveSettings({ covariance: regime.covariance, intervalDraws: draws, decoderFolds: 0, subsets: 0, shuffles: 0, permutations: 0, seed });
  const held = { fisher: 0, fisherShuffled: 0, redundancy: 0 };
  const pairs = pairTruth(regime.neurons, regime.epsilon);
  const strongest = Array.from(pairs, Math.abs).sort((a, b) => b - a)[Math.floor(pairs.length / 10)] ?? 0;
  const pairHeld = { all: 0, allCount: 0, strong: 0, strongCount: 0 };
  let estimates = 0;
  let squares = 0;
  let missingEstimate = 0;
  for (let k = 0; k < frames; k++) {
    const dataset = regimeDataset(regime, seed * 100_003 + k);
    // Each frame its own seed, as each frame of a real run has: the Monte Carlo draws behind I's interval
    // are then as independent across frames as the data (one seed for all shared one set of draws, and
    // the coverage moved with it by several points from seed to seed).
    const frame = analyzeFrame(dataset, 0, 0, { ...settings, seed: seed * 100_003 + k });
    const intervals = frame.intervals!;
    for (const quantity of ['fisher', 'fisherShuffled', 'redundancy'] as const) {
      const interval = intervals[quantity];
      if (interval.low <= truths[quantity] && truths[quantity] <= interval.high) held[quantity]++;
      if (!(interval.low <= interval.estimate && interval.estimate <= interval.high)) missingEstimate++;
    }
    pairs.forEach((truthOfPair, slot) => {
      const error = frame.pairRedundancyError![slot]!;
      if (!Number.isFinite(error)) return;
      const holds = Math.abs(frame.pairRedundancy[slot]! - truthOfPair) <= Z_95 * error ? 1 : 0;
      pairHeld.all += holds;
      pairHeld.allCount++;
      if (Math.abs(truthOfPair) > strongest) {
        pairHeld.strong += holds;
        pairHeld.strongCount++;
      }
    });
    estimates += frame.population.fisher;
    squares += frame.population.fisher ** 2;
  }
  return {
    regime: regime.label,
    frames,
    fisher: held.fisher / frames,
    fisherShuffled: held.fisherShuffled / frames,
    redundancy: held.redundancy / frames,
    fisherBias: estimates / frames / truth.fisher - 1,
    fisherBiasError: Math.sqrt(Math.max(squares / frames - (estimates / frames) ** 2, 0) / (frames - 1)) / truth.fisher,
    missingEstimate,
    pairs: pairHeld.all / pairHeld.allCount,
    strongestPairs: pairHeld.strong / pairHeld.strongCount,
  };
}

export function coverageTable(rows: readonly CoverageRow[]): string {
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    '| regime | frames | I | I_shuffle | I_red | bias of I (± s.e.) | intervals without their estimate | R_ij, all pairs | R_ij, strongest tenth |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.regime} | ${r.frames} | ${percent(r.fisher)} | ${percent(r.fisherShuffled)} | ${percent(r.redundancy)} | ${(100 * r.fisherBias).toFixed(1)}% ± ${(100 * r.fisherBiasError).toFixed(1)}% | ${r.missingEstimate} | ${percent(r.pairs)} | ${percent(r.strongestPairs)} |`,
    ),
  ].join('\n');
}

/** Coverage of the fixed-N medians' 95% intervals (FixedSizeMeasures.intervals) in one regime at `fixedNeurons`. */
export interface FixedSizeCoverageRow {
  readonly regime: string;
  readonly fixedNeurons: number;
  readonly frames: number;
  readonly fisher: number;
  readonly fisherShuffled: number;
  readonly redundancy: number;
}

/**
 * The truth of a fixed-N median is the median over random N-subsets of the subsets' true I, I_shuffle and
 * I_red (from the model's Σ and f′; 400 subsets); each simulated frame's median over its own subsets is
 * checked against it.
 */
export function fixedSizeCoverage(regime: Regime, fixedNeurons: number, frames: number, seed: number): FixedSizeCoverageRow {
  const n = regime.neurons;
  const model = syntheticModel(n);
  const { mean, slope } = tuningAt(model, 45, 1);
  const sigma = noiseCovariance(model, mean, slope, regime.epsilon);
  const random = seededRandom(seed);
  const truths = { fisher: [] as number[], fisherShuffled: [] as number[], redundancy: [] as number[] };
  for (let s = 0; s < 400; s++) {
    const subset = randomSubset(n, fixedNeurons, random);
    const covariance = Float64Array.from({ length: fixedNeurons * fixedNeurons }, (_, k) => sigma[subset[Math.floor(k / fixedNeurons)]! * n + subset[k % fixedNeurons]!]!);
    const fPrime = Float64Array.from(subset, (i) => slope[i]!);
    const fisher = inverseQuadraticForm(covariance, fixedNeurons, fPrime)!;
    const shuffled = Array.from(subset, (i) => slope[i]! ** 2 / sigma[i * n + i]!).reduce((a, b) => a + b, 0);
    truths.fisher.push(fisher);
    truths.fisherShuffled.push(shuffled);
    truths.redundancy.push(shuffled - fisher);
  }
  const truth = { fisher: centralInterval(truths.fisher, 0).median, fisherShuffled: centralInterval(truths.fisherShuffled, 0).median, redundancy: centralInterval(truths.redundancy, 0).median };
  const settings = resolveSettings({ covariance: regime.covariance, intervalDraws: 1000, decoderFolds: 0, subsets: 100, shuffles: 0, permutations: 0, seed });
  const held = { fisher: 0, fisherShuffled: 0, redundancy: 0 };
  for (let k = 0; k < frames; k++) {
    const dataset = regimeDataset(regime, seed * 100_003 + k);
    const intervals = analyzeFrame(dataset, 0, 0, { ...settings, seed: seed * 100_003 + k }, { fixedNeurons, highRelevance: null }).fixedSize!.intervals!;
    for (const quantity of ['fisher', 'fisherShuffled', 'redundancy'] as const) {
      if (intervals[quantity].low <= truth[quantity] && truth[quantity] <= intervals[quantity].high) held[quantity]++;
    }
  }
  return { regime: regime.label, fixedNeurons, frames, fisher: held.fisher / frames, fisherShuffled: held.fisherShuffled / frames, redundancy: held.redundancy / frames };
}

export function fixedSizeTable(rows: readonly FixedSizeCoverageRow[]): string {
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    '| regime | fixed N | frames | I | I_shuffle | I_red |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.regime} | ${r.fixedNeurons} | ${r.frames} | ${percent(r.fisher)} | ${percent(r.fisherShuffled)} | ${percent(r.redundancy)} |`),
  ].join('\n');
}
