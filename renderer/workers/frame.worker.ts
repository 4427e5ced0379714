/// <reference lib="webworker" />
// One Web Worker of the app's frame pool: the shared job server, bound to this worker's messages.
import { serveFrameJobs } from '../../shared/analysis/engine/serveFrameJobs';

declare const self: DedicatedWorkerGlobalScope;

const serve = serveFrameJobs({ reply: (message, transfer) => self.postMessage(message, transfer) });
self.addEventListener('message', (event: MessageEvent<unknown>) => serve(event.data));
