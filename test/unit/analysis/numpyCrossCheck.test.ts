import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { analyzeFrame } from '../../../shared/analysis/frameAnalysis';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../shared/analysis/settings';

const DEFAULT_SETTINGS = resolveSettings(POINT_ESTIMATES_ONLY);
import { syntheticDataset } from '../../helpers/syntheticDataset';
import { findNumpyPython, runPythonJson } from '../../helpers/python';

const python = findNumpyPython();
const script = fileURLToPath(new URL('../../helpers/numpy_reference.py', import.meta.url));
if (!python.command) console.warn(`numpy cross-checks skipped: ${python.reason}`);

interface Reference {
  fisher: number;
  fisherShuffled: number;
  redundancy: number;
  neuronFisher: number[];
  pairRedundancy: number[];
  pairNoiseCorrelation: number[];
  meanNoiseCorrelation: number;
  pairSignalCorrelation: number[] | null;
  differentialSlope: number;
  differentialSlopeThroughOrigin: number;
  choiceProbabilityTrials: string;
  varianceAlongSignal: number;
  meanVariance: number;
  choiceProbability?: number[];
  choiceProbabilityWeighted?: number[];
  decoderDiagonal: number | null;
  decoderCrossValidated: number | null;
}

function relativeClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe.skipIf(!python.command)('agrees with an independent numpy implementation', () => {
  for (const [seed, covariance] of [[1, 'pooled'], [2, 'pooled'], [3, 'zero-signal'], [4, 'zero-signal']] as const) {
    it(`on random correlated data (seed ${seed}, ${covariance} covariance): population, neurons, every pair`, () => {
      const n = 9;
      const dataset = syntheticDataset({ neurons: n, trialsPerSide: 30 + 10 * seed, levels: [1, 2.5], epsilon: 0.3, seed, zeroSignalTrials: 20, extraMinus: 7, choices: true });
      const session = dataset.sessions[0]!;
      const responses = Array.from({ length: session.trialCount }, (_, t) => Array.from(session.responses.subarray(t * n, (t + 1) * n)));
      const reference = runPythonJson(python.command!, script, { responses, stimulus: Array.from(session.stimulus), choice: Array.from(session.choice!), covariance }) as Reference;
      const frame = analyzeFrame(dataset, 0, 0, { ...DEFAULT_SETTINGS, covariance, decoderFolds: 5 });
      expect(frame.covariance).toBe(covariance);

      relativeClose(frame.population.fisher, reference.fisher, 1e-9);
      relativeClose(frame.population.fisherShuffled, reference.fisherShuffled, 1e-9);
      relativeClose(frame.population.redundancy, reference.redundancy, 1e-9);
      relativeClose(frame.population.meanNoiseCorrelation!, reference.meanNoiseCorrelation, 1e-9);
      reference.neuronFisher.forEach((value, i) => relativeClose(frame.neuronFisher[i]!, value, 1e-9));
      // Pair arrays are stored as Float32: compare at single precision.
      reference.pairRedundancy.forEach((value, k) => relativeClose(frame.pairRedundancy[k]!, value, 1e-6));
      reference.pairNoiseCorrelation.forEach((value, k) => relativeClose(frame.pairNoiseCorrelation[k]!, value, 1e-6));
      reference.pairSignalCorrelation!.forEach((value, k) => relativeClose(frame.pairSignalCorrelation![k]!, value, 1e-6));
      relativeClose(frame.differential!.slope, reference.differentialSlope, 1e-9);
      relativeClose(frame.differential!.slopeThroughOrigin, reference.differentialSlopeThroughOrigin, 1e-9);
      relativeClose(frame.differential!.varianceAlongSignal, reference.varianceAlongSignal, 1e-9);
      relativeClose(frame.differential!.meanVariance, reference.meanVariance, 1e-9);
      relativeClose(frame.decoders!.diagonal!, reference.decoderDiagonal!, 1e-9);
      // Hundreds of gradient steps: rounding differs in the last bits, so compare at 1e-7.
      relativeClose(frame.decoders!.crossValidated!, reference.decoderCrossValidated!, 1e-7);
      expect(frame.choiceProbabilityTrials).toBe(reference.choiceProbabilityTrials);
      reference.choiceProbability!.forEach((value, i) => relativeClose(frame.neuronChoiceProbability![i]!, value, 1e-12));
      reference.choiceProbabilityWeighted!.forEach((value, i) => relativeClose(frame.neuronChoiceProbabilityWeighted![i]!, value, 1e-12));
    });
  }
});
