import type { RandomSource } from '../random/seededRandom';
import { groupTrialsByStimulus } from './stimulusGroups';
import { permutationP } from './stats';

/**
 * Choice probability (Britten, Newsome, Shadlen, Celebrini & Movshon 1996): the ROC area between a
 * neuron's responses before its preferred choice and before the other choice, at a fixed stimulus;
 * ties count ½. A neuron's preferred choice is the one its tuning favours (choice 1 when f′ ≥ 0), so
 * CP > 0.5 means it fires more before the choice its own signal argues for.
 */
export function rocArea(preferred: ArrayLike<number>, other: ArrayLike<number>): number {
  const a = Float64Array.from(preferred).sort();
  const b = Float64Array.from(other).sort();
  // U = #{a > b} + ½ #{a = b}, counted by merging the two sorted lists.
  let u = 0;
  let below = 0;
  let equalStart = 0;
  for (const value of a) {
    while (below < b.length && b[below]! < value) below++;
    equalStart = below;
    let equal = equalStart;
    while (equal < b.length && b[equal] === value) equal++;
    u += below + 0.5 * (equal - equalStart);
  }
  return u / (a.length * b.length);
}

/** Average ranks (1-based), ties sharing the mean rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, k) => k).sort((x, y) => values[x]! - values[y]!);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!] = rank;
    start = end + 1;
  }
  return ranks;
}

export interface ChoiceProbabilities {
  /** Grand CP: responses z-scored within each stimulus condition, pooled, one ROC. */
  readonly grand: Float64Array;
  /** Trial-weighted mean of the per-condition CPs (Kang & Maunsell 2012: unbiased when choice ratios differ). */
  readonly weighted: Float64Array;
  /** Two-sided permutation p of the grand CP (choices permuted within conditions); null without permutations. */
  readonly p: Float64Array | null;
}

/**
 * CPs of n neurons (values variable-major [neuron][trial]) from trials with a choice. Conditions are
 * stimulus values holding both choices. Returns null with the reason when CP is undefined.
 */
export function choiceProbabilities(
  values: Float64Array,
  n: number,
  trials: number,
  stimulus: Float64Array,
  choice: Uint8Array,
  preferredChoice: Uint8Array,
  permutations: number,
  random: RandomSource,
  /** Only the trials of these stimulus values (the zero-signal trials, the study's choice); null: every condition. */
  only: ((stimulusValue: number) => boolean) | null = null,
): ChoiceProbabilities | { reason: string } {
  const conditions = [...groupTrialsByStimulus(stimulus).entries()]
    .filter(([value]) => only === null || only(value))
    .map(([, group]) => ({ group, ones: group.filter((t) => choice[t] === 1).length }))
    .filter(({ group, ones }) => ones > 0 && ones < group.length);
  if (conditions.length === 0) {
    const first = choice[0];
    const same = choice.every((c) => c === first);
    return {
      reason: same
        ? `CP undefined: every trial has the same choice (${first})`
        : 'CP undefined: no stimulus condition has trials with both choices',
    };
  }
  const pooled = conditions.flatMap(({ group }) => group);
  const labels = Uint8Array.from(pooled, (t) => choice[t]!);
  const onesTotal = labels.reduce((s, c) => s + c, 0);
  const zerosTotal = pooled.length - onesTotal;
  const grand = new Float64Array(n);
  const weighted = new Float64Array(n);
  const ranks: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const row = k * trials;
    const z: number[] = [];
    let weightedSum = 0;
    let weightTotal = 0;
    for (const { group } of conditions) {
      let sum = 0;
      for (const t of group) sum += values[row + t]!;
      const mean = sum / group.length;
      let squares = 0;
      for (const t of group) squares += (values[row + t]! - mean) ** 2;
      const sd = Math.sqrt(squares / Math.max(1, group.length - 1));
      for (const t of group) z.push(sd > 0 ? (values[row + t]! - mean) / sd : 0);
      const ones = group.filter((t) => choice[t] === 1).map((t) => values[row + t]!);
      const zeros = group.filter((t) => choice[t] === 0).map((t) => values[row + t]!);
      const cp = preferredChoice[k] === 1 ? rocArea(ones, zeros) : rocArea(zeros, ones);
      weightedSum += cp * group.length;
      weightTotal += group.length;
    }
    weighted[k] = weightedSum / weightTotal;
    const rank = averageRanks(z);
    ranks.push(rank);
    grand[k] = cpFromRankSum(rankSumOfOnes(rank, labels), onesTotal, zerosTotal, preferredChoice[k]!);
  }
  if (permutations <= 0) return { grand, weighted, p: null };
  // One label permutation (within conditions) serves every neuron: O(T) to draw, O(N·T) to score.
  const extreme = new Float64Array(n);
  const permuted = new Uint8Array(labels.length);
  const offsets: number[] = [];
  let offset = 0;
  for (const { group } of conditions) {
    offsets.push(offset);
    offset += group.length;
  }
  for (let r = 0; r < permutations; r++) {
    conditions.forEach(({ group }, c) => {
      const start = offsets[c]!;
      for (let k = 0; k < group.length; k++) permuted[start + k] = labels[start + k]!;
      for (let i = group.length - 1; i > 0; i--) {
        const j = Math.floor(random.uniform() * (i + 1));
        const swap = permuted[start + i]!;
        permuted[start + i] = permuted[start + j]!;
        permuted[start + j] = swap;
      }
    });
    for (let k = 0; k < n; k++) {
      const cp = cpFromRankSum(rankSumOfOnes(ranks[k]!, permuted), onesTotal, zerosTotal, preferredChoice[k]!);
      if (Math.abs(cp - 0.5) >= Math.abs(grand[k]! - 0.5) - 1e-12) extreme[k]!++;
    }
  }
  return { grand, weighted, p: extreme.map((e) => permutationP(e, permutations)) };
}

function rankSumOfOnes(ranks: Float64Array, labels: Uint8Array): number {
  let sum = 0;
  for (let t = 0; t < labels.length; t++) if (labels[t] === 1) sum += ranks[t]!;
  return sum;
}

/** Mann–Whitney U of the choice-1 trials → ROC area, flipped when the preferred choice is 0. */
function cpFromRankSum(rankSumOnes: number, ones: number, zeros: number, preferred: number): number {
  const u = rankSumOnes - (ones * (ones + 1)) / 2;
  const area = u / (ones * zeros);
  return preferred === 1 ? area : 1 - area;
}

/** Feed-forward readout theory: CP_k = ½ + (2/π) arcsin(ρ_k/√2), ρ_k the correlation with the decision variable. */
export function choiceProbabilityFromReadoutCorrelation(rho: number): number {
  return 0.5 + (2 / Math.PI) * Math.asin(rho / Math.SQRT2);
}
