import { centredClasses, type CentredClass, type ClassScatter } from './classScatter';
import { crossProduct, crossProductRows } from './linalg';
import { discriminations, isSignedDesign, zeroSignalTrials } from './discrimination';
import { chooseCovariance, levelMoments, type CovarianceSource, type LevelMoments } from './levelStatistics';
import { redundancyRows, type LevelCovarianceRows } from './pairwiseRedundancy';
import { groupTrialsByStimulus } from './stimulusGroups';
import { deriveSeed } from './stats';
import { seededRandom, type RandomSource } from '../random/seededRandom';
import type { FrameData } from './frameData';
import type { AnalysisSettings } from './settings';

/**
 * The pairwise statistics of one frame, computed for a block of rows of the upper triangle and a block of
 * trial shuffles: the unit of work a shard runs (shards/shardPlan.ts). Everything a block needs from the
 * whole frame is O(N·T) (each stimulus value's centred responses, their diagonals, every level's f′), so
 * a block's memory is its rows × N, not N²; and every pair reads only its own entries, so the values of a
 * block are those of the whole frame bit for bit — an unsharded run is the one block of every frame.
 */
export interface PairInput {
  readonly n: number;
  readonly classes: readonly CentredClass[];
  /** Each value's scatter diagonal (each neuron's within-value sum of squares), through the same kernel as a full scatter. */
  readonly diagonals: readonly Float64Array[];
  readonly moments: readonly LevelMoments[];
  readonly source: CovarianceSource;
  readonly zeroTrialCount: number;
  /** Each neuron's mean per stimulus value, centred over values (n × values), when there are ≥ 3 values; else null. */
  readonly signalMeans: Float64Array | null;
  readonly signalValues: number;
  /** The frame's seed: shuffle r of neuron k draws from deriveSeed(seed, SHUFFLE_STREAM, r, k). */
  readonly seed: number;
}

/** Marks the shuffles' streams apart from a frame's other random draws. */
const SHUFFLE_STREAM = 0x5eed;

/** The draws that permute neuron k's trials in shuffle r of the frame with this seed. */
export function shuffleStream(frameSeed: number, shuffle: number, neuron: number): RandomSource {
  return seededRandom(deriveSeed(frameSeed, SHUFFLE_STREAM, shuffle, neuron));
}

/** A frame's inputs to its pair blocks (O(N·T) time and memory). `seed` is the frame's (deriveSeed(settings.seed, session, epoch)). */
export function pairInput(frame: FrameData, settings: AnalysisSettings, seed: number, source?: CovarianceSource): PairInput {
  const n = frame.neurons.length;
  const zeroTrials = zeroSignalTrials(frame.stimulus);
  const chosen = source ?? chooseCovariance(settings.covariance, isSignedDesign(frame.stimulus), zeroTrials.length, n);
  const classes = centredClasses(frame);
  const groups = [...groupTrialsByStimulus(frame.stimulus).values()];
  let signalMeans: Float64Array | null = null;
  if (groups.length >= 3) {
    // As signalCorrelations (correlation.ts) centres them.
    const m = frame.trials;
    const v = groups.length;
    signalMeans = new Float64Array(n * v);
    for (let k = 0; k < n; k++) {
      let sum = 0;
      groups.forEach((trials, g) => {
        let s = 0;
        for (const t of trials) s += frame.values[k * m + t]!;
        signalMeans![k * v + g] = s / trials.length;
        sum += s / trials.length;
      });
      for (let g = 0; g < v; g++) signalMeans[k * v + g]! -= sum / v;
    }
  }
  return {
    n,
    classes,
    diagonals: classes.map(({ trials, centred }) => rowDiagonals(centred, n, trials.length, 0)),
    moments: levelMoments(frame, discriminations(frame.stimulus, settings), chosen, zeroTrials),
    source: chosen,
    zeroTrialCount: zeroTrials.length,
    signalMeans,
    signalValues: groups.length,
    seed,
  };
}

export interface PairBlockRequest {
  /** Rows [start, end) of the upper triangle, in the frame's own neuron positions. */
  readonly rows: readonly [number, number];
  /** Shuffles [start, end) of the trial-shuffle null (an empty range: none). */
  readonly shuffles: readonly [number, number];
  /** Whether to compute the pairs' values (noise and signal correlation, redundancy and its standard error); a later shuffle block of the same rows leaves them to the first. */
  readonly values: boolean;
  readonly standardErrors: boolean;
}

