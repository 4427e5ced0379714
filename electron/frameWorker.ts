// A worker_thread of the CLI's analysis pool: opens the same dataset once, then analyses the frames
// it is sent and posts each FrameAnalysis back (typed arrays are copied by structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { openDataset } from '../shared/formats/index';
import { analyzeFrame, type FrameContext } from '../shared/analysis/frameAnalysis';
import { DatasetError } from '../shared/dataset/datasetError';
import type { FrameKey } from '../shared/analysis/pipeline';
import type { AnalysisSettings } from '../shared/analysis/settings';

const { file, dropSilent } = workerData as { file: string; dropSilent: boolean };
const ready = (async () => openDataset({ name: file, bytes: new Uint8Array(await readFile(file)) }, { dropSilent }).dataset)();

parentPort!.on('message', async (message: { index: number; key: FrameKey; settings: AnalysisSettings; context: FrameContext }) => {
  try {
    const dataset = await ready;
    const frame = analyzeFrame(dataset, message.key.sessionIndex, message.key.epochIndex, message.settings, message.context);
    parentPort!.postMessage({ index: message.index, frame });
  } catch (error) {
    parentPort!.postMessage({
      index: message.index,
      error: { message: (error as Error).message, ...(error instanceof DatasetError ? { issues: error.issues } : {}) },
    });
  }
});
