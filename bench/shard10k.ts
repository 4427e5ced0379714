/**
 * Cluster-scale benchmark (issue 15): one shard's pair unit of a generated 10,000-neuron, 4,000-trial
 * frame, as `chorus slurm` would cut a 20-session × 3-epoch job of such frames. Runs in its own process
 * so its peak resident memory (getrusage maxRSS) is this work's alone.
 *   node dist/node/shard10k.mjs [--neurons N] [--trials T] [--shards S] [--max-memory BYTES]
 * Prints the plan, the unit's time and peak RSS, and the projection of the whole job.
 */
import { parseArgs } from 'node:util';
import { pairBlock, pairInput } from '../shared/analysis/pairBlock';
import { pairRequest } from '../shared/analysis/frameAnalysis';
import { resolveSettings } from '../shared/analysis/settings';
import { frameInputBytes, shardPlan, type FrameShape } from '../shared/analysis/shards/shardPlan';
import { seededRandom } from '../shared/random/seededRandom';
import type { FrameData } from '../shared/analysis/frameData';

const { values } = parseArgs({ options: { neurons: { type: 'string', default: '10000' }, trials: { type: 'string', default: '4000' }, shards: { type: 'string', default: '2048' }, 'max-memory': { type: 'string', default: String(4 * 1024 ** 3) } } });
const N = Number(values.neurons);
const T = Number(values.trials);
const SHARDS = Number(values.shards);
const MEMORY = Number(values['max-memory']);
const FRAMES = 20 * 3;
const settings = resolveSettings({});

// Signed design ±2, ±1, 0 (the study's), tuned neurons with shared noise.
const random = seededRandom(2026);
const stimulus = Float64Array.from({ length: T }, (_, t) => [-2, -1, 0, 1, 2][t % 5]!);
const common = Float64Array.from({ length: T }, () => random.normal());
const values64 = new Float64Array(N * T);
for (let k = 0; k < N; k++) {
  const slope = 0.2 * Math.sin(k);
  for (let t = 0; t < T; t++) values64[k * T + t] = slope * stimulus[t]! + 0.3 * common[t]! + random.normal();
}
const frame: FrameData = { neurons: Int32Array.from({ length: N }, (_, k) => k), trials: T, values: values64, stimulus };
const shape: FrameShape = { neurons: N, trials: T, classes: 5, levels: 2, subsetNeurons: Math.floor(T / 5) - 10 };
const frameBytes = N * T * 8 + frameInputBytes(shape);
const plan = shardPlan(Array.from({ length: FRAMES }, () => shape), settings, SHARDS, MEMORY - frameBytes);
const pairUnits = plan.units.map((u, k) => ({ u, k })).filter(({ u }) => u.kind === 'pairs');
// The unit measured: shard 0's first pair unit (every pair unit of this plan costs about the same).
const mine = plan.assignment[0]!.map((k) => plan.units[k]!);
const measured = mine.find((u) => u.kind === 'pairs') ?? pairUnits[0]!.u;
if (measured.kind !== 'pairs') throw new Error('no pair unit');
const unitCost = plan.cost[plan.units.indexOf(measured)]!;
const pairCost = pairUnits.reduce((sum, { k }) => sum + plan.cost[k]!, 0);

const started = performance.now();
const input = pairInput(frame, settings, 1);
const block = pairBlock(input, pairRequest(settings, N, measured.rows, measured.shuffles));
const seconds = (performance.now() - started) / 1000;
const peak = process.resourceUsage().maxRSS * 1024;
const pairs = block.redundancyExtreme?.length ?? block.redundancy?.length ?? 0;
const perShardUnits = plan.assignment.map((list) => list.filter((k) => plan.units[k]!.kind === 'pairs').length);
const projectedCpuSeconds = (seconds * pairCost) / unitCost;
const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
console.log(
  JSON.stringify({
    frame: { neurons: N, trials: T, pairs: (N * (N - 1)) / 2 },
    job: { frames: FRAMES, shards: SHARDS, maxMemory: gib(MEMORY), units: plan.units.length, pairUnits: pairUnits.length, pairUnitsPerShard: [Math.min(...perShardUnits), Math.max(...perShardUnits)] },
    unit: { rows: measured.rows, shuffles: measured.shuffles, pairs, seconds: Number(seconds.toFixed(2)), peakRss: gib(peak), plannedBlock: gib(plan.blockBytes) },
    projection: {
      pairCpuHours: Number((projectedCpuSeconds / 3600).toFixed(1)),
      wallHoursOnShards: Number((projectedCpuSeconds / SHARDS / 3600).toFixed(2)),
      note: 'pair work only (all pairs × 101 passes: the values and 100 shuffles), scaled by the plan’s cost model from the unit measured; each frame’s population unit (its N² covariances) comes on top',
    },
  }),
);
