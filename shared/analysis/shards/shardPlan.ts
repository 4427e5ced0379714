import type { AnalysisSettings } from '../settings';
import { pairsInRows } from '../pairBlock';

/**
 * How a run is cut into shards. A run is the frame units (each frame's measures without its pairs) and
 * the pair units (a block of rows of a frame's pair triangle × a block of its trial shuffles). Blocks are
 * small enough for the memory a shard may use and numerous enough to balance the shards; the units are
 * dealt to shards largest first, each to the least loaded so far (LPT: within 4/3 of the best balance).
 * The plan is a pure function of the frames, the settings, the shard count and the memory limit, so
 * every shard of a job computes the same plan and runs its own part of it.
 */
export type WorkUnit =
  | { readonly kind: 'frame'; readonly frame: number }
  | { readonly kind: 'pairs'; readonly frame: number; readonly rows: readonly [number, number]; readonly shuffles: readonly [number, number] };

/** What the plan needs to know of each frame (in frameKeys order). */
export interface FrameShape {
  readonly neurons: number;
  readonly trials: number;
  /** Stimulus values (each has its own scatter) and discriminations (each its own covariance). */
  readonly classes: number;
  readonly levels: number;
  readonly subsetNeurons: number | null;
}

export interface ShardPlan {
  readonly shards: number;
  readonly units: readonly WorkUnit[];
  /** Estimated cost of each unit (flop-like units; only ratios matter). */
  readonly cost: readonly number[];
  /** Unit indices of each shard, in unit order. */
  readonly assignment: readonly (readonly number[])[];
  /** The most bytes a pair unit's block is planned to hold (rows × neurons × arrays). */
  readonly blockBytes: number;
}

/**
 * Fewest rows a pair block is cut to while memory allows: every shuffle of a block permutes the trials of
 * all neurons from its first row on (O(N·T)), which only pays off against the block's N·T per row of
 * cross products when a block has tens of rows; finer work comes from cutting the shuffles instead.
 */
export const MIN_BLOCK_ROWS = 64;

/** Arrays of rows × N doubles a pair block holds at once: a scatter per value, a covariance per level, the outputs. */
function blockArrays(shape: FrameShape): number {
  return shape.classes + shape.levels + 6;
}

/** Bytes a pair block of rows [r0, r1) holds above its frame's O(N·T) inputs: its rows against columns r0…N. */
export function blockBytes(shape: FrameShape, r0: number, r1: number): number {
  return (r1 - r0) * (shape.neurons - r0) * 8 * blockArrays(shape);
}

/**
 * Bytes a frame unit (the population measures) holds: its model keeps a full N × N scatter per stimulus
 * value and a covariance per discrimination, and the pair pass of the frame's own noise correlations one
 * more. Not cut into blocks: at 10,000 neurons this is gigabytes (see README, "Running on a cluster").
 */
export function frameUnitBytes(shape: FrameShape): number {
  return shape.neurons * shape.neurons * 8 * (shape.classes + shape.levels + 1) + frameInputBytes(shape);
}

/** Bytes every unit of a frame holds whatever its block: the responses, centred per value and one shuffled copy. */
export function frameInputBytes(shape: FrameShape): number {
  return shape.neurons * shape.trials * 8 * 3;
}

function frameCost(shape: FrameShape, settings: AnalysisSettings): number {
  const n = shape.neurons;
  const solves = shape.subsetNeurons !== null ? Math.max(settings.subsets, 50) * shape.levels * shape.subsetNeurons ** 3 : shape.levels * n ** 3;
  return n * n * shape.trials + solves + settings.intervalDraws * n * shape.levels + settings.permutations * n * shape.trials;
}

function pairCost(shape: FrameShape, rows: readonly [number, number], shuffles: number): number {
  const pairs = pairsInRows(shape.neurons, rows[0], rows[1]);
  return pairs * (shape.trials + 40 * shape.levels) * (1 + shuffles);
}

/**
 * The plan for `shards` shards. `maxBlockBytes` bounds each pair block (--max-memory less the frame's
 * inputs); blocks are also cut fine enough that there are about four units per shard.
 */
