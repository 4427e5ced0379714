/// <reference lib="webworker" />
// Bundled by kernelThreads.e2e.test.ts into a module worker served like the app: starts the app's kernel
// threads (renderer/workers/kernelThreads.ts) and reports what a large product did with them.
import { startKernelThreads } from '../../../renderer/workers/kernelThreads';
import { crossProduct } from '../../../shared/analysis/linalg';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async () => {
  const n = 300;
  const m = 600;
  let seed = 3;
  const x = Float64Array.from({ length: n * m }, () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5);
  const alone = crossProduct(x, n, m);
  const team = startKernelThreads(2);
  let shared = alone;
  // Helpers start asynchronously (slowly on a busy machine): products go on, giving them the event loop in
  // between, until one has taken bands — bounded only so that a broken helper fails the test, not hangs it.
  const started = performance.now();
  while (team && team.helperBands() === 0 && performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    shared = crossProduct(x, n, m);
  }
  self.postMessage({
    isolated: self.crossOriginIsolated,
    threads: team?.threads ?? 1,
    helperBands: team?.helperBands() ?? 0,
    identical: shared.every((value, k) => Object.is(value, alone[k])),
  });
};
