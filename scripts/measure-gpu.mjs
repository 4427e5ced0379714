// `npm run bench`'s GPU line: the WebGPU cross-product (renderer/gpu) of a 1000 × 2000 matrix — workload
// (a)'s product — in Chromium, against numpy's X Xᵀ in the same run; or "no GPU adapter".
import { execFileSync } from 'node:child_process';
import { openGpuPage } from './gpuPage.mjs';

const n = 1000;
const m = 2000;
const gpu = await openGpuPage();
try {
  if (gpu.reason) {
    console.log(`(g) WebGPU cross-product, N = ${n}, T = ${m}: ${gpu.reason} (Chromium, ${'--enable-unsafe-webgpu'})`);
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
  }
} finally {
  await gpu.close();
}
