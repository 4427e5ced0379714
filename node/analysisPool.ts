/**
 * Runs the analysis's frames on a pool of worker_threads (frames are independent once the cross-frame
 * context is fixed, and each frame's random draws are seeded from its own position, so the result is
 * the same for any number of workers). With one worker it runs inline.
 */
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../shared/dataset/types';
import { DatasetError } from '../shared/dataset/datasetError';
import { analyzeFrame, type FrameAnalysis } from '../shared/analysis/frameAnalysis';
import { checkAnalysable, finishAnalysis, frameContext, frameKeys, type AnalysisOutput, type PipelineProgress } from '../shared/analysis/pipeline';
import type { AnalysisSettings } from '../shared/analysis/settings';

export interface PoolOptions {
  readonly workers: number;
  /** URL of the built frame worker (dist/node/frameWorker.mjs). */
  readonly workerUrl: URL;
  /** The file the dataset came from, for messages. */
  readonly file: string;
  readonly onProgress?: (progress: PipelineProgress) => void;
  readonly signal?: AbortSignal;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

export async function analyzeInPool(dataset: Dataset, settings: AnalysisSettings, options: PoolOptions): Promise<AnalysisOutput> {
  const problems = checkAnalysable(dataset, settings, options.file);
  if (problems.length > 0) throw new DatasetError(problems);
  const keys = frameKeys(dataset);
  options.onProgress?.({ done: 0, total: keys.length, step: 'task relevance' });
  const context = frameContext(dataset, settings, keys);
  const frames: FrameAnalysis[] = new Array(keys.length);
  let done = 0;
  const report = (index: number) => {
    done++;
    const key = keys[index]!;
    const session = dataset.sessions[key.sessionIndex]!;
    options.onProgress?.({ done, total: keys.length, step: `session ${session.id}, epoch ${session.epochs[key.epochIndex]!.name}` });
  };

  if (options.workers <= 1) {
    for (const [index, key] of keys.entries()) {
      if (options.signal?.aborted) throw new AnalysisCancelled();
      frames[index] = analyzeFrame(dataset, key.sessionIndex, key.epochIndex, settings, context);
      report(index);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return finishAnalysis(frames, settings, context);
  }

  const workerContext = { fixedNeurons: context.fixedNeurons, highRelevance: context.highRelevance };
  const pool = Array.from({ length: Math.min(options.workers, keys.length) }, () =>
    // Each worker gets its own structured-clone copy of the dataset (typed arrays copy fast).
    new Worker(options.workerUrl, { workerData: { dataset } }),
  );
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const abort = () => reject(new AnalysisCancelled());
      options.signal?.addEventListener('abort', abort, { once: true });
      const feed = (worker: Worker) => {
        if (next >= keys.length) return;
        const index = next++;
        worker.postMessage({ index, key: keys[index], settings, context: workerContext });
      };
      for (const worker of pool) {
        worker.on('message', (message: { index: number; frame?: FrameAnalysis; error?: { message: string; issues?: DatasetError['issues'] } }) => {
          if (message.error) {
            reject(message.error.issues ? new DatasetError(message.error.issues) : new Error(message.error.message));
            return;
          }
          frames[message.index] = message.frame!;
          report(message.index);
          if (++finished === keys.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return finishAnalysis(frames, settings, context);
}