/** A block's results, pair by pair in pairIndex order (rows start…end, then partners i+1…n−1). */
export interface PairBlockResult {
  readonly rows: readonly [number, number];
  readonly shuffles: readonly [number, number];
  readonly noiseCorrelation: Float64Array | null;
  readonly signalCorrelation: Float64Array | null;
  readonly redundancy: Float64Array | null;
  readonly redundancyError: Float64Array | null;
  /** Shuffles (of this block's) whose |null| reached the pair's |value| (permutationP turns the total into p). */
  readonly redundancyExtreme: Uint32Array | null;
  readonly noiseExtreme: Uint32Array | null;
}

/** Pairs in rows [r0, r1) of n positions. */
export function pairsInRows(n: number, r0: number, r1: number): number {
  return ((r1 - r0) * (2 * n - r0 - r1 - 1)) / 2;
}

/**
 * The block's statistics. `scatters`, when given, are the frame's full class scatters (the whole-frame
 * block reuses them instead of a second N²T pass; entries are the same either way).
 */
export function pairBlock(input: PairInput, request: PairBlockRequest, scatters: readonly ClassScatter[] | null = null): PairBlockResult {
  const { n, classes } = input;
  const [r0, r1] = request.rows;
  const [s0, s1] = request.shuffles;
  const observed = observedStatistics(input, request, scatters);
  const extremes = s1 > s0 ? new ShuffleExtremes(pairsInRows(n, r0, r1)) : null;
  if (extremes) {
    const shuffled = classes.map(({ centred }) => new Float64Array(centred.length));
    for (let r = s0; r < s1; r++) {
      shuffleInto(input, r, r0, shuffled);
      const products = shuffled.map((data, c) => crossProductRows(data, n, classes[c]!.trials.length, r0, r1));
      extremes.add(observed, nullStatistics(input, shuffled, products, r0, r1));
    }
  }
  return blockResult(input, request, observed, extremes);
}

/**
 * Computes a products of many matrices at once (a GPU's batched cross-product): `x` holds `batch`
 * matrices of n × m at b·n·m; the result their n × n products at b·n·n, upper triangle (the block layout
 * of rows [0, n)).
 */
export type BatchProducts = (x: Float64Array, batch: number, n: number, m: number) => Promise<Float64Array>;

/**
 * pairBlock with the trial-shuffle null's products computed `batch` shuffles at a time by `products` (the
 * app's GPU path). The observed statistics stay on the CPU kernels, so the values are pairBlock's; the
 * null's statistics carry the batch kernel's rounding of the pairs' products (each neuron's sum of squares,
 * which a shuffle within stimulus values does not change, is the frame's own), which moves a p-value only
 * where a shuffle's statistic comes within that rounding of the observed one. A block of some rows only
 * runs as pairBlock.
 */
export async function pairBlockAsync(input: PairInput, request: PairBlockRequest, scatters: readonly ClassScatter[] | null, products: BatchProducts, batch = 16): Promise<PairBlockResult> {
  const { n, classes } = input;
  const [r0, r1] = request.rows;
  const [s0, s1] = request.shuffles;
  if (r0 !== 0 || r1 !== n || s1 <= s0 || n < 2) return pairBlock(input, request, scatters);
  const observed = observedStatistics(input, request, scatters);
  const extremes = new ShuffleExtremes(pairsInRows(n, r0, r1));
  const shuffled = classes.map(({ centred }) => new Float64Array(centred.length));
  for (let first = s0; first < s1; first += batch) {
    const size = Math.min(batch, s1 - first);
    const stacked = classes.map(({ centred }) => new Float64Array(size * centred.length));
    for (let b = 0; b < size; b++) {
      shuffleInto(input, first + b, 0, shuffled);
      shuffled.forEach((data, c) => stacked[c]!.set(data, b * data.length));
    }
    const results = await Promise.all(stacked.map((data, c) => products(data, size, n, classes[c]!.trials.length)));
    for (let b = 0; b < size; b++) {
      const blocks = results.map((all) => all.subarray(b * n * n, (b + 1) * n * n));
      // A shuffle within stimulus values leaves each neuron's sum of squares as it was: the frame's own
      // (f64) diagonals, not the batch kernel's, so that its rounding reaches only the pairs' products.
      extremes.add(observed, blockStatistics(input, blocks, input.diagonals, 0, n, false));
    }
  }
  return blockResult(input, request, observed, extremes);
}

type BlockStatistics = ReturnType<typeof blockStatistics>;

