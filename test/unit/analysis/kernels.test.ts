/**
 * The fast kernels (issue 18): fused multiply-add, helper threads, the WebAssembly Cholesky and solves —
 * each against the reference kernel, and the Cholesky against numpy on ill-conditioned and near-singular
 * matrices.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { choleskyInPlace, choleskyScalar, crossProduct, crossProductRows, forwardSubstitute, forwardSubstituteScalar, inverseQuadraticForm } from '../../../shared/analysis/linalg';
import { chooseKernels, wasmKernels } from '../../../shared/analysis/kernels/wasmKernels';
import { activeKernelTeam } from '../../../shared/analysis/kernels/kernelTeam';
import { enableFusedMultiplyAdd, kernelsFromEnvironment, startKernelThreads } from '../../../node/kernelThreads';
import { seededRandom } from '../../../shared/random/seededRandom';
import { findNumpyPython } from '../../helpers/python';
import { pairwiseRedundancy } from '../../../shared/analysis/pairwiseRedundancy';
import { levelStatistics } from '../../../shared/analysis/levelStatistics';
import { discriminations } from '../../../shared/analysis/discrimination';
import { syntheticFrame } from '../../../bench/workloads';

const random = seededRandom(18);
const normals = (length: number) => Float64Array.from({ length }, () => random.normal());

afterEach(() => {
  activeKernelTeam()?.end();
  chooseKernels({ kernel: 'auto' });
});
afterAll(() => chooseKernels({ kernel: 'auto' }));

/** Largest |a − b| / sqrt(b_ii b_jj): the error of a cross-product entry on its natural scale (|C_ij| ≤ sqrt(C_ii C_jj)). */
function scaledDifference(a: Float64Array, b: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(a[i * n + j]! - b[i * n + j]!) / Math.sqrt(b[i * n + i]! * b[j * n + j]!));
  return worst;
}

describe('fused multiply-add (relaxed SIMD)', () => {
  it('is found on this runtime once enabled, and a product with it is within 1e-12 of the plain SIMD kernel', () => {
    expect(enableFusedMultiplyAdd()).toBe(true);
    chooseKernels({ kernel: 'auto' });
    expect(wasmKernels()!.fma).toBe(true);
    for (const [n, m] of [[1, 1], [7, 1101], [66, 64], [130, 517]] as const) {
      const x = normals(n * m);
      const fused = crossProduct(x, n, m);
      chooseKernels({ kernel: 'simd' });
      expect(wasmKernels()!.fma).toBe(false);
      const plain = crossProduct(x, n, m);
      chooseKernels({ kernel: 'auto' });
      expect(scaledDifference(fused, plain, n)).toBeLessThan(1e-12);
      if (n === 130) expect(fused.some((value, k) => value !== plain[k])).toBe(true); // it really is another kernel
    }
  });

  it('falls back to the plain kernel where relaxed SIMD does not validate (chosen at start-up, not at each call)', () => {
    chooseKernels({ kernel: 'simd' });
    expect(wasmKernels()!.fma).toBe(false);
    chooseKernels({ kernel: 'scalar' });
    expect(wasmKernels()).toBeNull();
  });

  it('CHORUS_KERNELS names the kernels and refuses an unknown name with the list', () => {
    expect(kernelsFromEnvironment('baseline')).toBe('baseline');
    expect(wasmKernels()!.fma).toBe(false);
    expect(() => kernelsFromEnvironment('fast')).toThrow('CHORUS_KERNELS=fast: not one of auto, simd, baseline, scalar');
    expect(kernelsFromEnvironment(undefined)).toBe('auto');
  });
});

describe('helper threads (a kernel team)', () => {
  it('share the bands of a large product, and the result equals one thread bit for bit', async () => {
    enableFusedMultiplyAdd();
    for (const [n, m] of [[301, 511], [256, 1000]] as const) {
      const x = normals(n * m);
      const alone = crossProduct(x, n, m);
      const rowsAlone = crossProductRows(x, n, m, 40, 250);
      const team = startKernelThreads(2)!;
      expect(team.threads).toBe(2);
      let shared = crossProduct(x, n, m);
      // The helper starts asynchronously (slowly on a busy machine): products go on, each waiting for the
      // event loop, until it has taken bands — a wait on that state, bounded only to fail rather than hang.
      await vi.waitFor(
        () => {
          shared = crossProduct(x, n, m);
          expect(team.helperBands()).toBeGreaterThan(0);
        },
        { timeout: 60_000, interval: 20 },
      );
      expect(shared.every((value, k) => Object.is(value, alone[k]))).toBe(true);
      const rowsShared = crossProductRows(x, n, m, 40, 250);
      expect(rowsShared.every((value, k) => Object.is(value, rowsAlone[k]))).toBe(true);
      team.end();
      expect(activeKernelTeam()).toBeNull();
      expect(crossProduct(x, n, m).every((value, k) => Object.is(value, alone[k]))).toBe(true);
    }
  });

  it('keeps small products on the calling thread', () => {
    const team = startKernelThreads(2)!;
    const x = normals(120 * 100);
    for (let k = 0; k < 5; k++) crossProduct(x, 120, 100);
    expect(team.helperBands()).toBe(0);
  });

  it('is not started for one thread', () => {
    expect(startKernelThreads(1)).toBeNull();
  });
});