export function shardPlan(frames: readonly FrameShape[], settings: AnalysisSettings, shards: number, maxBlockBytes: number, minBlockRows = MIN_BLOCK_ROWS): ShardPlan {
  if (!(Number.isInteger(shards) && shards >= 1)) throw new Error(`a run has at least one shard, got ${shards}`);
  const shuffles = settings.shuffles;
  const whole = frames.map((shape) => frameCost(shape, settings) + (shape.neurons > 1 ? pairCost(shape, [0, shape.neurons], shuffles) : 0));
  const target = whole.reduce((a, b) => a + b, 0) / (shards * 4);
  const units: WorkUnit[] = [];
  const cost: number[] = [];
  let largestBlock = 0;
  frames.forEach((shape, frame) => {
    units.push({ kind: 'frame', frame });
    cost.push(frameCost(shape, settings));
    const n = shape.neurons;
    if (n < 2) return;
    const total = pairCost(shape, [0, n], shuffles);
    // Equal pairs per block give the first block about n / (2k) rows.
    const byWork = Math.min(Math.ceil(total / target), Math.max(1, Math.floor(n / (2 * minBlockRows))));
    let rowBlocks = Math.min(n - 1, Math.max(1, byWork, Math.ceil(blockBytes(shape, 0, n) / Math.max(maxBlockBytes, 1))));
    let cuts = rowCuts(n, rowBlocks);
    // Equal pairs per block put more rows in the later blocks: cut finer until the largest block fits.
    while (rowBlocks < n - 1 && largestOf(shape, cuts) > maxBlockBytes) cuts = rowCuts(n, (rowBlocks = Math.min(n - 1, Math.ceil(rowBlocks * 1.1))));
    const perBlock = total / (cuts.length - 1);
    // Rows alone cannot be cut finer than one row: shuffle blocks make up the rest.
    const shuffleBlocks = shuffles === 0 ? 1 : Math.min(shuffles, Math.max(1, Math.ceil(perBlock / target)));
    const shuffleCuts = Array.from({ length: shuffleBlocks + 1 }, (_, k) => Math.round((k * shuffles) / shuffleBlocks));
    for (let r = 0; r + 1 < cuts.length; r++) {
      const rows = [cuts[r]!, cuts[r + 1]!] as const;
      largestBlock = Math.max(largestBlock, blockBytes(shape, rows[0], rows[1]));
      for (let s = 0; s + 1 < shuffleCuts.length; s++) {
        const block = [shuffleCuts[s]!, shuffleCuts[s + 1]!] as const;
        units.push({ kind: 'pairs', frame, rows, shuffles: block });
        cost.push(pairCost(shape, rows, block[1] - block[0]));
      }
    }
  });
  return { shards, units, cost, assignment: assign(cost, shards), blockBytes: largestBlock };
}

function largestOf(shape: FrameShape, cuts: readonly number[]): number {
  let largest = 0;
  for (let k = 0; k + 1 < cuts.length; k++) largest = Math.max(largest, blockBytes(shape, cuts[k]!, cuts[k + 1]!));
  return largest;
}

/** Row boundaries 0 = c_0 < … < c_k = n cutting the upper triangle into k blocks of about equal pairs. */
export function rowCuts(n: number, blocks: number): number[] {
  const total = pairsInRows(n, 0, n);
  const cuts = [0];
  let done = 0;
  for (let i = 0; i < n && cuts.length < blocks; i++) {
    done += n - 1 - i;
    if (done >= (total * cuts.length) / blocks && i + 1 < n) cuts.push(i + 1);
  }
  cuts.push(n);
  return [...new Set(cuts)];
}

/** Longest processing time first: each unit, largest first (ties by index), to the least loaded shard (ties by shard). */
function assign(cost: readonly number[], shards: number): number[][] {
  const order = cost.map((c, k) => [c, k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const load = new Float64Array(shards);
  const out: number[][] = Array.from({ length: shards }, () => []);
  for (const [c, k] of order) {
    let best = 0;
    for (let s = 1; s < shards; s++) if (load[s]! < load[best]!) best = s;
    load[best]! += c;
    out[best]!.push(k);
  }
  for (const list of out) list.sort((a, b) => a - b);
  return out;
}
