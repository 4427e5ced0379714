/**
 * Whether the app's trial-shuffle nulls run their products on the GPU (renderer/gpu): `off` (the default,
 * until the GPU path is measured on hardware GPUs), `auto` (a hardware adapter only) or `on` (any adapter,
 * software ones included — correct, and far slower). Chosen by the page's `?gpu=` and passed down in the
 * workers' names, which are the one thing a worker knows before its first message.
 */
import type { BatchProducts } from '../../shared/analysis/pairBlock';
import { gpuKernels } from './gpuCrossProduct';

export type GpuMode = 'off' | 'auto' | 'on';

export function gpuModeOf(text: string): GpuMode {
  const mode = /(?:^|[?&\s])gpu=(off|auto|on)\b/.exec(text)?.[1];
  return (mode as GpuMode | undefined) ?? 'off';
}

/** The batched products for this mode, or null (off, no WebGPU, no adapter, or only a software one under auto). */
export async function gpuBatchProducts(mode: GpuMode): Promise<BatchProducts | null> {
  if (mode === 'off') return null;
  try {
    const kernels = await gpuKernels();
    if ('reason' in kernels) return null;
    if (mode === 'auto' && kernels.software) {
      kernels.destroy();
      return null;
    }
    return (x, batch, n, m) => kernels.crossProductBatch(x, batch, n, m);
  } catch {
    return null; // a device that cannot be made leaves the CPU kernels in charge
  }
}