function observedStatistics(input: PairInput, request: PairBlockRequest, scatters: readonly ClassScatter[] | null): BlockStatistics {
  const { n, classes } = input;
  const [r0, r1] = request.rows;
  const blockOf = (c: number, centred: Float64Array) => (scatters ? rowsOfFull(scatters[c]!.scatter, n, r0, r1) : crossProductRows(centred, n, classes[c]!.trials.length, r0, r1));
  return blockStatistics(
    input,
    classes.map(({ centred }, c) => blockOf(c, centred)),
    input.diagonals,
    r0,
    r1,
    request.standardErrors && request.values,
  );
}

/**
 * Rows [r0, n) of every class's centred data, permuted as shuffle r permutes them. Each shuffle permutes
 * the data, not the shuffle before; neuron k's trials within each value are permuted by its own stream,
 * so any block of rows sees the same permutation of the same neuron.
 */
function shuffleInto(input: PairInput, r: number, r0: number, shuffled: Float64Array[]): void {
  const { n, classes } = input;
  classes.forEach(({ centred }, c) => shuffled[c]!.set(centred.subarray(r0 * classes[c]!.trials.length), r0 * classes[c]!.trials.length));
  for (let k = r0; k < n; k++) {
    const random = shuffleStream(input.seed, r, k);
    for (let c = 0; c < classes.length; c++) {
      const T = classes[c]!.trials.length;
      const data = shuffled[c]!;
      const row = k * T;
      for (let i = T - 1; i > 0; i--) {
        const j = random.index(i + 1);
        const swap = data[row + i]!;
        data[row + i] = data[row + j]!;
        data[row + j] = swap;
      }
    }
  }
}

/** One shuffle's statistics from its class products (block layout of rows [r0, r1)). */
function nullStatistics(input: PairInput, shuffled: readonly Float64Array[], products: readonly Float64Array[], r0: number, r1: number): BlockStatistics {
  const { n, classes } = input;
  return blockStatistics(
    input,
    products,
    shuffled.map((data, c) => rowDiagonals(data, n, classes[c]!.trials.length, r0, input.diagonals[c]!, products[c]!, r1)),
    r0,
    r1,
    false,
  );
}

/** How many shuffles' statistics reach each pair's observed one (in absolute value). */
class ShuffleExtremes {
  readonly redundancy: Uint32Array;
  readonly noise: Uint32Array;
  constructor(count: number) {
    this.redundancy = new Uint32Array(count);
    this.noise = new Uint32Array(count);
  }
  add(observed: BlockStatistics, shuffle: BlockStatistics): void {
    for (let slot = 0; slot < this.redundancy.length; slot++) {
      if (Math.abs(shuffle.redundancy[slot]!) >= Math.abs(observed.redundancy[slot]!) - 1e-12) this.redundancy[slot]!++;
      if (Math.abs(shuffle.noise[slot]!) >= Math.abs(observed.noise[slot]!) - 1e-12) this.noise[slot]!++;
    }
  }
}

function blockResult(input: PairInput, request: PairBlockRequest, observed: BlockStatistics, extremes: ShuffleExtremes | null): PairBlockResult {
  const [r0, r1] = request.rows;
  return {
    rows: [r0, r1],
    shuffles: request.shuffles,
    noiseCorrelation: request.values ? observed.noise : null,
    signalCorrelation: request.values ? signalRows(input, r0, r1) : null,
    redundancy: request.values ? observed.redundancy : null,
    redundancyError: request.values ? observed.errors : null,
    redundancyExtreme: extremes?.redundancy ?? null,
    noiseExtreme: extremes?.noise ?? null,
  };
}

