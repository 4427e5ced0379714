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
 * The last is exact for Gaussian noise (the Wishart's Schur complement is independent of its diagonal)
 * when each (I_i + g)² is estimated without bias (unbiasedProduct): the plain product of estimates
 * carries their variance, about 2g² per weakly tuned neuron, which overstated the correlation of I and
 * I_shuffle and narrowed I_red's interval (92% coverage at N = 10, ν/N = 2). The correlation's Var(I_sh)
 * is estimated the same way (`shuffledUnbiased`: no clipping at 0, ρ̂² less its (1 − ρ̂²)²/ν bias);
 * the interval of I_sh keeps `shuffled`, whose clipped plug-ins make it conservative where I_i ≲ g.
 * npm run validate checks the intervals built on these.
 */

export interface ShuffledCovariances {
  /** L × L: Cov(Î_sh,l, Î_sh,m). */
  readonly shuffled: Float64Array;
  /** The same from unbiased estimates of every moment (no clipping), for I_red's correlation. */
  readonly shuffledUnbiased: Float64Array;
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
  const out = { shuffled: new Float64Array(L * L), shuffledUnbiased: new Float64Array(L * L), cross: new Float64Array(L * L) };
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
      let unbiased = 0;
      let cross = 0;
      for (let i = 0; i < size; i++) {
        cross += (2 * unbiasedProduct(singles[l]![i]!, gl, singles[m]![i]!, gm, dof, l === m)) / population;
        for (let j = 0; j < size; j++) {
          const rho = i === j ? 1 : correlation(a, i, j);
          // ρ̂² is biased up by (1 − ρ²)²/ν, which summed over N² pairs inflated Var(I_sh) by ~N²/ν.
          const rho2 = i === j ? 1 : Math.max(rho * rho - (1 - rho * rho) ** 2 / dof, 0);
          sum += (2 * rho2 * (info[l]![i]! + gl) * (info[m]![j]! + gm)) / single;
          if (l === m) sum += ((dof - 2) / single) * (4 * gl * signed[l]![i]! * signed[l]![j]! * rho + 2 * gl * gl * rho2);
          if (i === j) {
            unbiased += (2 * unbiasedProduct(singles[l]![i]!, gl, singles[m]![i]!, gm, dof, l === m)) / single;
            if (l === m) unbiased += ((dof - 2) / single) * (4 * gl * singles[l]![i]! + 2 * gl * gl);
          } else {
            const rho2 = Math.max(rho * rho - (1 - rho * rho) ** 2 / dof, 0);
            unbiased += (2 * rho2 * (singles[l]![i]! + gl) * (singles[m]![j]! + gm)) / single;
            if (l === m) unbiased += ((dof - 2) / single) * (4 * gl * signed[l]![i]! * signed[l]![j]! * rho + 2 * gl * gl * rho2);
          }
        }
      }
      out.shuffledUnbiased[l * L + m] = out.shuffledUnbiased[m * L + l] = unbiased;
      if (l === m) cross += ((dof - 2) / single) * (4 * gl * Math.max(shuffled[l]!, 0) + 2 * size * gl * gl);
      out.shuffled[l * L + m] = out.shuffled[m * L + l] = sum;
      out.cross[l * L + m] = cross;
      // Cov(Î_m, Î_sh,l) by the same formula with the levels' roles swapped (equal when they share Σ̂ and g).
      if (l !== m) {
        let swapped = 0;
        for (let i = 0; i < size; i++) swapped += (2 * unbiasedProduct(singles[m]![i]!, gm, singles[l]![i]!, gl, dof, false)) / population;
        out.cross[m * L + l] = swapped;
      }
    }
  }
  return out;
}

/**
 * An unbiased estimate of (I_l + g_l)(I_m + g_m) for one neuron from its estimates at two levels (same
 * level: Var(Î) = [2(I+g)² + (ν−2)(4gI+2g²)]/(ν−4) removed; two levels sharing Σ̂: their covariance
 * 2(I_l+g_l)(I_m+g_m)/(ν−4) removed). It may be negative for one neuron; the sums are what must be unbiased.
 */
function unbiasedProduct(il: number, gl: number, im: number, gm: number, dof: number, sameLevel: boolean): number {
  const shrink = (dof - 4) / (dof - 2);
  if (!sameLevel) return (il + gl) * (im + gm) * shrink;
  return ((il + gl) ** 2 - ((dof - 2) * (4 * gl * il + 2 * gl * gl)) / (dof - 4)) * shrink;
}

/** wᵀ C w for an L × L matrix C. */
export function quadraticForm(weights: ArrayLike<number>, matrix: Float64Array): number {
  const L = weights.length;
  let sum = 0;
  for (let l = 0; l < L; l++) for (let m = 0; m < L; m++) sum += weights[l]! * weights[m]! * matrix[l * L + m]!;
  return sum;
}
