/**
 * A failing accelerator never fails a run: a frame job whose GPU work throws (a product over the device's
 * buffers, a lost device) is computed again on the CPU, with the CPU's result; a problem with the data is
 * still the data's. No GPU needed: the accelerators here are stand-ins.
 */
import { describe, expect, it } from 'vitest';
import { executeFrameJob, executeFrameJobAsync, type FrameJob } from '../../../../shared/analysis/engine/frameJobs';
import type { Accelerator } from '../../../../shared/analysis/accelerator';
import { DatasetError } from '../../../../shared/dataset/datasetError';
import { planFrame } from '../../../../shared/analysis/framePlan';
import { NO_CONTEXT } from '../../../../shared/analysis/frameAnalysis';
import { resolveSettings } from '../../../../shared/analysis/settings';
import { simulateLearningDataset } from '../../../../shared/simulate/learningDemo';

const dataset = simulateLearningDataset({ neurons: 10, sessions: 1, trialsPerSide: 30 });
const settings = resolveSettings({ shuffles: 20, subsets: 10, intervalDraws: 0, permutations: 0 });
const key = { sessionIndex: 0, epochIndex: 1 };
const plan = planFrame(dataset, key, settings).plan;
const jobs: FrameJob[] = [
  { kind: 'analyze', key, plan, settings, context: NO_CONTEXT },
  { kind: 'measures', key, plan, settings, context: NO_CONTEXT },
  { kind: 'pairs', key, plan, settings, rows: [0, 10], shuffles: [0, 20] },
];

function failing(where: 'products' | 'solves' | 'covariances', error: Error): Accelerator & { calls: number } {
  const accelerator = {
    calls: 0,
    adapter: 'stand-in',
    crossProductBatch: async () => {
      accelerator.calls++;
      if (where === 'products') throw error;
      throw new Error('not reached in these tests');
    },
    crossProductPrecise: async () => {
      accelerator.calls++;
      throw error;
    },
    quadraticForms: async () => {
      accelerator.calls++;
      throw error;
    },
  };
  if (where === 'products') accelerator.crossProductPrecise = null as never;
  return accelerator;
}

describe('an accelerator that fails', () => {
  it('leaves every job to the CPU, with the CPU\'s result', async () => {
    for (const where of ['products', 'covariances'] as const) {
      for (const job of jobs) {
        const accelerator = failing(where, new Error('a 65536 × 1 product needs 17179869184 bytes in one buffer'));
        const result = await executeFrameJobAsync(dataset, job, accelerator);
        expect(result, `${where} ${job.kind}`).toEqual(executeFrameJob(dataset, job));
        if (where === 'covariances' || job.kind !== 'measures') expect(accelerator.calls, `${where} ${job.kind}`).toBeGreaterThan(0);
      }
    }
  });

  it('still reports a problem with the data as the data\'s', async () => {
    const refused = failing('covariances', new DatasetError([{ severity: 'error', field: 'session 1', message: 'no usable covariance' }]));
    await expect(executeFrameJobAsync(dataset, jobs[0]!, refused)).rejects.toThrow(/no usable covariance/);
  });
});
