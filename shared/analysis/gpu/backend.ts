/// <reference types="@webgpu/types" />
/**
 * Which processor runs the analysis's heavy kernels — the one choice the CLI (`--backend`), the app
 * (`?backend=`, Electron's `--backend=`) and the bench share:
 * - `cpu`: the WebAssembly kernels only;
 * - `gpu`: the WebGPU backend on any adapter, software ones included (correct, and far slower than the
 *   CPU there); where there is no adapter at all, the caller is told why (the CLI refuses to run);
 * - `auto` (the default): the GPU when the runtime has a hardware adapter, else the CPU.
 */
import { gpuKernels, type GpuKernels } from './gpuKernels';

export const BACKENDS = ['cpu', 'gpu', 'auto'] as const;
export type Backend = (typeof BACKENDS)[number];

/** The backend named by `backend=` in a query string or a worker's name; `auto` when none is named, null when the name is not one. */
export function backendOf(text: string): Backend | null {
  const named = /(?:^|[?&\s])backend=([^&\s]*)/.exec(text)?.[1];
  if (named === undefined) return 'auto';
  return (BACKENDS as readonly string[]).includes(named) ? (named as Backend) : null;
}

/**
 * The GPU kernels this backend runs on, given the runtime's WebGPU (undefined where it has none), or
 * why it runs on the CPU: `cpu` asks for none; `auto` declines a software adapter; `gpu` takes any.
 */
export async function acceleratorFor(backend: Backend, gpu: GPU | undefined): Promise<{ kernels: GpuKernels } | { kernels: null; reason: string }> {
  if (backend === 'cpu') return { kernels: null, reason: 'the CPU backend was asked for' };
  let kernels: GpuKernels | { reason: string };
  try {
    kernels = await gpuKernels(gpu);
  } catch (error) {
    return { kernels: null, reason: `the GPU device could not be made (${error instanceof Error ? error.message : String(error)})` };
  }
  if ('reason' in kernels) return { kernels: null, reason: kernels.reason };
  if (backend === 'auto' && kernels.software) {
    kernels.destroy();
    return { kernels: null, reason: `the only adapter is a software one (${kernels.adapter}), slower than the CPU kernels` };
  }
  return { kernels };
}
