import type { LevelStatistics } from './levelStatistics';

/*
 * How the shuffled information I_shuffle = Σ_i I_i varies, and with I. The neurons' estimates are not
 * independent (their noise is correlated, and in zero-signal mode every level shares one Σ̂), so the
 * variance of the sum is the sum of their covariances, from the delta method for Gaussian noise with ρ_ij
 * the noise correlation and d_i = f′_i/σ_i (I_i = d_i²), scaled so that i = j gives the exact
 * single-neuron variance [2(I+g)² + (ν−2)(4gI + 2g²)]/(ν−4):
 *   Cov(Î_i, Î_j) = 2ρ²(I_i+g)(I_j+g)/(ν−4) + (ν−2)/(ν−4) · (4g d_i d_j ρ + 2g²ρ²)     (same level)
 *   Cov(Î_l,i, Î_m,j) = 2ρ²(I_l,i+g_l)(I_m,j+g_m)/(ν−4)                                  (levels sharing Σ̂)
 * and for I with I_shuffle, through the shared f̂′ (same level) and Σ̂:
 *   Cov(Î_l, Î_sh,m) = Σ_i 2(I_l,i+g_l)(I_m,i+g_m)/(ν−4) + [l = m] (ν−2)/(ν−4) (4g I_sh + 2Ng²).
 * The last is the roughest (the population's own Σ̂ error scales as 1/(ν−N−3); a denominator of
 * √((ν−4)(ν−N−3)) overstated the correlation and I_red's interval covered 82% at ν/N = 1.3); the
 * validation (npm run validate) checks the intervals built on these.
 */

export interface ShuffledCovariances {
  /** L × L: Cov(Î_sh,l, Î_sh,m). */
  readonly shuffled: Float64Array;
  /** L × L: Cov(Î_l, Î_sh,m). */
  readonly cross: Float64Array;
}

/**
 * `singles[l][k]`: level l's bias-corrected information of the k-th neuron of `positions`; `shuffled[l]`
 * their sum. `sharedCovariance`: the levels share one Σ̂ (else levels are independent).
 */
export function shuffledCovariances(
  levels: readonly LevelStatistics[],
  n: number,
  positions: Int32Array,
  singles: readonly Float64Array[],
  shuffled: ArrayLike<number>,
  sharedCovariance: boolean,
): ShuffledCovariances {
  const L = levels.length;
  const size = positions.length;
  const out = { shuffled: new Float64Array(L * L), cross: new Float64Array(L * L) };
  if (L === 0) return out;
  // One Σ̂'s correlations serve every level in zero-signal mode; in pooled mode each level has its own.
  const correlation = (level: LevelStatistics, a: number, b: number): number => {
    const c = level.covariance;
    const [pa, pb] = [positions[a]!, positions[b]!];
    const denominator = Math.sqrt(c[pa * n + pa]! * c[pb * n + pb]!);
    return denominator > 0 ? c[pa * n + pb]! / denominator : 0;
  };
  const info = singles.map((values) => Float64Array.from(values, (v) => Math.max(v, 0)));
  const signed = levels.map((level, l) => Float64Array.from(positions, (p, k) => Math.sign(level.fPrime[p]!) * Math.sqrt(info[l]![k]!)));
  for (let l = 0; l < L; l++) {
    for (let m = l; m < L; m++) {
      if (l !== m && !sharedCovariance) continue;
      const [a, b] = [levels[l]!, levels[m]!];
      const dof = a.sampling.dof;
      const [gl, gm] = [a.sampling.g, b.sampling.g];
      const single = dof - 4;
      const population = dof - 4;
      let sum = 0;
      let cross = 0;
      for (let i = 0; i < size; i++) {
        cross += (2 * (info[l]![i]! + gl) * (info[m]![i]! + gm)) / population;
        for (let j = 0; j < size; j++) {
          const rho = i === j ? 1 : correlation(a, i, j);
          sum += (2 * rho * rho * (info[l]![i]! + gl) * (info[m]![j]! + gm)) / single;
          if (l === m) sum += ((dof - 2) / single) * (4 * gl * signed[l]![i]! * signed[l]![j]! * rho + 2 * gl * gl * rho * rho);
        }
      }
      if (l === m) cross += ((dof - 2) / single) * (4 * gl * Math.max(shuffled[l]!, 0) + 2 * size * gl * gl);
      out.shuffled[l * L + m] = out.shuffled[m * L + l] = sum;
      out.cross[l * L + m] = cross;
      // Cov(Î_m, Î_sh,l) by the same formula with the levels' roles swapped (equal when they share Σ̂ and g).
      if (l !== m) {
        let swapped = 0;
        for (let i = 0; i < size; i++) swapped += (2 * (info[m]![i]! + gm) * (info[l]![i]! + gl)) / population;
        out.cross[m * L + l] = swapped;
      }
    }
  }
  return out;
}

/** wᵀ C w for an L × L matrix C. */
export function quadraticForm(weights: ArrayLike<number>, matrix: Float64Array): number {
  const L = weights.length;
  let sum = 0;
  for (let l = 0; l < L; l++) for (let m = 0; m < L; m++) sum += weights[l]! * weights[m]! * matrix[l * L + m]!;
  return sum;
}
