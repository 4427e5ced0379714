/// <reference lib="webworker" />
// One worker of the app's frame pool: receives a run's dataset once, then analyses the frames it is sent.
import { analyzeFrame, type FrameContext } from '../../shared/analysis/frameAnalysis';
import { frameStatistics } from '../../shared/analysis/frameStatistics';
import type { Dataset } from '../../shared/dataset/types';
import type { FrameKey } from '../../shared/analysis/pipeline';
import type { AnalysisSettings } from '../../shared/analysis/settings';
import { DatasetError, formatIssue } from '../../shared/dataset/datasetError';

declare const self: DedicatedWorkerGlobalScope;

let dataset: Dataset | null = null;

self.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as
    | { kind: 'dataset'; run: number; dataset: Dataset }
    | { kind: 'frame'; run: number; index: number; key: FrameKey; settings: AnalysisSettings; context: FrameContext };
  if (message.kind === 'dataset') {
    dataset = message.dataset;
    return;
  }
  const { run, index } = message;
  try {
    const frame = analyzeFrame(dataset!, message.key.sessionIndex, message.key.epochIndex, message.settings, message.context);
    self.postMessage({ run, index, statistics: frameStatistics(frame), pairSignificant: frame.pairSignificant });
  } catch (error) {
    const text = error instanceof DatasetError ? error.issues.map(formatIssue).join('\n') : (error as Error).message;
    self.postMessage({ run, index, error: text });
  }
});
