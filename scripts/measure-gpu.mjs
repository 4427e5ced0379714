// `npm run bench`'s GPU lines, in Chromium, each against numpy in the same run; or "no GPU adapter":
// (g) the WebGPU cross-product (shared/analysis/gpu) of a 1000 × 2000 matrix — workload (a)'s product;
// (h) the WebGPU population solve f′ᵀΣ⁻¹f′ of a 500-neuron covariance (f32 Cholesky and solve on the
//     GPU, refined to f64 on the CPU) against numpy's Cholesky and triangular solve.
import { execFileSync } from 'node:child_process';
import { openGpuPage } from './gpuPage.mjs';

const n = 1000;
const m = 2000;
const solveSize = 500;
const gpu = await openGpuPage();
try {
  if (gpu.reason) {
    console.log(`(g) WebGPU cross-product, N = ${n}, T = ${m}: ${gpu.reason} (Chromium, ${'--enable-unsafe-webgpu'})`);
    console.log(`(h) WebGPU population solve, N = ${solveSize}: ${gpu.reason} (Chromium, ${'--enable-unsafe-webgpu'})`);
  } else {
    const seconds = await gpu.page.evaluate(
      async ([rows, columns]) => {
        const x = Float64Array.from({ length: rows * columns }, (_, k) => Math.sin(k * 0.37) + Math.cos(k * 0.011));
        await window.gpu.crossProduct(x, rows, columns); // warm-up: pipeline and buffers
        const times = [];
        for (let r = 0; r < 3; r++) {
          const started = performance.now();
          await window.gpu.crossProduct(x, rows, columns);
          times.push((performance.now() - started) / 1000);
        }
        return times.sort((a, b) => a - b)[1];
      },
      [n, m],
    );
    const peer = Number(
      execFileSync('python3', ['-c', `import numpy as np, time\nx = np.random.default_rng(1).standard_normal((${n}, ${m}))\nx @ x.T\nts = []\nfor _ in range(3):\n    s = time.perf_counter(); x @ x.T; ts.append(time.perf_counter() - s)\nprint(sorted(ts)[1])`], { encoding: 'utf8' }).trim(),
    );
    console.log(
      `${`(g) WebGPU cross-product (f32, compensated), N = ${n}, T = ${m}`.padEnd(64)} chorus ${seconds.toFixed(3).padStart(8)} s   numpy ${peer.toFixed(3).padStart(8)} s   chorus/numpy ${(seconds / peer).toFixed(2)}×   on ${gpu.adapter}`,
    );
    const solve = await gpu.page.evaluate(async (size) => {
      // A noise covariance as the analysis makes them: X Xᵀ/T of T = 3·size trials with a shared factor.
      const trials = 3 * size;
      let seed = 1;
      const uniform = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
      const shared = Float64Array.from({ length: trials }, uniform);
      const x = Float64Array.from({ length: size * trials }, (_, k) => uniform() + 0.5 * shared[k % trials]);
      const a = new Float64Array(size * size);
      for (let i = 0; i < size; i++) for (let j = 0; j <= i; j++) {
        let sum = 0;
        for (let t = 0; t < trials; t++) sum += x[i * trials + t] * x[j * trials + t];
        a[i * size + j] = a[j * size + i] = sum / trials;
      }
      const b = Float64Array.from({ length: size }, (_, i) => Math.cos(i * 0.7));
      await window.gpu.quadraticForms([{ a, b }], size); // warm-up: pipeline
      const times = [];
      let refined = 0;
      for (let r = 0; r < 3; r++) {
        const started = performance.now();
        refined += (await window.gpu.quadraticForms([{ a, b }], size)).refined;
        times.push((performance.now() - started) / 1000);
      }
      return { seconds: times.sort((p, q) => p - q)[1], refined };
    }, solveSize);
    const solvePeer = Number(
      execFileSync('python3', ['-c', `import numpy as np, time\nrng = np.random.default_rng(1)\nx = rng.standard_normal((${solveSize}, ${3 * solveSize}))\na = x @ x.T / ${3 * solveSize}\nb = rng.standard_normal(${solveSize})\ndef form():\n    l = np.linalg.cholesky(a)\n    y = np.linalg.solve(l, b)\n    return y @ y\nform()\nts = []\nfor _ in range(3):\n    s = time.perf_counter(); form(); ts.append(time.perf_counter() - s)\nprint(sorted(ts)[1])`], { encoding: 'utf8' }).trim(),
    );
    console.log(
      `${`(h) WebGPU population solve (f32 Cholesky, f64 refinement), N = ${solveSize}`.padEnd(64)} chorus ${solve.seconds.toFixed(3).padStart(8)} s   numpy ${solvePeer.toFixed(3).padStart(8)} s   chorus/numpy ${(solve.seconds / solvePeer).toFixed(2)}×   on ${gpu.adapter}${solve.refined === 3 ? '' : ' (refinement stalled: solved on the CPU)'}`,
    );
  }
} finally {
  await gpu.close();
}
