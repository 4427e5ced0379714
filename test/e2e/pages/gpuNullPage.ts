// Bundled by gpuNull.e2e.test.ts: one frame of a small simulated recording analysed with the trial-shuffle
// null on the CPU (analyzeFrame) and on the GPU backend (analyzeFrameAsync on the page's WebGPU, any
// adapter: backend=gpu), reported on window.report.
import { workerAccelerator } from '../../../renderer/gpu/pageBackend';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { resolveSettings } from '../../../shared/analysis/settings';
import { planFrame } from '../../../shared/analysis/framePlan';
import { analyzeFrame, analyzeFrameAsync, NO_CONTEXT } from '../../../shared/analysis/frameAnalysis';

const report = (value: unknown) => ((window as unknown as { report: unknown }).report = value);

async function run() {
  const accelerator = await workerAccelerator('gpu', navigator.gpu);
  if (!accelerator) return report({ reason: 'no GPU adapter' });
  const dataset = simulateLearningDataset({ neurons: 24, sessions: 1, trialsPerSide: 40 });
  const settings = resolveSettings({ shuffles: 60, subsets: 10, intervalDraws: 0, permutations: 0 });
  const key = { sessionIndex: 0, epochIndex: 1 };
  const planned = planFrame(dataset, key, settings);
  const cpu = analyzeFrame(dataset, key.sessionIndex, key.epochIndex, settings, NO_CONTEXT, planned);
  const gpu = await analyzeFrameAsync(dataset, key, settings, NO_CONTEXT, planned, accelerator);
  // Observed values: the covariances in double-float, so within one f32 rounding of the CPU's.
  const sameValues = cpu.pairRedundancy.every((value, k) => Math.abs(value - gpu.pairRedundancy[k]!) <= 2 ** -23 * Math.max(Math.abs(value), 1e-30));
  const p = (a: Float32Array | null, b: Float32Array | null) => (a && b ? a.reduce((worst, value, k) => Math.max(worst, Math.abs(value - b[k]!)), 0) : Number.NaN);
  // In steps of 1/(shuffles + 1): how many pairs' p-values moved, and by how many shuffles in all.
  const steps = (a: Float32Array | null, b: Float32Array | null) => (a && b ? a.reduce((sum, value, k) => sum + Math.round(Math.abs(value - b[k]!) * (settings.shuffles + 1)), 0) : Number.NaN);
  const moved = (a: Float32Array | null, b: Float32Array | null) => (a && b ? a.reduce((sum, value, k) => sum + (value === b[k] ? 0 : 1), 0) : Number.NaN);
  report({
    fisherError: Math.abs(gpu.population.fisher - cpu.population.fisher) / Math.abs(cpu.population.fisher),
    pairs: cpu.pairRedundancy.length,
    shuffles: settings.shuffles,
    sameValues,
    redundancyP: p(cpu.pairRedundancyP, gpu.pairRedundancyP),
    noiseP: p(cpu.pairNoiseCorrelationP, gpu.pairNoiseCorrelationP),
    redundancySteps: steps(cpu.pairRedundancyP, gpu.pairRedundancyP),
    redundancyMoved: moved(cpu.pairRedundancyP, gpu.pairRedundancyP),
    noiseSteps: steps(cpu.pairNoiseCorrelationP, gpu.pairNoiseCorrelationP),
  });
}
run().catch((error: Error) => report({ error: error.message }));