/** A symmetric matrix Q diag(λ) Qᵀ with Q from the QR of a Gaussian matrix (Gram–Schmidt, twice). */
function withEigenvalues(eigenvalues: readonly number[]): Float64Array {
  const n = eigenvalues.length;
  const q = normals(n * n);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < i; k++) {
        let dot = 0;
        for (let t = 0; t < n; t++) dot += q[i * n + t]! * q[k * n + t]!;
        for (let t = 0; t < n; t++) q[i * n + t]! -= dot * q[k * n + t]!;
      }
      let norm = 0;
      for (let t = 0; t < n; t++) norm += q[i * n + t]! ** 2;
      for (let t = 0; t < n; t++) q[i * n + t]! /= Math.sqrt(norm);
    }
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j]! += q[k * n + i]! * eigenvalues[k]! * q[k * n + j]!;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]!; // exactly symmetric
  return a;
}

const numpy = findNumpyPython();

describe('the WebAssembly Cholesky and triangular solves', () => {
  const cases: { name: string; n: number; a: Float64Array; condition: number }[] = [];
  for (const n of [1, 2, 3, 5, 17, 64, 130]) cases.push({ name: `well conditioned, n = ${n}`, n, a: withEigenvalues(Array.from({ length: n }, (_, k) => 1 + k / n)), condition: 2 });
  for (const exponent of [6, 10, 13]) {
    const n = 60;
    const condition = 10 ** exponent;
    cases.push({ name: `condition 1e${exponent}, n = ${n}`, n, a: withEigenvalues(Array.from({ length: n }, (_, k) => condition ** (-k / (n - 1)))), condition });
  }
  {
    // Near-singular: rank 40 of 50, plus 1e-11 on the diagonal.
    const n = 50;
    const factor = normals(n * 40);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < 40; k++) a[i * n + j]! += factor[i * 40 + k]! * factor[j * 40 + k]!;
    for (let i = 0; i < n; i++) a[i * n + i]! += 1e-11;
    cases.push({ name: 'near-singular (rank 40 of 50 + 1e-11 I)', n, a, condition: 1e13 });
  }

  it.skipIf(!numpy.command)(`agrees with numpy.linalg.cholesky and solve to the matrix's condition times 1e-15 (${numpy.reason})`, () => {
    const script = [
      'import json, sys',
      'import numpy as np',
      'out = []',
      'for case in json.load(sys.stdin):',
      '    n = case["n"]; a = np.array(case["a"]).reshape(n, n); b = np.array(case["b"])',
      '    l = np.linalg.cholesky(a)',
      '    out.append({"l": l.ravel().tolist(), "q": float(b @ np.linalg.solve(a, b)), "y": np.linalg.solve(l, b).tolist()})',
      'print(json.dumps(out))',
    ].join('\n');
    const inputs = cases.map(({ n, a }) => ({ n, a: [...a], b: [...normals(n)] }));
    const run = spawnSync(numpy.command!, ['-c', script], { input: JSON.stringify(inputs), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.status, run.stderr).toBe(0);
    const reference = JSON.parse(run.stdout) as { l: number[]; q: number; y: number[] }[];
    cases.forEach(({ name, n, a, condition }, k) => {
      const { l: lNumpy, q, y } = reference[k]!;
      const b = inputs[k]!.b;
      const l = Float64Array.from(a);
      expect(choleskyInPlace(l, n), name).toBe(true);
      // Backward error: L Lᵀ reproduces A to rounding whatever the condition (Cholesky is backward stable).
      const scale = Math.max(...a.map(Math.abs));
      let residual = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          let sum = 0;
          for (let t = 0; t <= j; t++) sum += l[i * n + t]! * l[j * n + t]!;
          residual = Math.max(residual, Math.abs(sum - a[i * n + j]!));
        }
        for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
      }
      expect(residual / scale, name).toBeLessThan(1e-14 * n);
      // Forward error against numpy: bounded by the condition number.
      const lScale = Math.max(...lNumpy.map(Math.abs));
      const lError = Math.max(...lNumpy.map((value, e) => Math.abs(value - l[e]!))) / lScale;
      expect(lError, name).toBeLessThan(Math.max(1e-14, condition * 1e-15 * n));
      const quadratic = inverseQuadraticForm(a, n, b)!;
      expect(Math.abs(quadratic - q) / Math.abs(q), name).toBeLessThan(Math.max(1e-13, condition * 1e-14 * n));
      const solved = forwardSubstitute(l, n, b);
      const yScale = Math.max(...y.map(Math.abs));
      expect(Math.max(...y.map((value, e) => Math.abs(value - solved[e]!))) / yScale, name).toBeLessThan(Math.max(1e-13, condition * 1e-14 * n));
    });
  });

  it('agrees with the JavaScript Cholesky and solve it replaces', () => {
    for (const { name, n, a } of cases.filter((c) => c.condition <= 1e6)) {
      const fast = Float64Array.from(a);
      const reference = Float64Array.from(a);
      expect(choleskyInPlace(fast, n)).toBe(true);
      expect(choleskyScalar(reference, n)).toBe(true);
      const scale = Math.max(...reference.map(Math.abs));
      expect(Math.max(...reference.map((value, e) => Math.abs(value - fast[e]!))) / scale, name).toBeLessThan(1e-12);
      const b = normals(n);
      const y = forwardSubstitute(fast, n, b);
      const yReference = forwardSubstituteScalar(reference, n, b);
      expect(Math.max(...yReference.map((value, e) => Math.abs(value - y[e]!))) / Math.max(...yReference.map(Math.abs)), name).toBeLessThan(1e-11);
    }
  });

  it('refuses exactly singular, indefinite and non-finite matrices, as the JavaScript one and numpy do', () => {
    const refused: [string, number, number[]][] = [
      ['rank 1 (a pivot of exactly 0)', 2, [1, 1, 1, 1]],
      ['a zero row', 3, [4, 0, 2, 0, 0, 0, 2, 0, 3]],
      ['indefinite', 2, [1, 2, 2, 1]],
      ['negative diagonal', 1, [-1]],
      ['a NaN', 2, [1, Number.NaN, Number.NaN, 1]],
      ['an infinity', 2, [Number.POSITIVE_INFINITY, 0, 0, 1]],
      // A neuron that is twice another: the second pivot is 1 − (2/2)² = 0 exactly.
      ['a neuron twice another', 3, [4, 2, 0, 2, 1, 0, 0, 0, 1]],
    ];
    for (const [name, n, values] of refused) {
      expect(choleskyInPlace(Float64Array.from(values), n), name).toBe(false);
      expect(choleskyScalar(Float64Array.from(values), n), name).toBe(false);
      expect(inverseQuadraticForm(Float64Array.from(values), n, new Float64Array(n).fill(1)), name).toBeNull();
    }
  });
});

