/**
 * The WebGPU backend in Node (the `webgpu` package; with no GPU here, SwiftShader), against the f64 CPU
 * kernels. Stated bounds: the cross-product within 1e-6 of each entry's scale sqrt(C_ii C_jj) (f32
 * inputs and products, compensated sums; typically ~1e-7); the population's solves within 1e-12
 * relative of the CPU's (f32 factor, refined in f64); a frame's observed values identical, its
 * shuffle-null p-values moved only by ties the f32 products break. Skipped with one line where WebGPU
 * for Node finds no adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGpuKernels } from '../../../helpers/testGpu';
import type { GpuKernels } from '../../../../shared/analysis/gpu/gpuKernels';
import { crossProductScalar, inverseQuadraticForm } from '../../../../shared/analysis/linalg';
import { simulateLearningDataset } from '../../../../shared/simulate/learningDemo';
import { resolveSettings } from '../../../../shared/analysis/settings';
import { planFrame } from '../../../../shared/analysis/framePlan';
import { analyzeFrame, analyzeFrameAsync, NO_CONTEXT } from '../../../../shared/analysis/frameAnalysis';

let kernels: GpuKernels | null = null;
let reason = '';
beforeAll(async () => {
  ({ kernels, reason } = await testGpuKernels());
  if (!kernels) console.warn(`gpuKernels.test.ts: skipped, ${reason}`);
}, 60_000);
afterAll(() => kernels?.destroy());

let seed = 5;
const uniform = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;

/** A noise covariance as the analysis makes them: X Xᵀ/m of m trials, with a shared factor. */
function covariance(n: number, m: number): Float64Array {
  const shared = Float64Array.from({ length: m }, uniform);
  const x = Float64Array.from({ length: n * m }, (_, k) => uniform() + 0.6 * shared[k % m]!);
  return crossProductScalar(x, n, m).map((value) => value / m);
}

