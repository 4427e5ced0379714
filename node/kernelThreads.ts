/**
 * Node's part of the fast kernels: turning on relaxed SIMD (fused multiply-add) where this Node has it
 * behind a flag, and spawning a kernel team's helper threads (shared/analysis/kernels/kernelTeam.ts) as
 * worker_threads. Call `enableFusedMultiplyAdd()` before the first product: the kernels are chosen once.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { linalgFmaWasm } from '../shared/analysis/kernels/linalgWasm';
import { createKernelTeam, type KernelTeam } from '../shared/analysis/kernels/kernelTeam';
import { chooseKernels, KERNEL_NAMES, type KernelName } from '../shared/analysis/kernels/wasmKernels';

function validates(base64: string): boolean {
  return WebAssembly.validate(Buffer.from(base64, 'base64'));
}

/**
 * Node 20 compiles relaxed SIMD only with --experimental-wasm-relaxed-simd (Node 22 and later, Chromium and
 * Electron have it on); V8 reads the flag at compile time, so setting it here, before any kernel is
 * compiled, is enough. Returns whether the FMA kernel now validates.
 */
export function enableFusedMultiplyAdd(): boolean {
  if (validates(linalgFmaWasm)) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return validates(linalgFmaWasm);
}

/** A team of `threads` threads for this thread's large products (null for fewer than 2). */
export function startKernelThreads(threads: number): KernelTeam | null {
  return createKernelTeam(
    threads,
    (source, data) => {
      const worker = new Worker(`const { workerData } = require('node:worker_threads');\n${source}`, { eval: true, workerData: data });
      // A helper only ever waits for work: it must not keep the process alive.
      worker.unref();
      return () => void worker.terminate();
    },
    'workerData',
  );
}

/**
 * The kernels named by CHORUS_KERNELS (auto, simd, baseline or scalar; kernels/wasmKernels.ts), with fused
 * multiply-add turned on for auto. Unknown names are refused with the list, not ignored.
 */
export function kernelsFromEnvironment(value: string | undefined = process.env.CHORUS_KERNELS): KernelName {
  const name = (value ?? 'auto') as KernelName;
  if (!KERNEL_NAMES.includes(name)) throw new Error(`CHORUS_KERNELS=${value}: not one of ${KERNEL_NAMES.join(', ')}`);
  if (name === 'auto') enableFusedMultiplyAdd();
  chooseKernels({ kernel: name });
  return name;
}