/** Noise correlation and redundancy (and its standard error) of the block's pairs from its class scatter rows. */
function blockStatistics(input: PairInput, rows: readonly Float64Array[], diagonals: readonly Float64Array[], r0: number, r1: number, errors: boolean) {
  const { n, classes, moments } = input;
  const width = n - r0;
  const count = pairsInRows(n, r0, r1);
  // Noise correlation as noiseCorrelations (correlation.ts) computes it, entry by entry in the same order.
  const inverseSd = classes.map(({ trials }, c) =>
    trials.length < 2 ? null : Float64Array.from(diagonals[c]!, (s) => (s / (trials.length - 1) > 0 ? 1 / Math.sqrt(s / (trials.length - 1)) : 0)),
  );
  const selfSum = new Float64Array(n);
  for (let c = 0; c < classes.length; c++) {
    const isd = inverseSd[c];
    if (!isd) continue;
    for (let k = r0; k < n; k++) selfSum[k]! += diagonals[c]![k]! * isd[k]! * isd[k]!;
  }
  const noise = new Float64Array(count);
  let slot = 0;
  for (let i = r0; i < r1; i++) {
    const row = (i - r0) * width - r0;
    for (let j = i + 1; j < n; j++, slot++) {
      let sum = 0;
      for (let c = 0; c < classes.length; c++) {
        const isd = inverseSd[c];
        if (isd) sum += rows[c]![row + j]! * isd[i]! * isd[j]!;
      }
      const denominator = Math.sqrt(selfSum[i]! * selfSum[j]!);
      noise[slot] = denominator > 0 ? sum / denominator : 0;
    }
  }
  // Each level's covariance as pooledCovariance (classScatter.ts) sums it: the values' scatters in order, then ÷ ν.
  const classIndex = (value: number) => classes.findIndex((c) => c.value === value);
  const pooled = (values: readonly number[], dof: number): { variance: Float64Array; covariance: Float64Array } => {
    const indices = values.map(classIndex);
    const covariance = new Float64Array(rows[0]?.length ?? 0);
    const variance = new Float64Array(n);
    for (const c of indices) {
      const block = rows[c]!;
      for (let k = 0; k < covariance.length; k++) covariance[k]! += block[k]!;
      for (let k = 0; k < n; k++) variance[k]! += diagonals[c]![k]!;
    }
    for (let k = 0; k < covariance.length; k++) covariance[k]! /= dof;
    for (let k = 0; k < n; k++) variance[k]! /= dof;
    return { variance, covariance };
  };
  const zero = input.source === 'zero-signal' ? pooled([0], input.zeroTrialCount - 1) : null;
  const levels: LevelCovarianceRows[] = moments.map(({ discrimination, fPrime, sampling, source }) => ({
    fPrime,
    sampling,
    source,
    ...(zero ?? pooled([discrimination.low, discrimination.high], sampling.dof)),
  }));
  const redundancy = new Float64Array(count);
  const standardErrors = errors ? new Float64Array(count) : null;
  redundancyRows(levels, n, r0, r1, redundancy, standardErrors);
  return { noise, redundancy, errors: standardErrors };
}

/** Signal correlations of the block's pairs, as signalCorrelations (correlation.ts) computes them; null with < 3 stimulus values. */
function signalRows(input: PairInput, r0: number, r1: number): Float64Array | null {
  const { n, signalMeans, signalValues: v } = input;
  if (!signalMeans) return null;
  const products = crossProductRows(signalMeans, n, v, r0, r1);
  const norms = Float64Array.from(rowDiagonals(signalMeans, n, v, 0), Math.sqrt);
  const width = n - r0;
  const out = new Float64Array(pairsInRows(n, r0, r1));
  let slot = 0;
  for (let i = r0; i < r1; i++) {
    for (let j = i + 1; j < n; j++, slot++) {
      const denominator = norms[i]! * norms[j]!;
      out[slot] = denominator > 0 ? products[(i - r0) * width + (j - r0)]! / denominator : 0;
    }
  }
  return out;
}

/**
 * Σ_t x[k,t]² for k ≥ from (entries before `from` copied from `fill`, else 0), each through the
 * cross-product kernel so it equals a full scatter's diagonal. Rows [from, to) are read off `block` (the
 * crossProductRows of these rows, whose diagonal is the same sum in the same order) instead of a product
 * per neuron.
 */
function rowDiagonals(x: Float64Array, n: number, m: number, from: number, fill?: Float64Array, block?: Float64Array, to = from): Float64Array {
  const out = new Float64Array(n);
  if (fill) out.set(fill.subarray(0, from));
  const width = n - from;
  let k = from;
  if (block) for (; k < to; k++) out[k] = block[(k - from) * (width + 1)]!;
  for (; k < n; k++) out[k] = crossProduct(x.subarray(k * m, (k + 1) * m), 1, m)[0]!;
  return out;
}

/** Rows [r0, r1) of a full n×n matrix in the block layout (crossProductRows'). */
function rowsOfFull(matrix: Float64Array, n: number, r0: number, r1: number): Float64Array {
  const width = n - r0;
  const out = new Float64Array((r1 - r0) * width);
  for (let i = r0; i < r1; i++) out.set(matrix.subarray(i * n + r0, (i + 1) * n), (i - r0) * width);
  return out;
}
