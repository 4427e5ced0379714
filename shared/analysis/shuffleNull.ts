import { centredClasses, type ClassScatter } from './classScatter';
import { noiseCorrelations } from './correlation';
import type { FrameModel } from './frameModel';
import { crossProduct } from './linalg';
import { withCovariances } from './levelStatistics';
import { pairIndex } from './pairIndex';
import { pairwiseRedundancy } from './pairwiseRedundancy';
import { permutationP } from './stats';
import type { RandomSource } from '../random/seededRandom';

export interface ShuffleNull {
  /** Permutation p of each pair's |redundancy| (pairIndex order). */
  readonly redundancyP: Float64Array;
  /** Permutation p of each pair's |noise correlation| (pairIndex order). */
  readonly noiseP: Float64Array;
}

/**
 * The trial-shuffle null of every pair's redundancy and noise correlation in one frame: each neuron's
 * trials are permuted within each stimulus value, independently of the other neurons, which destroys the
 * noise correlations and keeps everything else. A neuron's responses to each value stay the same set, so
 * its means (f′), its variances and its single-neuron information are those of the data: the responses
 * are centred once, each shuffle permutes a copy of them, and only the scatters (N²T) and what reads
 * them are recomputed. Twice as fast as shuffling the raw responses and re-deriving everything.
 */
export function shuffleNull(model: FrameModel, redundancy: Float64Array, noise: Float64Array, shuffles: number, random: RandomSource): ShuffleNull {
  const { frame } = model;
  const n = frame.neurons.length;
  const data = centredClasses(frame);
  const classes = data.map(({ value, trials, centred }) => ({ value, trials, centred: new Float64Array(centred.length) }));
  const moments = model.levels.map(({ discrimination, fPrime, sampling, source }) => ({ discrimination, fPrime, sampling, source }));
  const redundancyExtreme = new Float64Array(redundancy.length);
  const noiseExtreme = new Float64Array(redundancy.length);
  for (let r = 0; r < shuffles; r++) {
    // Each shuffle permutes the data, not the shuffle before (the textbook null, and no chain to reason about).
    classes.forEach((shuffled, c) => shuffled.centred.set(data[c]!.centred));
    for (let k = 0; k < n; k++) {
      for (const { trials, centred } of classes) {
        const T = trials.length;
        const row = k * T;
        for (let i = T - 1; i > 0; i--) {
          const j = random.index(i + 1);
          const swap = centred[row + i]!;
          centred[row + i] = centred[row + j]!;
          centred[row + j] = swap;
        }
      }
    }
    const scatters: ClassScatter[] = classes.map(({ value, trials, centred }) => ({ value, trials, scatter: crossProduct(centred, n, trials.length) }));
    const nullRedundancy = pairwiseRedundancy(withCovariances(moments, scatters, n, model.zeroTrials.length), n);
    const nullNoise = noiseCorrelations(frame, scatters).matrix;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const slot = pairIndex(i, j, n);
        if (Math.abs(nullRedundancy[slot]!) >= Math.abs(redundancy[slot]!) - 1e-12) redundancyExtreme[slot]!++;
        if (Math.abs(nullNoise[i * n + j]!) >= Math.abs(noise[i * n + j]!) - 1e-12) noiseExtreme[slot]!++;
      }
    }
  }
  return { redundancyP: redundancyExtreme.map((e) => permutationP(e, shuffles)), noiseP: noiseExtreme.map((e) => permutationP(e, shuffles)) };
}
