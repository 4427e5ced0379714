import { describe, expect, it } from 'vitest';
import { pairBlock, pairBlockAsync, pairInput, shuffleStream, type BatchProducts, type PairBlockResult } from '../../../shared/analysis/pairBlock';
import { crossProductRows } from '../../../shared/analysis/linalg';
import { joinPairBlocks } from '../../../shared/analysis/frameAnalysis';
import { frameModel } from '../../../shared/analysis/frameModel';
import { classScatters } from '../../../shared/analysis/classScatter';
import { levelStatistics } from '../../../shared/analysis/levelStatistics';
import { pairwiseRedundancy } from '../../../shared/analysis/pairwiseRedundancy';
import { noiseCorrelations } from '../../../shared/analysis/correlation';
import { groupTrialsByStimulus } from '../../../shared/analysis/stimulusGroups';
import { pairIndex } from '../../../shared/analysis/pairIndex';
import { permutationP } from '../../../shared/analysis/stats';
import { resolveSettings } from '../../../shared/analysis/settings';
import { seededRandom, type RandomSource } from '../../../shared/random/seededRandom';
import type { FrameData } from '../../../shared/analysis/frameData';

const settings = resolveSettings({});

/**
 * One frame of n tuned neurons at stimulus ±2 (and 0), `perValue` trials each: f′_k = k + 1 per unit of
 * stimulus; noise shared by all neurons with weight `shared` (0: every neuron's noise independent).
 */
function frameOf(n: number, perValue: number, shared: number, random: RandomSource): FrameData {
  const stimulus = Float64Array.from({ length: 3 * perValue }, (_, t) => [-2, 0, 2][t % 3]!);
  const m = stimulus.length;
  const common = Float64Array.from({ length: m }, () => random.normal());
  const values = new Float64Array(n * m);
  for (let k = 0; k < n; k++) for (let t = 0; t < m; t++) values[k * m + t] = 0.3 * (k + 1) * stimulus[t]! + shared * common[t]! + random.normal();
  return { neurons: Int32Array.from({ length: n }, (_, k) => k), trials: m, values, stimulus };
}

/** The null as its definition reads: shuffle each neuron's raw responses within each stimulus value (its own stream per shuffle, as the blocks draw), re-derive everything. */
function textbookNull(frame: FrameData, shuffles: number, seed: number) {
  const model = frameModel(frame, settings);
  const n = frame.neurons.length;
  const m = frame.trials;
  const redundancy = pairwiseRedundancy(model.levels, n);
  const noise = noiseCorrelations(frame, model.scatters).matrix;
  const groups = [...groupTrialsByStimulus(frame.stimulus).values()];
  const extreme = { redundancy: new Float64Array(redundancy.length), noise: new Float64Array(redundancy.length) };
  for (let r = 0; r < shuffles; r++) {
    const values = Float64Array.from(frame.values);
    for (let k = 0; k < n; k++) {
      const random = shuffleStream(seed, r, k);
      for (const group of groups) {
        for (let i = group.length - 1; i > 0; i--) {
          const j = random.index(i + 1);
          [values[k * m + group[i]!], values[k * m + group[j]!]] = [values[k * m + group[j]!]!, values[k * m + group[i]!]!];
        }
      }
    }
    const shuffled = { ...frame, values };
    const scatters = classScatters(shuffled);
    const nullRedundancy = pairwiseRedundancy(levelStatistics(shuffled, model.discriminations, model.source, model.zeroTrials, scatters), n);
    const nullNoise = noiseCorrelations(shuffled, scatters).matrix;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const slot = pairIndex(i, j, n);
        if (Math.abs(nullRedundancy[slot]!) >= Math.abs(redundancy[slot]!) - 1e-12) extreme.redundancy[slot]!++;
        if (Math.abs(nullNoise[i * n + j]!) >= Math.abs(noise[i * n + j]!) - 1e-12) extreme.noise[slot]!++;
      }
    }
  }
  return { redundancyP: extreme.redundancy.map((e) => permutationP(e, shuffles)), noiseP: extreme.noise.map((e) => permutationP(e, shuffles)) };
}

/** The frame's null from pair blocks: `rowCuts` and `shuffleCuts` split rows and shuffles into blocks (one block each when empty). */
function fastNull(frame: FrameData, shuffles: number, seed: number, rowCuts: number[] = [], shuffleCuts: number[] = []) {
  const n = frame.neurons.length;
  const input = pairInput(frame, settings, seed);
  const rows = [0, ...rowCuts, n];
  const draws = [0, ...shuffleCuts, shuffles];
  const blocks: PairBlockResult[] = [];
  for (let a = 0; a + 1 < rows.length; a++) {
    for (let b = 0; b + 1 < draws.length; b++) {
      blocks.push(pairBlock(input, { rows: [rows[a]!, rows[a + 1]!], shuffles: [draws[b]!, draws[b + 1]!], values: b === 0, standardErrors: true }));
    }
  }
  const pairs = joinPairBlocks(n, blocks, shuffles);
  return {
    pairs,
    redundancyP: Array.from(pairs.redundancyExtreme!, (e) => permutationP(e, shuffles)),
    noiseP: Array.from(pairs.noiseExtreme!, (e) => permutationP(e, shuffles)),
  };
}

