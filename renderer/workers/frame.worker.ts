/// <reference lib="webworker" />
// One Web Worker of the app's frame pool: the shared job server, bound to this worker's messages. Its
// name carries what the pool lends it (webWorkerPool.ts): kernel threads — with more than one, its large
// products are shared with helper workers (kernelThreads.ts) — and the GPU mode (gpu/gpuMode.ts), under
// which the trial-shuffle nulls' products run on the GPU.
import { serveFrameJobs } from '../../shared/analysis/engine/serveFrameJobs';
import { startKernelThreads } from './kernelThreads';
import { gpuBatchProducts, gpuModeOf } from '../gpu/gpuMode';

declare const self: DedicatedWorkerGlobalScope;

const threads = Number(/threads=(\d+)/.exec(self.name)?.[1] ?? 1);
startKernelThreads(threads);
const gpu = gpuModeOf(self.name);
const serve = serveFrameJobs({ reply: (message, transfer) => self.postMessage(message, transfer) }, gpu === 'off' ? null : gpuBatchProducts(gpu));
self.addEventListener('message', (event: MessageEvent<unknown>) => serve(event.data));
