import type { Dataset } from '../../shared/dataset/types';
import type { FrameContext } from '../../shared/analysis/frameAnalysis';
import type { FrameStatistics } from '../../shared/analysis/frameStatistics';
import type { FrameKey } from '../../shared/analysis/pipeline';
import type { AnalysisSettings } from '../../shared/analysis/settings';

export interface PooledFrameResult {
  readonly statistics: FrameStatistics;
  readonly pairSignificant: Uint8Array | null;
}

interface FrameReply {
  run: number;
  index: number;
  statistics?: FrameStatistics;
  pairSignificant?: Uint8Array | null;
  error?: string;
}

/**
 * A pool of frame workers (one per core) for the statistics pass: frames are independent once the
 * context is fixed, and each frame seeds its own draws, so the result does not depend on the pool size.
 * Every message carries its run number: a new run supersedes the old one, whose late replies are ignored.
 */
export class FramePool {
  private readonly workers: Worker[];
  private run = 0;
  private abandon: (() => void) | null = null;

  constructor(size: number) {
    this.workers = Array.from(
      { length: Math.max(1, size) },
      () => new Worker(new URL('./frame.worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  /** Runs every key; resolves null when cancelled or superseded; rejects with the first frame's error. */
  analyze(
    dataset: Dataset,
    keys: readonly FrameKey[],
    settings: AnalysisSettings,
    context: FrameContext,
    onFrame: (done: number) => void,
    isCancelled: () => boolean,
  ): Promise<PooledFrameResult[] | null> {
    this.abandon?.();
    const run = ++this.run;
    const results: PooledFrameResult[] = new Array(keys.length);
    let next = 0;
    let done = 0;
    return new Promise((resolve, reject) => {
      this.abandon = () => resolve(null);
      const feed = (worker: Worker) => {
        if (isCancelled()) return resolve(null);
        if (next >= keys.length) return;
        const index = next++;
        worker.postMessage({ kind: 'frame', run, index, key: keys[index], settings, context });
      };
      for (const worker of this.workers) {
        worker.onmessage = (event: MessageEvent<FrameReply>) => {
          const reply = event.data;
          if (reply.run !== run) return;
          if (reply.error) return reject(new Error(reply.error));
          results[reply.index] = { statistics: reply.statistics!, pairSignificant: reply.pairSignificant ?? null };
          onFrame(++done);
          if (done === keys.length) resolve(results);
          else feed(worker);
        };
        worker.postMessage({ kind: 'dataset', run, dataset });
        feed(worker);
      }
    });
  }
}