describe('the WebGPU backend (Node)', () => {
  it('computes X Xᵀ within 1e-6 of each entry\'s scale, for ragged and tile-sized shapes', async (context) => {
    if (!kernels) return context.skip();
    let worstOverall = 0;
    for (const [n, m] of [[1, 1], [3, 5], [16, 16], [17, 33], [120, 400]] as const) {
      const x = Float64Array.from({ length: n * m }, uniform);
      const c = await kernels.crossProduct(x, n, m);
      const exact = crossProductScalar(x, n, m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const error = Math.abs(c[i * n + j]! - exact[i * n + j]!) / Math.sqrt(exact[i * n + i]! * exact[j * n + j]!);
          expect(error, `${n} × ${m} at ${i},${j}`).toBeLessThan(1e-6);
          worstOverall = Math.max(worstOverall, error);
        }
      }
    }
    expect(worstOverall).toBeGreaterThan(1e-12); // f32 on the way: not the f64 kernel in disguise
  });

  it('computes X Xᵀ in double-float within 1e-12 of each entry\'s scale, whatever the rows\' magnitudes, where the device\'s arithmetic allows it', async (context) => {
    if (!kernels) return context.skip();
    if (!kernels.crossProductPrecise) {
      console.warn(`gpuKernels.test.ts: double-float skipped, this adapter's f32 arithmetic fails the exactness check (${reason})`);
      return context.skip();
    }
    let worstOverall = 0;
    for (const [n, m, magnitude] of [[1, 1, 1], [3, 5, 1e-30], [17, 33, 1e15], [40, 1000, 1], [120, 400, 3.7]] as const) {
      const shared = Float64Array.from({ length: m }, uniform);
      // Rows of very different sizes (one row 1e6 times smaller), so the per-row scaling is exercised.
      const x = Float64Array.from({ length: n * m }, (_, k) => magnitude * (Math.floor(k / m) === 1 ? 1e-6 : 1) * (uniform() + 0.7 * shared[k % m]!));
      const c = await kernels.crossProductPrecise(x, n, m);
      const exact = crossProductScalar(x, n, m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          expect(c[i * n + j], `${n} × ${m} at ${i},${j}`).toBe(c[j * n + i]);
          const error = Math.abs(c[i * n + j]! - exact[i * n + j]!) / Math.sqrt(exact[i * n + i]! * exact[j * n + j]!);
          expect(error, `${n} × ${m} × ${magnitude} at ${i},${j}`).toBeLessThan(1e-12);
          worstOverall = Math.max(worstOverall, error);
        }
      }
    }
    console.log(`gpuKernels.test.ts: double-float cross-product, worst error on the entries' scale ${worstOverall.toExponential(1)}`);
  });

  it('factors and solves in f32: L within 1e-4 of the f64 factor, status for a matrix that is not positive definite', async (context) => {
    if (!kernels) return context.skip();
    const n = 40;
    const a = covariance(n, 200);
    const indefinite = Float64Array.from(a);
    indefinite[7 * n + 7] = -1;
    const b = Float64Array.from({ length: 2 * n }, uniform);
    const both = new Float64Array(2 * n * n);
    both.set(a);
    both.set(indefinite, n * n);
    const low = await kernels.choleskySolveBatch(both, b, 2, n);
    expect(low.status[0]).toBe(0);
    expect(low.status[1]).toBe(8); // pivot 7, reported as k + 1
    const l = Float64Array.from(a);
    const { choleskyScalar } = await import('../../../../shared/analysis/linalg');
    expect(choleskyScalar(l, n)).toBe(true);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) expect(Math.abs(low.factors[i * n + j]! - l[i * n + j]!), `${i},${j}`).toBeLessThan(1e-4 * Math.sqrt(a[i * n + i]!));
    const reference = inverseQuadraticForm(a, n, b.subarray(0, n))!;
    const unrefined = Array.from(low.solutions.subarray(0, n)).reduce((s, x, i) => s + x * b[i]!, 0);
    expect(Math.abs(unrefined - reference) / reference).toBeLessThan(1e-3);
  });

  it('gives each bᵀA⁻¹b within 1e-12 of the f64 CPU solve, and the CPU\'s own answer where f32 cannot factor', async (context) => {
    if (!kernels) return context.skip();
    for (const n of [1, 2, 17, 100]) {
      const systems = [covariance(n, 3 * n + 5), covariance(n, 2 * n + 5)].map((a) => ({ a, b: Float64Array.from({ length: n }, uniform) }));
      const forms = await kernels.quadraticForms(systems, n);
      expect(forms.refined, `n ${n}`).toBe(2);
      systems.forEach((system, s) => {
        const reference = inverseQuadraticForm(system.a, n, system.b)!;
        expect(Math.abs(forms.values[s]! - reference) / reference, `n ${n} system ${s}`).toBeLessThan(1e-12);
      });
    }
    // Singular (rank 1), indefinite, non-finite, and ill-conditioned past f32: the CPU decides, exactly as inverseQuadraticForm.
    const n = 6;
    const ones = new Float64Array(n * n).fill(1);
    const indefinite = covariance(n, 20).map((v, k) => (k === 0 ? -v : v));
    const withNaN = covariance(n, 20).map((v, k) => (k === 3 ? Number.NaN : v));
    const illConditioned = covariance(n, 20);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) illConditioned[i * n + j] = i === j ? 1 + 1e-11 : 1;
    const b = [1, -2, 3, 0.5, 2, -1];
    const hard = [ones, indefinite, withNaN, illConditioned].map((a) => ({ a, b }));
    const forms = await kernels.quadraticForms(hard, n);
    expect(forms.solvedOnCpu).toBe(4);
    hard.forEach((system, s) => expect(Object.is(forms.values[s], inverseQuadraticForm(system.a, n, system.b)), `system ${s}`).toBe(true));
  });

  it('analyses a frame with its covariances, its population solve and its shuffle null on the GPU: estimates to 1e-12, p-values within a few ties', async (context) => {
    if (!kernels) return context.skip();
    const dataset = simulateLearningDataset({ neurons: 20, sessions: 1, trialsPerSide: 40 });
    const settings = resolveSettings({ shuffles: 40, subsets: 10, intervalDraws: 0, permutations: 0 });
    const key = { sessionIndex: 0, epochIndex: 1 };
    const planned = planFrame(dataset, key, settings);
    const cpu = analyzeFrame(dataset, key.sessionIndex, key.epochIndex, settings, NO_CONTEXT, planned);
    // The GPU really did the work: its solves refined (not handed back to the CPU), its products batched.
    const used = { refined: 0, solvedOnCpu: 0, batches: 0, covariances: 0 };
    const device = kernels;
    const counted = {
      adapter: device.adapter,
      crossProductBatch: (x: Float64Array, batch: number, n: number, m: number) => (used.batches++, device.crossProductBatch(x, batch, n, m)),
      crossProductPrecise: device.crossProductPrecise && ((x: Float64Array, n: number, m: number) => (used.covariances++, device.crossProductPrecise!(x, n, m))),
      quadraticForms: async (systems: Parameters<GpuKernels['quadraticForms']>[0], n: number) => {
        const forms = await device.quadraticForms(systems, n);
        used.refined += forms.refined;
        used.solvedOnCpu += forms.solvedOnCpu;
        return forms;
      },
    };
    const gpu = await analyzeFrameAsync(dataset, key, settings, NO_CONTEXT, planned, counted);
    expect(used.refined).toBeGreaterThan(0);
    expect(used.solvedOnCpu).toBe(0);
    expect(used.batches).toBeGreaterThan(0);
    if (device.crossProductPrecise) expect(used.covariances).toBeGreaterThan(0);
    // The observed covariances in double-float (4e-14 on their scale) and the solves refined to f64: the
    // estimates agree to 1e-12, and the pairs' f32 values to one f32 rounding.
    const fisherError = Math.abs(gpu.population.fisher - cpu.population.fisher) / cpu.population.fisher;
    console.log(`gpuKernels.test.ts: frame on the GPU, I_bc relative error ${fisherError.toExponential(1)}`);
    expect(fisherError).toBeLessThan(1e-12);
    expect(Math.abs(gpu.population.fisherNaive - cpu.population.fisherNaive) / cpu.population.fisherNaive).toBeLessThan(1e-12);
    const ulps = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((w, value, k) => Math.max(w, Math.abs(value - b[k]!) / Math.max(Math.abs(b[k]!), 1e-30)), 0);
    expect(ulps(gpu.pairRedundancy, cpu.pairRedundancy)).toBeLessThanOrEqual(2 ** -23);
    expect(ulps(gpu.pairNoiseCorrelation, cpu.pairNoiseCorrelation)).toBeLessThanOrEqual(2 ** -23);
    const step = 1 / (settings.shuffles + 1);
    const worst = (a: Float32Array | null, b: Float32Array | null) => a!.reduce((w, value, k) => Math.max(w, Math.abs(value - b![k]!)), 0);
    expect(worst(gpu.pairRedundancyP, cpu.pairRedundancyP)).toBeLessThanOrEqual(3 * step + 1e-6);
    expect(worst(gpu.pairNoiseCorrelationP, cpu.pairNoiseCorrelationP)).toBeLessThanOrEqual(step + 1e-6);
  });
});
