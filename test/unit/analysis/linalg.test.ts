import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { choleskyInPlace, crossProduct, crossProductRows, crossProductScalar, forwardSubstitute } from '../../../shared/analysis/linalg';
import * as embedded from '../../../shared/analysis/kernels/linalgWasm';
// @ts-expect-error -- plain ESM build script without type declarations
import { compileWat, VARIANTS } from '../../../scripts/build-wasm.mjs';
import { seededRandom } from '../../../shared/random/seededRandom';

describe('linear algebra kernels', () => {
  it('crossProduct equals the naive X Xᵀ across block boundaries', () => {
    const random = seededRandom(3);
    const n = 7;
    const m = 1100; // > one observation block
    const x = new Float64Array(n * m).map(() => random.normal());
    const c = crossProduct(x, n, m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let t = 0; t < m; t++) sum += x[i * m + t]! * x[j * m + t]!;
        expect(c[i * n + j]).toBeCloseTo(sum, 9);
      }
    }
  });

  it('the WebAssembly SIMD kernel equals the scalar kernel for ragged sizes (padding, odd counts)', () => {
    const random = seededRandom(9);
    for (const [n, m] of [[1, 1], [3, 5], [7, 1101], [33, 257], [66, 64]] as const) {
      const x = new Float64Array(n * m).map(() => random.normal());
      const simd = crossProduct(x, n, m);
      const scalar = crossProductScalar(x, n, m);
      simd.forEach((value, k) => expect(value).toBeCloseTo(scalar[k]!, 9));
    }
  });

  it('embeds exactly the compiled kernels/linalg.wat, in its four variants', async () => {
    const source = fileURLToPath(new URL('../../../shared/analysis/kernels/linalg.wat', import.meta.url));
    for (const [suffix, variant] of Object.entries(VARIANTS as Record<string, { fma: boolean; shared: boolean }>)) {
      const compiled: Buffer = await compileWat(source, variant);
      expect(compiled.toString('base64'), `linalg${suffix}Wasm`).toBe((embedded as Record<string, string>)[`linalg${suffix}Wasm`]);
    }
    expect(readFileSync(source, 'utf8')).toContain('f64x2.mul');
  });

  it('Cholesky reproduces A = L Lᵀ and solves L y = b', () => {
    const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
    const l = Float64Array.from(a);
    expect(choleskyInPlace(l, 3)).toBe(true);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += l[i * 3 + k]! * l[j * 3 + k]!;
        expect(sum).toBeCloseTo(a[i * 3 + j]!, 12);
      }
    }
    const y = forwardSubstitute(l, 3, [1, 2, 3]);
    expect(l[0]! * y[0]!).toBeCloseTo(1, 12);
    expect(l[3]! * y[0]! + l[4]! * y[1]!).toBeCloseTo(2, 12);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });
});

describe('crossProductRows', () => {
  it('gives rows [r0, r1) of the upper triangle of X Xᵀ equal bit for bit to the full product', () => {
    const random = seededRandom(31);
    for (const [n, m] of [
      [37, 301],
      [9, 2],
      [70, 513],
    ] as const) {
      const x = Float64Array.from({ length: n * m }, () => random.normal());
      const full = crossProduct(x, n, m);
      for (const [r0, r1] of [
        [0, n],
        [0, 1],
        [3, 7],
        [n - 1, n],
        [5, n],
      ] as const) {
        const block = crossProductRows(x, n, m, r0, r1);
        const width = n - r0;
        expect(block.length).toBe((r1 - r0) * width);
        for (let i = r0; i < r1; i++) for (let j = i; j < n; j++) expect(Object.is(block[(i - r0) * width + (j - r0)], full[i * n + j])).toBe(true);
      }
    }
  });
});
