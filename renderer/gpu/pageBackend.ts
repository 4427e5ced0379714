/**
 * The app's backend (shared/analysis/gpu/backend.ts): named by the page's `?backend=cpu|gpu|auto`
 * (Electron's `--backend=` becomes it: electron/launchOptions.ts), carried down in the workers' names —
 * the one thing a worker knows before its first message — and opened in each frame worker on its own WebGPU.
 */
import { acceleratorFor, backendOf, type Backend } from '../../shared/analysis/gpu/backend';
import type { Accelerator } from '../../shared/analysis/accelerator';

/** The backend a page's query (or a worker's name) asks for; a name that is not a backend is `auto`, with a console warning. */
export function pageBackend(text: string): Backend {
  const backend = backendOf(text);
  if (backend === null) console.warn(`Chorus: backend= must be one of cpu, gpu, auto; using auto (${text})`);
  return backend ?? 'auto';
}

/** The frame worker's accelerator for this backend, or null (the CPU kernels), saying why in the console when the GPU was asked for. */
export async function workerAccelerator(backend: Backend, gpu: GPU | undefined): Promise<Accelerator | null> {
  const opened = await acceleratorFor(backend, gpu);
  if (opened.kernels === null && backend === 'gpu') console.warn(`Chorus: the GPU backend was asked for, and runs on the CPU: ${opened.reason}`);
  return opened.kernels;
}
