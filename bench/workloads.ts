/**
 * The benchmark workloads on Chorus's side, timed in-process. Data come from a seeded generator and are
 * written to disk so the numpy peer computes exactly the same thing (bench/numpy_peer.py).
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../shared/random/seededRandom';
import type { FrameData } from '../shared/analysis/frameData';
import { classScatters, pooledCovariance } from '../shared/analysis/classScatter';
import { noiseCorrelations } from '../shared/analysis/correlation';
import { levelStatistics } from '../shared/analysis/levelStatistics';
import { discriminations } from '../shared/analysis/discrimination';
import { populationFisher } from '../shared/analysis/populationFisher';
import { pairwiseRedundancy } from '../shared/analysis/pairwiseRedundancy';

/** Correlated responses (one shared factor) of n neurons on m trials at stimulus ±1, variable-major. */
export function syntheticFrame(n: number, m: number, seed: number): FrameData {
  const random = seededRandom(seed);
  const stimulus = Float64Array.from({ length: m }, (_, t) => (t % 2 === 0 ? -1 : 1));
  const slope = Float64Array.from({ length: n }, () => random.normal());
  const shared = Float64Array.from({ length: m }, () => random.normal());
  const values = new Float64Array(n * m);
  for (let k = 0; k < n; k++) for (let t = 0; t < m; t++) values[k * m + t] = 5 + 0.3 * slope[k]! * stimulus[t]! + 0.4 * shared[t]! + random.normal();
  return { neurons: Int32Array.from({ length: n }, (_, k) => k), trials: m, values, stimulus };
}

export function writeFrame(frame: FrameData, path: string): void {
  const header = new Float64Array([frame.neurons.length, frame.trials]);
  const bytes = new Uint8Array(8 * (2 + frame.trials + frame.values.length));
  const view = new Float64Array(bytes.buffer);
  view.set(header, 0);
  view.set(frame.stimulus, 2);
  view.set(frame.values, 2 + frame.trials);
  writeFileSync(path, bytes);
}

function timeIt(run: () => void, repeats: number): number {
  run(); // warm-up: JIT and caches
  const started = performance.now();
  for (let r = 0; r < repeats; r++) run();
  return (performance.now() - started) / repeats / 1000;
}

/** (a) pooled within-class covariance + noise correlations. */
export function covarianceAndCorrelations(frame: FrameData, repeats: number): { seconds: number; check: number } {
  let check = 0;
  const seconds = timeIt(() => {
    const scatters = classScatters(frame);
    const covariance = pooledCovariance(scatters, [-1, 1], frame.neurons.length, frame.trials - 2);
    const noise = noiseCorrelations(frame, scatters).matrix;
    check = covariance[1]! + noise[1]!;
  }, repeats);
  return { seconds, check };
}

/** (b) bias-corrected I, I_shuffle and all-pairs R_ij. */
export function informationAndPairs(frame: FrameData, repeats: number): { seconds: number; check: number } {
  let check = 0;
  const seconds = timeIt(() => {
    const levels = levelStatistics(frame, discriminations(frame.stimulus, { maxAbsStimulus: null, discriminate: null }), 'pooled', []);
    const population = populationFisher(levels, frame.neurons.length).population!;
    const pairs = pairwiseRedundancy(levels, frame.neurons.length);
    check = population.fisher + population.fisherShuffled + pairs[0]!;
  }, repeats);
  return { seconds, check };
}