describe('the trial-shuffle null of the pair blocks (pairBlock.ts)', () => {
  it('gives the p-values of its definition: shuffling the raw responses and re-deriving every statistic', () => {
    const frame = frameOf(9, 40, 0.8, seededRandom(11));
    const fast = fastNull(frame, 300, 5);
    const reference = textbookNull(frame, 300, 5);
    // The same random draws permute the same trials; centring before or after the shuffle moves a
    // statistic by rounding only, which can flip an exact tie at most.
    const step = 1 / 301;
    for (let slot = 0; slot < fast.redundancyP.length; slot++) {
      expect(Math.abs(fast.redundancyP[slot]! - reference.redundancyP[slot]!)).toBeLessThanOrEqual(step + 1e-12);
      expect(Math.abs(fast.noiseP[slot]! - reference.noiseP[slot]!)).toBeLessThanOrEqual(step + 1e-12);
    }
    // The shared noise makes the pairs correlated: the null calls them. The weakest pair's sample r is 0.25
    // over ~117 degrees of freedom, a true p of about 0.006 (1.8 of 300 shuffles expected; 6 or more, p ≥ 0.023, has chance 1%).
    expect(Math.min(...fast.pairs.noiseCorrelation)).toBeGreaterThan(0.2);
    expect(Math.max(...fast.noiseP)).toBeLessThan(0.023);
  });

  it('holds its false-positive rate where the truth is independent noise: p ≤ 0.05 for 5% of pairs', () => {
    const random = seededRandom(2026);
    const redundancy: number[] = [];
    const noise: number[] = [];
    for (let repeat = 0; repeat < 40; repeat++) {
      const frame = frameOf(8, 40, 0, random);
      const { redundancyP, noiseP } = fastNull(frame, 199, repeat);
      redundancy.push(...redundancyP);
      noise.push(...noiseP);
    }
    // 40 × 28 = 1120 pairs; the binomial sd of 5% is 0.65%, more with pairs of one frame sharing neurons.
    for (const p of [redundancy, noise]) {
      const rate = (level: number) => p.filter((v) => v <= level).length / p.length;
      expect(rate(0.05)).toBeGreaterThan(0.025);
      expect(rate(0.05)).toBeLessThan(0.08);
      expect(rate(0.2)).toBeGreaterThan(0.15);
      expect(rate(0.2)).toBeLessThan(0.25);
    }
  });

  it('gives the same values and counts bit for bit however the rows and the shuffles are split into blocks', () => {
    const frame = frameOf(23, 30, 0.5, seededRandom(7));
    const whole = fastNull(frame, 40, 9).pairs;
    for (const [rowCuts, shuffleCuts] of [
      [[1], [1]],
      [[5, 6, 17], [13, 14]],
      [[22], []],
      [[3, 9, 12, 20], [39]],
    ] as const) {
      const split = fastNull(frame, 40, 9, [...rowCuts], [...shuffleCuts]).pairs;
      for (const key of ['noiseCorrelation', 'signalCorrelation', 'redundancy', 'redundancyError', 'redundancyExtreme', 'noiseExtreme'] as const) {
        const [a, b] = [whole[key]!, split[key]!];
        expect(Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)), `${key} with rows cut at ${rowCuts.join(',')}`).toBe(0);
      }
    }
  });

  describe('with the null\'s products computed in batches (pairBlockAsync, the GPU path)', () => {
    /** Batched products on the CPU kernel; `round` rounds inputs and results to f32, as the GPU kernel does. */
    const batchOn = (round: boolean): BatchProducts => async (x, batch, n, m) => {
      const out = new Float64Array(batch * n * n);
      for (let b = 0; b < batch; b++) {
        const matrix = x.slice(b * n * m, (b + 1) * n * m);
        const product = crossProductRows(round ? Float64Array.from(Float32Array.from(matrix)) : matrix, n, m, 0, n);
        out.set(round ? Float64Array.from(Float32Array.from(product)) : product, b * n * n);
      }
      return out;
    };
    const frame = frameOf(23, 30, 0.5, seededRandom(11));
    const input = pairInput(frame, settings, 5);
    const request = { rows: [0, 23] as const, shuffles: [0, 40] as const, values: true, standardErrors: true };
    const same = (a: ArrayLike<number> | null, b: ArrayLike<number> | null) => a !== null && b !== null && a.length === b.length && Array.from(a).every((value, k) => Object.is(value, b[k]));

    it('equals pairBlock bit for bit when the batch kernel is exact, for batches that do and do not divide the shuffles', async () => {
      const reference = pairBlock(input, request);
      for (const batch of [1, 7, 16, 64]) {
        const batched = await pairBlockAsync(input, request, null, batchOn(false), batch);
        for (const key of ['noiseCorrelation', 'signalCorrelation', 'redundancy', 'redundancyError', 'redundancyExtreme', 'noiseExtreme'] as const) expect(same(batched[key], reference[key]), `${key}, batch ${batch}`).toBe(true);
      }
    });

    it('keeps the observed values exact and moves no count by more than a near-tie with f32 products', async () => {
      const reference = pairBlock(input, request);
      const batched = await pairBlockAsync(input, request, null, batchOn(true), 16);
      expect(same(batched.redundancy, reference.redundancy)).toBe(true);
      expect(same(batched.noiseCorrelation, reference.noiseCorrelation)).toBe(true);
      const moved = (a: Uint32Array, b: Uint32Array) => a.reduce((sum, value, k) => sum + Math.abs(value - b[k]!), 0);
      // 253 pairs × 40 shuffles: a count moves only when a shuffle's statistic is within ~1e-6 of the observed one.
      expect(moved(batched.redundancyExtreme!, reference.redundancyExtreme!)).toBeLessThanOrEqual(2);
      expect(moved(batched.noiseExtreme!, reference.noiseExtreme!)).toBeLessThanOrEqual(2);
    });

    it('runs a block of some rows as pairBlock does', async () => {
      const partial = { ...request, rows: [4, 9] as const };
      const batched = await pairBlockAsync(input, partial, null, async () => {
        throw new Error('a block of some rows must not use the batch kernel');
      });
      expect(same(batched.redundancyExtreme, pairBlock(input, partial).redundancyExtreme)).toBe(true);
    });
  });
});
