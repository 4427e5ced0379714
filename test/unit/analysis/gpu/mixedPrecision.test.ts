/**
 * The f64 refinement of a low-precision solve (mixedPrecision.ts), on the CPU: factors rounded to f32
 * from the f64 Cholesky stand in for the GPU's, so its accuracy and its refusals are tested everywhere.
 */
import { describe, expect, it } from 'vitest';
import { refinedQuadraticForm, solveWithFactor } from '../../../../shared/analysis/gpu/mixedPrecision';
import { choleskyScalar, inverseQuadraticForm } from '../../../../shared/analysis/linalg';
import { fileURLToPath } from 'node:url';
import { findNumpyPython, runPythonJson } from '../../../helpers/python';

const python = findNumpyPython();

let seed = 11;
const uniform = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;

/** A = Q diag(λ) Qᵀ with λ spread geometrically from 1 to 1/cond (Q from Gram–Schmidt of random vectors): its condition is `cond`. */
function conditioned(n: number, cond: number): Float64Array {
  const q: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = Float64Array.from({ length: n }, uniform);
    for (const u of q) {
      const dot = v.reduce((s, x, i) => s + x * u[i]!, 0);
      for (let i = 0; i < n; i++) v[i]! -= dot * u[i]!;
    }
    const norm = Math.hypot(...v);
    q.push(v.map((x) => x / norm));
  }
  const a = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const lambda = n === 1 ? 1 : cond ** (-k / (n - 1));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j]! += lambda * q[k]![i]! * q[k]![j]!;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i] = (a[i * n + j]! + a[j * n + i]!) / 2;
  return a;
}

/** The f32 stand-in for the GPU: the f64 factor and solution, each rounded to f32. */
function f32Solve(a: Float64Array, n: number, b: Float64Array) {
  const l = Float64Array.from(a);
  if (!choleskyScalar(l, n)) throw new Error('not positive definite');
  const factor = Float32Array.from(l);
  return { factor, solution: Float32Array.from(solveWithFactor(factor, n, b)) };
}

describe('refinedQuadraticForm', () => {
  it.skipIf(!python.command)(`turns an f32 factor into bᵀA⁻¹b as accurate as the f64 Cholesky, against a 60-digit reference, for condition numbers up to 1e5 (${python.reason})`, () => {
    const cases = [1, 3, 40, 90].flatMap((n) => [1, 1e2, 1e4, 1e5].map((cond) => ({ n, cond, a: conditioned(n, cond), b: Float64Array.from({ length: n }, uniform) })));
    const exact = runPythonJson(python.command!, fileURLToPath(new URL('../../../helpers/exact_quadratic_form.py', import.meta.url)), cases.map(({ n, a, b }) => ({ n, a: Array.from(a), b: Array.from(b) }))) as number[];
    const rows: string[] = [];
    cases.forEach(({ n, cond, a, b }, k) => {
      const where = `n ${n} cond ${cond}`;
      const refined = refinedQuadraticForm(a, n, b, f32Solve(a, n, b));
      expect(refined, where).not.toBeNull();
      const refinedError = Math.abs(refined!.value - exact[k]!) / exact[k]!;
      const cpuError = Math.abs(inverseQuadraticForm(a, n, b)! - exact[k]!) / exact[k]!;
      // f64 rounding times the condition: the bound the f64 Cholesky itself is held to (kernels.test.ts).
      expect(refinedError, where).toBeLessThan(Math.max(1e-14, cond * 1e-15));
      if (cond <= 1e2) expect(refinedError, where).toBeLessThan(1e-13);
      rows.push(`${where}: refined ${refinedError.toExponential(1)} in ${refined!.steps} steps, f64 Cholesky ${cpuError.toExponential(1)}`);
      // Not the f32 answer: the unrefined form is off by far more than that.
      const unrefined = f32Solve(a, n, b).solution.reduce((s, x, i) => s + x * b[i]!, 0);
      if (n > 1 && cond >= 1e2) expect(Math.abs(unrefined - exact[k]!) / exact[k]!, where).toBeGreaterThan(1e-10);
    });
    console.log(`mixedPrecision.test.ts: relative error against the 60-digit reference:\n  ${rows.join('\n  ')}`);
  });

  it('gives up (null: the caller solves in f64) where f32 cannot hold the factor, or the solution is not finite', () => {
    const n = 30;
    const a = conditioned(n, 1e12);
    const b = Float64Array.from({ length: n }, uniform);
    // An f32 factor of a matrix this ill-conditioned is a factor of another matrix: refinement diverges or stalls.
    const low = f32Solve(a, n, b);
    expect(refinedQuadraticForm(a, n, b, low)).toBeNull();
    expect(refinedQuadraticForm(a, n, b, { factor: low.factor, solution: new Float32Array(n).fill(Number.NaN) })).toBeNull();
  });
});
