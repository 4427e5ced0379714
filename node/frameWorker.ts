// A worker_thread of the CLI's frame pool: the shared job server, bound to this thread's port, with the
// kernels CHORUS_KERNELS names and, when the pool lends it spare cores, helper threads for large products.
import { parentPort, workerData } from 'node:worker_threads';
import { serveFrameJobs } from '../shared/analysis/engine/serveFrameJobs';
import { kernelsFromEnvironment, startKernelThreads } from './kernelThreads';

kernelsFromEnvironment();
startKernelThreads(Number((workerData as { kernelThreads?: number } | null)?.kernelThreads ?? 1));
const port = parentPort!;
port.on('message', serveFrameJobs({ reply: (message, transfer) => port.postMessage(message, transfer) }));
