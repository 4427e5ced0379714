// A worker_thread of the CLI's frame pool: the shared job server, bound to this thread's port, with the
// kernels CHORUS_KERNELS names, helper threads for large products when the pool lends it spare cores, and
// its own WebGPU device when the run is on the GPU backend (the CLI checked there is one before starting).
import { parentPort, workerData } from 'node:worker_threads';
import { serveFrameJobs } from '../shared/analysis/engine/serveFrameJobs';
import { kernelsFromEnvironment, startKernelThreads } from './kernelThreads';
import { nodeAccelerator } from './nodeGpu';

const lent = (workerData ?? {}) as { kernelThreads?: number; backend?: string };
kernelsFromEnvironment();
startKernelThreads(Number(lent.kernelThreads ?? 1));
const port = parentPort!;
const accelerator = lent.backend === 'gpu' ? nodeAccelerator('gpu').then((opened) => opened.kernels) : null;
port.on('message', serveFrameJobs({ reply: (message, transfer) => port.postMessage(message, transfer) }, accelerator));
