import type { RandomSource } from '../random/seededRandom';

/** Linear-interpolated quantile q ∈ [0, 1] of values sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(sorted.length - 1, lower + 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export interface Interval {
  readonly median: number;
  readonly low: number;
  readonly high: number;
}

/** Median and central interval covering `coverage` of the values (0.68 for ±1σ, 0.95 for CIs). */
export function centralInterval(values: ArrayLike<number>, coverage: number): Interval {
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - coverage) / 2;
  return { median: quantileSorted(sorted, 0.5), low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail) };
}

/**
 * Benjamini–Hochberg: which of m p-values are discoveries at false discovery rate q.
 * Significant are the k smallest p, k the largest rank with p_(k) ≤ k q / m.
 */
export function benjaminiHochberg(p: ArrayLike<number>, q: number): Uint8Array {
  const m = p.length;
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => p[a]! - p[b]!);
  let cutoff = -1;
  order.forEach((index, rank) => {
    if (p[index]! <= ((rank + 1) * q) / m) cutoff = rank;
  });
  const significant = new Uint8Array(m);
  for (let rank = 0; rank <= cutoff; rank++) significant[order[rank]!] = 1;
  return significant;
}

/** Permutation p-value with the +1 correction (Phipson & Smyth 2010): never 0. */
export function permutationP(extremeCount: number, permutations: number): number {
  return (extremeCount + 1) / (permutations + 1);
}

/** Least-squares slope of y on x. */
export function linearSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += x[k]!;
    my += y[k]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k]! - mx) * (y[k]! - my);
    sxx += (x[k]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

export interface PairedTest {
  readonly meanDifference: number;
  /** Two-sided sign-flip permutation p (exact when 2ⁿ ≤ permutations). */
  readonly p: number;
  readonly pairs: number;
}

/** Paired test of a − b across matched units (sessions): signs of the differences flipped at random. */
export function pairedSignFlipTest(differences: readonly number[], permutations: number, random: RandomSource): PairedTest {
  const n = differences.length;
  const mean = differences.reduce((s, d) => s + d, 0) / Math.max(1, n);
  let extreme = 0;
  let total = 0;
  if (n > 0 && 2 ** n <= permutations) {
    for (let mask = 0; mask < 2 ** n; mask++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += mask & (1 << k) ? -differences[k]! : differences[k]!;
      if (Math.abs(sum / n) >= Math.abs(mean) - 1e-15) extreme++;
      total++;
    }
    return { meanDifference: mean, p: extreme / total, pairs: n };
  }
  for (let r = 0; r < permutations; r++) {
    let sum = 0;
    for (const d of differences) sum += random.uniform() < 0.5 ? -d : d;
    if (Math.abs(sum / n) >= Math.abs(mean) - 1e-15) extreme++;
  }
  return { meanDifference: mean, p: permutationP(extreme, permutations), pairs: n };
}

/** A seed for one unit of work, so results do not depend on which worker ran it (splitmix-style). */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (part + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h | 0;
}
