// The page of kernelThreads.e2e.test.ts: starts the worker and leaves its report on window.report.
const worker = new Worker('/worker.js', { type: 'module' });
worker.onmessage = (event: MessageEvent<unknown>) => ((window as unknown as { report: unknown }).report = event.data);
worker.onerror = (event) => ((window as unknown as { report: unknown }).report = { error: event.message || 'worker error' });
worker.postMessage('go');
