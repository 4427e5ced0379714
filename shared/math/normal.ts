import { logGamma } from './studentT';

/**
 * The standard normal's density and distribution function. Φ(x) = ½(1 + sign(x)·P(½, x²/2)), P the
 * regularized lower incomplete gamma (series below a + 1, Lentz's continued fraction above), accurate to
 * ~1e-15 in both tails.
 */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const half = x * x * 0.5;
  // Upper tail Q(½, x²/2) directly where it is small, so Φ(−8) keeps its digits.
  const upper = half < 1.5 ? 1 - lowerGammaSeries(0.5, half) : upperGammaFraction(0.5, half);
  return x >= 0 ? 1 - 0.5 * upper : 0.5 * upper;
}

function lowerGammaSeries(a: number, x: number): number {
  if (x <= 0) return 0;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 500; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function upperGammaFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}
