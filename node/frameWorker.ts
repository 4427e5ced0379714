// A worker_thread of the CLI's frame pool: the shared job server, bound to this thread's port.
import { parentPort } from 'node:worker_threads';
import { serveFrameJobs } from '../shared/analysis/engine/serveFrameJobs';

const port = parentPort!;
port.on('message', serveFrameJobs({ reply: (message, transfer) => port.postMessage(message, transfer) }));
