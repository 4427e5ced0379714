/**
 * bᵀA⁻¹b to f64 accuracy from a low-precision (the GPU's f32) Cholesky factor and solve, by iterative
 * refinement on the CPU: x ← x + L̃⁻ᵀL̃⁻¹(b − A x) with the residual in f64, each step shrinking x's error
 * by about n·cond(A)·2⁻²⁴. The form is read as bᵀx + xᵀr (r = b − Ax), which is 2bᵀx − xᵀAx: its error is
 * second order in x's, so the last correction's size bounds it. When the steps stop shrinking before x
 * is f64-accurate (cond(A) near 1/2⁻²⁴ or over, where f32 cannot hold the factor), it gives null and
 * the caller solves in f64 instead — the answer is then the CPU's, never a worse one.
 */
import { forwardSubstituteScalar } from '../linalg';

export interface LowPrecisionSolve {
  /** L̃, lower triangle of an n × n row-major matrix (entries above the diagonal are not read). */
  readonly factor: ArrayLike<number>;
  /** x̃ ≈ A⁻¹b. */
  readonly solution: ArrayLike<number>;
}

/** Converged: a correction this small relative to x (a few f64 ulps) changes nothing further. */
const CONVERGED = 4 * Number.EPSILON;
/**
 * Stalled above CONVERGED but this small: the floor of the f64 residual's own rounding (about
 * cond(A)·2⁻⁵³), accepted — the form's error is second order in x's, so x to 1e-10 leaves it at f64 rounding.
 */
const STALLED_ACCEPTED = 1e-10;
const MAX_STEPS = 100;
/** A step that shrinks the correction by less than this has stalled (convergence is linear, at about n·cond(A)·2⁻²⁴ per step). */
const STALL = 0.9;

export function refinedQuadraticForm(a: Float64Array, n: number, b: ArrayLike<number>, low: LowPrecisionSolve): { value: number; steps: number } | null {
  const x = Float64Array.from({ length: n }, (_, i) => low.solution[i]!);
  if (!x.every(Number.isFinite)) return null;
  const residual = new Float64Array(n);
  let previous = Infinity;
  for (let step = 1; step <= MAX_STEPS; step++) {
    residualOf(a, n, b, x, residual);
    const correction = solveWithFactor(low.factor, n, residual);
    let largestCorrection = 0;
    let largestX = 0;
    for (let i = 0; i < n; i++) {
      x[i]! += correction[i]!;
      largestCorrection = Math.max(largestCorrection, Math.abs(correction[i]!));
      largestX = Math.max(largestX, Math.abs(x[i]!));
    }
    if (!Number.isFinite(largestCorrection)) return null;
    const size = largestX > 0 ? largestCorrection / largestX : largestCorrection;
    const stalled = size > previous * STALL;
    if (size <= CONVERGED || (stalled && size <= STALLED_ACCEPTED)) {
      residualOf(a, n, b, x, residual);
      let value = 0;
      for (let i = 0; i < n; i++) value += (b[i]! + residual[i]!) * x[i]!;
      return { value, steps: step };
    }
    if (stalled && step > 2) return null;
    previous = size;
  }
  return null;
}

/** r = b − A x in f64. */
function residualOf(a: Float64Array, n: number, b: ArrayLike<number>, x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i]!;
    for (let j = 0; j < n; j++) sum -= a[row + j]! * x[j]!;
    out[i] = sum;
  }
}

/** L̃⁻ᵀ L̃⁻¹ r in f64 arithmetic on the low-precision factor's values. */
export function solveWithFactor(factor: ArrayLike<number>, n: number, r: ArrayLike<number>): Float64Array {
  const y = forwardSubstituteScalar(factor, n, r);
  for (let k = n - 1; k >= 0; k--) {
    y[k]! /= factor[k * n + k]!;
    const value = y[k]!;
    const row = k * n;
    for (let i = 0; i < k; i++) y[i]! -= factor[row + i]! * value;
  }
  return y;
}
