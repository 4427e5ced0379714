import { seededRandom } from '../random/seededRandom';
import { normaliseToUnitSphere } from './layout/normalise';
import { differenceWeights, rankByMagnitude, type Timeline } from './timeline';

/**
 * A generated timeline of any size (no analysis behind it), for the rendering benchmark: neurons in a
 * ball, links between random pairs (nearby pairs more likely, as in cortex), weights that drift from
 * frame to frame so every frame differs. Deterministic for a seed.
 */
export function syntheticTimeline(neurons: number, links: number, sessions = 10, epochs = 3, seed = 1): Timeline {
  const random = seededRandom(seed);
  const frames = 2 * sessions * epochs;
  const positions = new Float32Array(neurons * 3);
  for (let i = 0; i < neurons; i++) {
    const [u, v, w] = [random.normal(), random.normal(), random.normal()];
    const r = Math.cbrt(random.uniform()) / (Math.hypot(u, v, w) || 1);
    positions.set([u * r, v * r * 0.6, w * r], 3 * i);
  }
  normaliseToUnitSphere(positions);
  const edges = new Uint32Array(links * 2);
  for (let e = 0; e < links; e++) {
    const i = Math.floor(random.uniform() * neurons);
    let j = Math.floor(random.uniform() * neurons);
    if (j === i) j = (i + 1) % neurons;
    edges[2 * e] = Math.min(i, j);
    edges[2 * e + 1] = Math.max(i, j);
  }
  const base = Float32Array.from({ length: links }, () => random.normal() * 0.01);
  const edgeWeights = new Float32Array(frames * links);
  const edgeRank = new Float32Array(frames * links);
  for (let f = 0; f < frames; f++) {
    const growth = 1 + ((f % (sessions * epochs)) / (sessions * epochs)) * (f < sessions * epochs ? 1.5 : 0.1);
    for (let e = 0; e < links; e++) edgeWeights[f * links + e] = base[e]! * growth + random.normal() * 0.002;
    rankByMagnitude(edgeWeights.subarray(f * links, (f + 1) * links), edgeRank.subarray(f * links, (f + 1) * links));
  }
  const nodeWeights = Float32Array.from({ length: frames * neurons }, () => random.uniform());
  const conditionFrames = (condition: string, offset: number) =>
    Array.from({ length: sessions * epochs }, (_, k) => ({
      session: `day${String(Math.floor(k / epochs) + 1).padStart(2, '0')}-${condition}`,
      condition,
      order: Math.floor(k / epochs) + 1,
      sessionOrdinal: Math.floor(k / epochs),
      epochIndex: k % epochs,
      epoch: `epoch ${(k % epochs) + 1}`,
      trials: 200,
      population: { fisher: 1, fisherNaive: 1, fisherShuffled: 1.2 + offset, redundancy: 0.2 + offset * (k / (sessions * epochs)), redundancyPercent: 20, fisherVariance: 0, fisherShuffledVariance: 0, meanNoiseCorrelation: 0.05 },
    }));
  return {
    datasetName: `synthetic ${neurons} neurons × ${links} links`,
    matching: 'identity',
    neuronIds: Array.from({ length: neurons }, (_, i) => `n${i + 1}`),
    areas: Array.from({ length: neurons }, () => null),
    layouts: { anatomical: positions, functional: positions, tuning: positions },
    relevance: Float32Array.from({ length: neurons }, () => random.uniform()),
    preferredStimulus: Float32Array.from({ length: neurons }, () => Math.floor(random.uniform() * 8)),
    conditions: ['task', 'passive'],
    comparison: { task: 0, passive: 1 },
    epochs: Array.from({ length: epochs }, (_, e) => `epoch ${e + 1}`),
    sessionsPerCondition: [sessions, sessions],
    frames: [...conditionFrames('task', 0.5), ...conditionFrames('passive', 0)] as unknown as Timeline['frames'],
    edges,
    edgeWeights,
    edgeRank,
    edgeNoiseCorrelation: new Float32Array(frames * links),
    edgeRedundancyError: null,
    nodeWeights,
    nodeMeanResponse: new Float32Array(frames * neurons),
    nodeUsed: new Uint8Array(frames * neurons).fill(1),
    nodeChoiceProbability: new Float32Array(frames * neurons).fill(Number.NaN),
    edgeSignificant: null,
    difference: differenceWeights(edgeWeights, links, [sessions, sessions], epochs, { task: 0, passive: 1 }),
    edgeScale: 0.06,
    nodeScale: 1,
    options: { topPerFrame: links, maxEdges: links },
  };
}
