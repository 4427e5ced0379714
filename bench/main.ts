/**
 * `npm run bench`: each workload through Chorus and through numpy in the same run, with the ratio.
 * Prints one line per workload; `--quick` runs (c) on a fraction of the frames.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { covarianceAndCorrelations, informationAndPairs, syntheticFrame, writeFrame } from './workloads';
import { simulateLearningDataset } from '../shared/simulate/learningDemo';
import { writeChorusJson } from '../shared/formats/chorusJson';
import { inputFromBytes, openDataset } from '../shared/formats/index';
import { resolveSettings } from '../shared/analysis/settings';
import { workerThreadPool } from '../node/workerThreadPool';
import { runAnalysis } from '../shared/analysis/engine/runAnalysis';
import { readMatV5 } from '../shared/formats/matV5';
import { enableFusedMultiplyAdd, startKernelThreads } from '../node/kernelThreads';
import { chooseKernels, kernelDescription } from '../shared/analysis/kernels/wasmKernels';

const root = process.cwd();
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const quick = process.argv.includes('--quick');
// `--only a,b` runs some of the workloads; `--kernel simd` turns off fused multiply-add, `--threads 1` the
// kernel team (to measure what each brings).
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? null : (process.argv[at + 1] ?? null);
};
const only = flag('--only')?.split(',') ?? null;
const runs = (workload: string) => !only || only.includes(workload);
if (flag('--kernel') !== 'simd') enableFusedMultiplyAdd();
chooseKernels({ kernel: flag('--kernel') === 'simd' ? 'simd' : flag('--kernel') === 'scalar' ? 'scalar' : 'auto' });
const kernelThreads = Number(flag('--threads') ?? availableParallelism());

function numpy(args: string[]): { seconds: number; check: number } {
  const text = execFileSync('python3', [join(root, 'bench', 'numpy_peer.py'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(text.trim().split('\n').pop()!);
}

function line(name: string, chorus: number, peer: number): void {
  const ratio = chorus / peer;
  console.log(
    `${name.padEnd(64)} chorus ${chorus.toFixed(3).padStart(8)} s   numpy ${peer.toFixed(3).padStart(8)} s   chorus/numpy ${ratio.toFixed(2)}×`,
  );
}

console.log(`machine: ${availableParallelism()} cores, node ${process.version}; numpy ${execFileSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).trim()}`);

/** One in-process workload on a synthetic frame, the numpy peer on the same bytes, and their ratio. */
function compareOnFrame(
  name: string,
  peerKind: 'a' | 'b',
  [n, m, seed]: [number, number, number],
  repeats: number,
  chorus: (frame: ReturnType<typeof syntheticFrame>, repeats: number) => { seconds: number },
): void {
  const frame = syntheticFrame(n, m, seed);
  const file = join(out, `frame-${peerKind}.bin`);
  writeFrame(frame, file);
  line(name, chorus(frame, repeats).seconds, numpy([peerKind, file, String(repeats)]).seconds);
}

{
  // (a) and (b) are one frame each, run here: the kernel team lends this thread the other cores.
  const team = startKernelThreads(kernelThreads);
  console.log(`kernels: ${kernelDescription(team?.threads ?? 1)}`);
  if (runs('a')) compareOnFrame('(a) covariance + noise correlations, N = 1000, T = 2000', 'a', [1000, 2000, 1], 3, covarianceAndCorrelations);
  if (runs('b')) compareOnFrame('(b) I_bc, I_shuffle and all-pairs R_ij, N = 500, T = 2000', 'b', [500, 2000, 2], 5, informationAndPairs);
  team?.end();
}
if (runs('c')) {
  const sessions = quick ? 1 : 10;
  const dataset = simulateLearningDataset({ sessions });
  const file = join(out, 'demo.chorus.json');
  writeFileSync(file, writeChorusJson(dataset));
  const reopened = openDataset(inputFromBytes(file, new Uint8Array(readFileSync(file))), { dropSilent: false }).dataset;
  const settings = resolveSettings({ subsets: 200, shuffles: 1000, intervalDraws: 0, permutations: 0, fixedNeurons: 60 });
  const workers = Math.min(8, availableParallelism());
  const started = performance.now();
  const pool = workerThreadPool(new URL('./frameWorker.mjs', import.meta.url), workers);
  await runAnalysis(reopened, settings, { pool, file }).finally(() => pool.terminate());
  const chorus = (performance.now() - started) / 1000;
  const peer = numpy(['c', file, '200', '1000', '60']);
  line(`(c) demo pipeline${quick ? ' (1 day)' : ''}, 200 subsets at N = 60, 1000 shuffles, ${workers} workers`, chorus, peer.seconds);
}
if (runs('d')) {
  // (d) The 50 MB MATLAB read that a unit test once timed (it failed on a busy machine): here, against scipy.
  const file = join(out, 'big.mat');
  const repeats = 3;
  const peer = numpy(['d', file, String(repeats)]);
  const bytes = new Uint8Array(readFileSync(file));
  await readMatV5(bytes, file); // warm-up, as the peer's
  const started = performance.now();
  for (let k = 0; k < repeats; k++) {
    const big = (await readMatV5(bytes, file)).variables[0]!;
    if (big.values[1] !== 2500) throw new Error(`big.mat read wrong: ${big.values[1]}`);
  }
  line('(d) MATLAB v5 read, 50 MB double matrix (scipy.io.loadmat)', (performance.now() - started) / 1000 / repeats, peer.seconds);
}
