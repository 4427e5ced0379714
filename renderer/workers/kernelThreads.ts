/// <reference lib="webworker" />
/**
 * The app's kernel threads: a frame worker with spare cores shares its large products with helper Web
 * Workers (shared/analysis/kernels/kernelTeam.ts), which needs the page to be cross-origin isolated
 * (SharedArrayBuffer and shared WebAssembly memories; both servers send the headers). Helpers are classic
 * workers from a blob: URL (the CSP's worker-src allows blob:), started from this worker so they end with it.
 */
import { createKernelTeam, type KernelTeam } from '../../shared/analysis/kernels/kernelTeam';

/** The threads a frame worker of a pool of `poolSize` may use on `cores` cores (1 without isolation). */
export function kernelThreadsFor(cores: number, poolSize: number, isolated: boolean): number {
  return isolated ? Math.max(1, Math.floor(cores / Math.max(1, poolSize))) : 1;
}

export function startKernelThreads(threads: number): KernelTeam | null {
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) return null;
  return createKernelTeam(
    threads,
    (source, data) => {
      const url = URL.createObjectURL(new Blob([`self.onmessage = (event) => {\n  self.onmessage = null;\n${source}};\n`], { type: 'text/javascript' }));
      const worker = new Worker(url, { name: 'chorus kernel helper' });
      URL.revokeObjectURL(url);
      worker.postMessage(data);
      return () => worker.terminate();
    },
    'event.data',
  );
}