describe('pairwise redundancy with one signal level', () => {
  it('the single-level loop equals the general one bit for bit', () => {
    const frame = syntheticFrame(40, 300, 5);
    const levels = levelStatistics(frame, discriminations(frame.stimulus, { maxAbsStimulus: null, discriminate: null }), 'pooled', []);
    expect(levels).toHaveLength(1);
    const fast = pairwiseRedundancy(levels, 40);
    const general = pairwiseRedundancy(levels, 40, new Float64Array(fast.length)); // standard errors take the general loop
    expect(fast.every((value, k) => Object.is(value, general[k]))).toBe(true);
  });
});

describe('pairwise redundancy with several signal levels', () => {
  it('the hoisted loop of the shuffle null equals the general one bit for bit', () => {
    const n = 30;
    const m = 600;
    const stimulus = Float64Array.from({ length: m }, (_, t) => [-3, -2, -1, 1, 2, 3][t % 6]!);
    const values = Float64Array.from({ length: n * m }, (_, k) => 2 + 0.2 * stimulus[k % m]! * ((k / m) % 3) + random.normal());
    const frame = { neurons: Int32Array.from({ length: n }, (_, k) => k), trials: m, values, stimulus };
    const levels = levelStatistics(frame, discriminations(stimulus, { maxAbsStimulus: null, discriminate: null }), 'pooled', []);
    expect(levels.length).toBeGreaterThan(1);
    const fast = pairwiseRedundancy(levels, n);
    const general = pairwiseRedundancy(levels, n, new Float64Array(fast.length));
    expect(fast.every((value, k) => Object.is(value, general[k]))).toBe(true);
  });
});

describe("the demo's results with the new kernels", () => {
  it('are identical with and without them (fused multiply-add and the WebAssembly Cholesky, against the baseline kernels)', async () => {
    const { simulateLearningDataset } = await import('../../../shared/simulate/learningDemo');
    const { resolveSettings } = await import('../../../shared/analysis/settings');
    const { runAnalysis } = await import('../../../shared/analysis/engine/runAnalysis');
    const { resultsJson } = await import('../../../shared/analysis/results');
    const dataset = simulateLearningDataset({ sessions: 2 });
    const settings = resolveSettings({ subsets: 40, shuffles: 40 });
    const results = async () => JSON.stringify(resultsJson(dataset, await runAnalysis(dataset, settings, { file: 'demo.chorus.json' }), settings, { file: 'demo.chorus.json', generator: 'test', issues: [] }));
    chooseKernels({ kernel: 'baseline' });
    const baseline = await results();
    enableFusedMultiplyAdd();
    chooseKernels({ kernel: 'auto' });
    startKernelThreads(2);
    expect(wasmKernels()!.fma).toBe(true);
    expect(await results()).toBe(baseline);
  });
});
