import { studentTTwoSided } from '../math/studentT';

/**
 * A trend across sessions whose estimates differ in precision — trial counts grow over a learning series,
 * and early sessions are noisier. Permuting the values over sessions (the old test) assumes they are
 * exchangeable; with precision rising along the series the extreme sessions weigh most and the noisiest
 * is at one end, so 14% of null series came out "significant" at 5% (npm run validate). This is a
 * mixed-effects meta-regression: weights 1/(v_i + τ²) with each session's sampling variance v_i and the
 * between-session variance τ² (DerSimonian–Laird moments), and the Knapp–Hartung t test with k − 2
 * degrees of freedom, which scales the slope's variance by the weighted residuals — so a common error in
 * the scale of the v_i cancels (Knapp & Hartung 2003, Stat Med 22:2693; Viechtbauer 2005).
 * Without variances (v = null) it is ordinary least squares with its t test.
 */
export interface WeightedTrend {
  readonly slope: number;
  readonly p: number;
  readonly points: number;
  readonly betweenVariance: number;
}

function weightedFit(x: readonly number[], y: readonly number[], w: readonly number[]): { slope: number; intercept: number; sxx: number; residual: number } {
  const total = w.reduce((s, v) => s + v, 0);
  const mx = x.reduce((s, v, i) => s + w[i]! * v, 0) / total;
  const my = y.reduce((s, v, i) => s + w[i]! * v, 0) / total;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += w[i]! * (x[i]! - mx) * (y[i]! - my);
    sxx += w[i]! * (x[i]! - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  const residual = y.reduce((s, v, i) => s + w[i]! * (v - intercept - slope * x[i]!) ** 2, 0);
  return { slope, intercept, sxx, residual };
}

export function weightedTrendTest(x: readonly number[], y: readonly number[], v: readonly number[] | null): WeightedTrend {
  const k = x.length;
  const usable = v !== null && v.every((value) => value > 0 && Number.isFinite(value));
  const fixed = usable ? v.map((value) => 1 / value) : x.map(() => 1);
  let tau2 = 0;
  if (usable && k > 2) {
    // DerSimonian–Laird for a line: Q_E against its expectation k − 2 under τ² = 0.
    const fit = weightedFit(x, y, fixed);
    const total = fixed.reduce((s, w) => s + w, 0);
    const mx = x.reduce((s, value, i) => s + fixed[i]! * value, 0) / total;
    // tr(P) for the weighted hat matrix of a line: Σw − [Σw² + Σw²(x − x̄)²·Σw/Sxx]/Σw, written out.
    const sw2 = fixed.reduce((s, w) => s + w * w, 0);
    const sw2x = fixed.reduce((s, w, i) => s + w * w * (x[i]! - mx) ** 2, 0);
    const trace = total - sw2 / total - (fit.sxx > 0 ? sw2x / fit.sxx : 0);
    tau2 = trace > 0 ? Math.max(0, (fit.residual - (k - 2)) / trace) : 0;
  }
  const weights = usable ? v.map((value) => 1 / (value + tau2)) : fixed;
  const fit = weightedFit(x, y, weights);
  if (k <= 2 || !(fit.sxx > 0)) return { slope: fit.slope, p: 1, points: k, betweenVariance: tau2 };
  // Knapp–Hartung: the slope's variance from the weighted residuals, so a common scale error in v cancels.
  const q = fit.residual / (k - 2);
  const t = fit.slope / Math.sqrt(q / fit.sxx);
  return { slope: fit.slope, p: q > 0 ? studentTTwoSided(t, k - 2) : fit.slope === 0 ? 1 : 0, points: k, betweenVariance: tau2 };
}

export interface WeightedMean {
  readonly mean: number;
  readonly p: number;
  readonly points: number;
  readonly betweenVariance: number;
}

/**
 * Whether values with sampling variances v (task − passive differences of the same days, within-trial
 * slopes of sessions) differ from 0 on average: the random-effects mean (weights 1/(v_i + τ²), τ² by
 * DerSimonian–Laird) with the Knapp–Hartung t test on k − 1 degrees of freedom. Without variances: the
 * plain one-sample t test.
 */
export function weightedMeanTest(values: readonly number[], v: readonly number[] | null): WeightedMean {
  const k = values.length;
  const usable = v !== null && v.every((value) => value > 0 && Number.isFinite(value));
  const fixed = usable ? v.map((value) => 1 / value) : values.map(() => 1);
  const fit = (w: readonly number[]) => {
    const total = w.reduce((s, x) => s + x, 0);
    const mean = values.reduce((s, x, i) => s + w[i]! * x, 0) / total;
    return { total, mean, residual: values.reduce((s, x, i) => s + w[i]! * (x - mean) ** 2, 0) };
  };
  let tau2 = 0;
  if (usable && k > 1) {
    const first = fit(fixed);
    const trace = first.total - fixed.reduce((s, w) => s + w * w, 0) / first.total;
    tau2 = trace > 0 ? Math.max(0, (first.residual - (k - 1)) / trace) : 0;
  }
  const weights = usable ? v.map((value) => 1 / (value + tau2)) : fixed;
  const { total, mean, residual } = fit(weights);
  if (k < 2) return { mean, p: 1, points: k, betweenVariance: tau2 };
  const q = residual / (k - 1);
  const t = mean / Math.sqrt(q / total);
  return { mean, p: q > 0 ? studentTTwoSided(t, k - 1) : mean === 0 ? 1 : 0, points: k, betweenVariance: tau2 };
}
