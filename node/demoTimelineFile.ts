// The demo's point-estimate timeline, computed when the app is built and shipped beside it: the app draws
// it as soon as the page loads, while its worker starts and repeats the pass for the statistics (issue 11).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateLearningDataset, DEMO_SEED } from '../shared/simulate/learningDemo';
import { pointEstimateTimeline } from '../shared/network/pointTimeline';
import { encodeTimelineFile } from '../shared/network/timelineFile';
import { DEMO_TIMELINE_FILE } from '../shared/network/shippedDemo';

/** The file's bytes: the timeline, notices and source the worker's demo job shows for the same seed. */
export async function demoTimelineBytes(seed = DEMO_SEED): Promise<Uint8Array> {
  const { timeline, warnings } = await pointEstimateTimeline(simulateLearningDataset({ seed }), []);
  return encodeTimelineFile({ timeline, warnings, source: 'demo' });
}

/** Writes the file into the built renderer's folder; returns its path. */
export async function writeDemoTimeline(rendererDir: string): Promise<string> {
  const path = join(rendererDir, DEMO_TIMELINE_FILE);
  writeFileSync(path, await demoTimelineBytes());
  return path;
}
