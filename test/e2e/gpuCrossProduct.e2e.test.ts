/**
 * The WebGPU cross-product (renderer/gpu) against the f64 product, on whatever adapter Chromium offers
 * here — with no GPU, its software adapter (SwiftShader). The stated error: inputs and products are
 * rounded to f32 (relative 2⁻²⁴ ≈ 6·10⁻⁸ each) and the sums are compensated, so every entry is within
 * 1e-6 of the f64 value on its own scale sqrt(C_ii C_jj) (|C_ij| ≤ sqrt(C_ii C_jj)); typically ~1e-7.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './harness';
// @ts-expect-error -- plain ESM helper without type declarations
import { openGpuPage } from '../../scripts/gpuPage.mjs';

interface GpuPage {
  page: import('playwright-core').Page;
  adapter?: string;
  reason?: string;
  close(): Promise<void>;
}

let gpu: GpuPage;
beforeAll(async () => {
  gpu = (await openGpuPage(findChromium())) as GpuPage;
  if (gpu.reason) console.warn(`gpuCrossProduct.e2e.test.ts: skipped, ${gpu.reason} in Chromium here (${'--enable-unsafe-webgpu'})`);
  else console.log(`gpuCrossProduct.e2e.test.ts: adapter ${gpu.adapter}`);
});
afterAll(async () => gpu?.close());

describe('the WebGPU cross-product', () => {
  it('equals the f64 product within 1e-6 on each entry\'s scale, for ragged and tile-sized shapes', async (context) => {
    if (gpu.reason) return context.skip();
    const worst = await gpu.page.evaluate(async () => {
      const shapes: [number, number][] = [[1, 1], [3, 5], [16, 16], [17, 33], [100, 257], [300, 1000]];
      let seed = 7;
      const uniform = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
      const results: { shape: string; worst: number; symmetric: boolean }[] = [];
      for (const [n, m] of shapes) {
        // Centred-looking data with a shared factor, so off-diagonal entries are far from 0 and from their bound.
        const shared = Float64Array.from({ length: m }, () => uniform() - 0.5);
        const x = Float64Array.from({ length: n * m }, (_, k) => 3 * (uniform() - 0.5) + 2 * shared[k % m]!);
        const c = await (window as unknown as { gpu: { crossProduct(x: Float64Array, n: number, m: number): Promise<Float64Array> } }).gpu.crossProduct(x, n, m);
        let worstHere = 0;
        let symmetric = true;
        const exact = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          for (let j = i; j < n; j++) {
            let sum = 0;
            for (let t = 0; t < m; t++) sum += x[i * m + t]! * x[j * m + t]!;
            exact[i * n + j] = exact[j * n + i] = sum;
          }
        }
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            worstHere = Math.max(worstHere, Math.abs(c[i * n + j]! - exact[i * n + j]!) / Math.sqrt(exact[i * n + i]! * exact[j * n + j]!));
            if (c[i * n + j] !== c[j * n + i]) symmetric = false;
          }
        }
        results.push({ shape: `${n} × ${m}`, worst: worstHere, symmetric });
      }
      return results;
    });
    console.log(`gpuCrossProduct.e2e.test.ts: worst scaled error per shape: ${worst.map((r) => `${r.shape} ${r.worst.toExponential(1)}`).join(', ')}`);
    for (const { shape, worst: error, symmetric } of worst) {
      expect(error, shape).toBeLessThan(1e-6);
      expect(symmetric, shape).toBe(true);
    }
    // Not the f64 kernel in disguise: f32 inputs cannot all round to f64 sums.
    expect(Math.max(...worst.map((r) => r.worst))).toBeGreaterThan(1e-12);
  });

  it('refuses a product larger than one GPU buffer with the sizes, not a wrong answer', async (context) => {
    if (gpu.reason) return context.skip();
    const message = await gpu.page.evaluate(async () => {
      const kernels = (window as unknown as { gpu: { crossProduct(x: Float64Array, n: number, m: number): Promise<Float64Array> } }).gpu;
      // 2^16 neurons: the f32 output alone is 16 GiB, over any adapter's binding limit. x is not read before the check.
      return kernels.crossProduct(new Float64Array(4), 65536, 1).then(
        () => 'computed',
        (error: Error) => error.message,
      );
    });
    expect(message).toMatch(/a 65536 × 1 product needs 17179869184 bytes in one buffer, over this GPU's \d+/);
  });
});
