/**
 * WebGPU for the CLI: the optional `webgpu` package (Dawn for Node, prebuilt for Linux, macOS and
 * Windows; it drives the machine's Vulkan, Metal or Direct3D 12). Where it is not installed, or finds no
 * adapter, the CLI runs on the CPU kernels (`--backend auto`) or refuses with the reason (`--backend gpu`).
 *
 * `auto` first asks a short-lived child process whether there is a hardware adapter: Dawn writes its
 * probing warnings (no display, a Vulkan driver it cannot use) straight to the process's stderr, and a
 * run on the CPU must not print them. Only when the child finds one is WebGPU opened in this process.
 */
import { spawn } from 'node:child_process';
import { acceleratorFor, type Backend } from '../shared/analysis/gpu/backend';
import { isSoftwareAdapter, type GpuKernels } from '../shared/analysis/gpu/gpuKernels';

type WebGpuModule = { create(options: string[]): GPU; globals: Record<string, unknown> };

/** The runtime's WebGPU from the `webgpu` package (its GPUBufferUsage and other globals installed), or why there is none. */
export async function nodeGpu(): Promise<GPU | { reason: string }> {
  let module: WebGpuModule;
  try {
    module = (await import('webgpu')) as WebGpuModule;
  } catch (error) {
    return { reason: `no WebGPU for Node: the optional package "webgpu" could not be loaded (${(error as Error).message.split('\n')[0]})` };
  }
  Object.assign(globalThis, module.globals);
  return module.create([]);
}

/** The CLI's GPU kernels for this backend, or why it runs on the CPU. */
export async function nodeAccelerator(backend: Backend, probe: () => Promise<boolean> = hasHardwareAdapter): Promise<{ kernels: GpuKernels } | { kernels: null; reason: string }> {
  if (backend === 'cpu') return { kernels: null, reason: 'the CPU backend was asked for' };
  if (backend === 'auto' && !(await probe())) return { kernels: null, reason: 'no hardware GPU adapter' };
  const gpu = await nodeGpu();
  if ('reason' in gpu) return { kernels: null, reason: gpu.reason };
  return acceleratorFor(backend, gpu);
}

const PROBE = `
const isSoftwareAdapter = ${isSoftwareAdapter.toString()};
try {
  const { create } = await import('webgpu');
  const adapter = await create([]).requestAdapter();
  process.stdout.write(JSON.stringify({ hardware: Boolean(adapter) && !isSoftwareAdapter(adapter.info) }));
} catch { process.stdout.write('{"hardware":false}'); }
process.exit(0);
`;

/** Whether a hardware GPU adapter exists, asked of a child process (its stderr discarded; 20 s at most). */
export function hasHardwareAdapter(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', PROBE], { stdio: ['ignore', 'pipe', 'ignore'], cwd: new URL('..', import.meta.url) });
    let output = '';
    const timer = setTimeout(() => child.kill(), 20_000);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', () => resolve(false));
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(output) as { hardware?: unknown }).hardware === true);
      } catch {
        resolve(false);
      }
    });
  });
}
