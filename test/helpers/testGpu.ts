/**
 * WebGPU for the unit tests, in Node (the optional `webgpu` package): on this project's CI machines, which
 * have no GPU, Chromium's software Vulkan driver (SwiftShader, from Debian's chromium package) — unless
 * VK_ICD_FILENAMES already names a driver. Null with the reason where there is none (tests skip with it).
 */
import { existsSync } from 'node:fs';
import { nodeGpu } from '../../node/nodeGpu';
import { gpuKernels, type GpuKernels } from '../../shared/analysis/gpu/gpuKernels';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export async function testGpuKernels(): Promise<{ kernels: GpuKernels; reason: string } | { kernels: null; reason: string }> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const gpu = await nodeGpu();
  if ('reason' in gpu) return { kernels: null, reason: gpu.reason };
  const kernels = await gpuKernels(gpu);
  if ('reason' in kernels) return { kernels: null, reason: `${kernels.reason} (WebGPU for Node; apt-get install chromium gives the software one)` };
  return { kernels, reason: kernels.adapter };
}
