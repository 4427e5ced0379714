// A worker_thread of the CLI's analysis pool: receives the dataset once, then analyses the frames it is
// sent and posts each FrameAnalysis back (typed arrays are copied by structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFrame, type FrameContext } from '../shared/analysis/frameAnalysis';
import { DatasetError } from '../shared/dataset/datasetError';
import type { Dataset } from '../shared/dataset/types';
import type { FrameKey } from '../shared/analysis/pipeline';
import type { AnalysisSettings } from '../shared/analysis/settings';

const { dataset } = workerData as { dataset: Dataset };

parentPort!.on('message', (message: { index: number; key: FrameKey; settings: AnalysisSettings; context: FrameContext }) => {
  try {
    const frame = analyzeFrame(dataset, message.key.sessionIndex, message.key.epochIndex, message.settings, message.context);
    parentPort!.postMessage({ index: message.index, frame });
  } catch (error) {
    parentPort!.postMessage({
      index: message.index,
      error: { message: (error as Error).message, ...(error instanceof DatasetError ? { issues: error.issues } : {}) },
    });
  }
});
