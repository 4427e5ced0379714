/**
 * `chorus` — the analysis without a window (plain Node; never imports Electron).
 *   chorus analyze FILE [--all-pairs] [--top-pairs K] [--max-stimulus C] [--drop-silent] [--progress] [--out results.json]
 *   chorus demo --out FILE [--seed N]
 * Exit codes: 0 done, 2 bad input or usage (one line per problem on stderr), 1 unexpected failure.
 */
import { totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { DatasetError, formatIssue } from '../shared/dataset/datasetError';
import { openSessionFiles, type OpenedDataset } from '../shared/formats/index';
import { inputFromBytes, type InputFile } from '../shared/formats/source';
import { folderMembers } from '../shared/formats/folderMembers';
import { isTrialsCsv } from '../shared/formats/trialsTable';
import type { ReadControl } from '../shared/formats/readControl';
import { datasetMappingSchema, mergeMappings, parseEpochFlag, parseMapping, validateMapping, LONG_CSV_ROLES, type DatasetMapping } from '../shared/formats/mapping';
import { writeChorusJson } from '../shared/formats/chorusJson';
import { analyzeShard, formatFlag, mergeCommand, parseShard, slurmCommand, writeResults, SHARD_DEFAULT_MEMORY } from './cliScale';
import { runAnalysis, type AnalysisProgress } from '../shared/analysis/engine/runAnalysis';
import { frameKeys } from '../shared/analysis/framePlan';
import { inlinePool } from '../shared/analysis/engine/framePool';
import { isCancellation } from '../shared/dataset/cancellation';
import { resolveSettings, type AnalysisSettings } from '../shared/analysis/settings';
import { DEFAULT_HYPOTHESIS, HYPOTHESIS_PARAMETERS, simulateHypothesis } from '../shared/simulate/hypotheses';
import { simulateLearningDataset } from '../shared/simulate/learningDemo';
import { learningSummaryLines } from './cliSummary';
import { renderCommand } from './cliRender';
import { workerThreadPool } from './workerThreadPool';
import { BACKENDS, type Backend } from '../shared/analysis/gpu/backend';
import type { GpuKernels } from '../shared/analysis/gpu/gpuKernels';
import { describeInput, inspectInput, type InspectedInput } from './cliInspect';
import { DEFAULT_READ_TIMEOUT_SECONDS, guardedRead, ReadWorkerHost, type ReadGuard } from './guardedRead';

export interface CliIo {
  readFile(path: string): Promise<Uint8Array>;
  /** A file read in slices as it is needed (large NWB files); without it, files are read whole. */
  openFile?(path: string): Promise<InputFile>;
  /** File names in a folder, or null when the path is not a folder. */
  listFolder(path: string): Promise<string[] | null>;
  writeFile(path: string, text: string): Promise<void>;
  /** Writes bytes (through a temporary file and a rename, so a killed job leaves no half file); creates missing folders. */
  writeBytes?(path: string, bytes: Uint8Array): Promise<void>;
  /** Creates a folder and its parents (no error when it exists). */
  makeFolder?(path: string): Promise<void>;
  /** An absolute form of a path (cluster jobs run from another folder); identity where not given. */
  resolvePath?(path: string): string;
  /** Runs a program (sbatch) and gives its exit code and output; absent: programs cannot be run here. */
  runProgram?(file: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** The command line that runs this chorus (node and its entry script), written into cluster job scripts. */
  chorusCommand?: readonly string[];
  stdout(text: string): void;
  stderr(text: string): void;
  version: string;
  /** The built frame worker for the worker_threads pool, and how many workers to use by default. */
  workerUrl: URL;
  defaultWorkers: number;
  /** Aborted on Ctrl+C: reading or the analysis stops and the CLI exits 130. */
  signal?: AbortSignal;
  /** The built read worker: reads run there, stopped when they stop making progress (guardedRead); without it (tests), in this thread. */
  readWorkerUrl?: URL;
  /** The built renderer (dist/renderer), which `chorus render` runs in a headless Chromium. */
  rendererDir?: string;
  /** The GPU kernels for a backend (node/nodeGpu.ts), or why the run is on the CPU; absent: there is no GPU here. */
  openAccelerator?(backend: Backend): Promise<{ kernels: GpuKernels } | { kernels: null; reason: string }>;
}

export const USAGE = `Usage:
  chorus analyze FILE… [--out results.json|FOLDER] [--format json|parquet] [--shard i/n] [options]
  chorus merge PARTS… --out RESULTS [--format json|parquet]
  chorus slurm FILE… --shards N --out FOLDER [--partition P] [--time T] [--mem M] [--cpus C] [--account A] [--submit] [analyze options]
  chorus demo --out FILE [--seed N]
  chorus simulate --model feedback|efficient --out FILE [--PARAMETER VALUE…] [--seed N] | --list
  chorus inspect PATH… [--json] [--max-memory SIZE]
  chorus convert FILE… --out dataset.chorus.json [--matching table.csv] [--drop-silent] [--max-memory SIZE]
  chorus render STORY|--demo-story --out talk.mp4 [--size 1920x1080] [--fps 30]   (see chorus render --help)
  chorus --version | --help

analyze   every measure per session × epoch (bias-corrected Fisher information, redundancy, correlations,
          choice probabilities, information, task relevance) with 95% intervals, shuffle nulls and a summary
merge     the shards of a run (their .chorus-shard files, or the folder holding them) into its results
slurm     a Slurm job array of --shards shards and a merge job after it (FOLDER/chorus-array.sbatch and
          chorus-merge.sbatch); prints the two sbatch lines, or submits them with --submit; run again to
          resubmit only the shards whose parts are missing
demo      write the simulated learning dataset (*.chorus.json)
simulate  write a dataset from one of two hypotheses of learning (feedback, efficient coding); --list
          prints the parameters with their defaults and meaning
convert   write any readable format as the native *.chorus.json
inspect   what a file or folder holds (NWB 2 units and trials, suite2p planes, .npy arrays, Chorus datasets)

analyze options:
  --out FILE              write the results here (default: stdout); a folder with --format parquet
  --format json|parquet   one JSON file, or a folder of Parquet tables (default: Parquet above 250,000 pair rows)
  --shard i/n             compute shard i (from 0) of n of the run and write it to --out (chorus merge joins them);
                          --max-memory bounds each shard's plan (default 2G, the same on every node)
  --all-pairs             every pair in the output (default: the strongest --top-pairs K, 200)
  --covariance MODE       auto | zero-signal | pooled (default auto: zero-signal when T0−1 ≥ N+4)
  --max-stimulus C        signed designs: only levels |c| ≤ C
  --discriminate A,B      other designs: discriminate stimulus A vs B (default: every adjacent pair)
  --circular PERIOD       circular stimuli (orientation 180, direction 360): the last and first values
                          are adjacent too, across the period
  --min-rate R            leave out, per frame, neurons firing below R spikes/s in its epoch window
  --responsive ALPHA      leave out, per frame, neurons whose response does not depend on the stimulus
                          (one-way ANOVA across its values, p ≥ ALPHA); each neuron's p is reported always
  --neurons N             fixed population size for comparing sessions (default: the smallest session's)
  --subsets K             random N-subsets per frame (default 200, at most 1000)
  --interval-draws D      draws of the estimator's sampling law for 95% intervals (default 4000; 0 = none)
  --decoder-folds K       folds of the cross-validated decoder checked against I, with I_diag
                          (default 5, 2–20; 0 = no decoder checks)
  --shuffles S            trial shuffles for pairwise nulls (default 100; 0 = none)
  --permutations P        permutations for CP and trends (default 1000)
  --fdr Q                 Benjamini–Hochberg false discovery rate (default 0.05)
  --seed N                seed of every random draw (default 1)
  --workers W             worker threads (default: the number of cores)
  --backend B             cpu, gpu or auto (default): where the covariances, the population's solves and
                          the trial-shuffle nulls' products run; auto takes the GPU when WebGPU for Node (the optional
                          "webgpu" package) finds a hardware adapter; gpu takes any adapter, or refuses
  --matching TABLE.csv    several FILEs: which unit of each file is which tracked neuron
  --drop-silent           leave out neurons that never fire instead of refusing the file
  --progress              a progress bar on stderr (Ctrl+C cancels)

reading options (analyze, convert, inspect):
  --max-memory SIZE       the most a file may declare in arrays, checked before they are allocated or
                          inflated (e.g. 512M, 4G; default a quarter of this machine's memory)
  --read-timeout S        seconds a read may go without progress before it is stopped as a damaged file
                          (default 60)

mapping options (analyze, convert, inspect; \`chorus inspect\` prints the mapping it detected):
  --mapping PRESET.json   a saved mapping (the dataset dialog's "Save preset"); the flags below override it
  --response NAME         the response variable (arrays), series path (NWB ophys) or trace (suite2p: F, spks)
  --axes A,B,…            axes of the response array: neuron, trial, condition, epoch, session
  --stimulus NAME         the stimulus column or variable
  --choice NAME|none      the choice column or variable
  --condition LABEL       the condition of every session (task, passive, …)
  --session SRC=COND[:N]  condition and learning order of one file or folder (repeatable)
  --epoch NAME=EVENT:START:END   a window in seconds around a trial event column (repeatable),
                          e.g. --epoch stimulus=start_time:0.05:1.65 --epoch pre=response_time:-0.3:0
  --sample-rate HZ        Kilosort sample rate or imaging frame rate when the files lack it
  --units good|all        Kilosort/phy: clusters labelled good (default) or all but noise
  --column ROLE=NAME      long CSV: the column holding ROLE (session, condition, order, trial, stimulus,
                          choice, correct, epoch, neuron, response) (repeatable)
  --trials FILE           the trials CSV of the one sorter or suite2p folder given, kept elsewhere (output
                          folders are often read-only); "FOLDER TRIALS.csv" as two paths does the same`;

export class UsageError extends Error {}

/** The share of the machine's memory a read may take when --max-memory is not given. */
const DEFAULT_MEMORY_FRACTION = 0.25;

const READ_OPTIONS = { 'max-memory': { type: 'string' }, 'read-timeout': { type: 'string' } } as const;

/** How a command reads: its memory limit and how long a read may go without progress. */
interface ReadOptions {
  readonly memoryLimit: number;
  readonly timeoutSeconds: number;
}

function readOptions(values: { 'max-memory'?: string | undefined; 'read-timeout'?: string | undefined }): ReadOptions {
  const text = values['read-timeout'];
  const timeoutSeconds = text === undefined ? DEFAULT_READ_TIMEOUT_SECONDS : Number(text);
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 86_400)) throw new UsageError(`--read-timeout needs a number of seconds from 1 to 86400, got "${text}"`);
  return { memoryLimit: parseMemorySize(values['max-memory']), timeoutSeconds };
}

/** --max-memory SIZE: bytes, or a number with K, M, G or T (binary: 1G = 1024³ bytes; KB, GiB and the like too). */
export function parseMemorySize(text: string | undefined): number {
  if (text === undefined) return Math.floor(totalmem() * DEFAULT_MEMORY_FRACTION);
  const match = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b)?$/i.exec(text.trim());
  const power = match ? ' kmgt'.indexOf((match[2] ?? ' ').toLowerCase()) : -1;
  const bytes = match ? Math.floor(Number(match[1]) * 1024 ** power) : Number.NaN;
  if (!(bytes >= 1024 * 1024)) throw new UsageError(`--max-memory needs a size of at least 1M, such as 512M or 4G, got "${text}"`);
  return bytes;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version') {
      io.stdout(`chorus ${io.version}\n`);
      return 0;
    }
    if (command === 'analyze') return await analyzeCommand(rest, io);
    if (command === 'demo') return await demoCommand(rest, io);
    if (command === 'simulate') return await simulateCommand(rest, io);
    if (command === 'inspect') return await inspectCommand(rest, io);
    if (command === 'convert') return await convertCommand(rest, io);
    if (command === 'merge') return await mergeCommand(rest, io);
    if (command === 'slurm') return await slurmCommand(rest, io);
    if (command === 'render') {
      if (!io.rendererDir) throw new UsageError('render needs the built app, which this build of the CLI does not know the place of');
      return await renderCommand(rest, { stderr: io.stderr, rendererDir: io.rendererDir, ...(io.signal ? { signal: io.signal } : {}) });
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (isCancellation(error)) {
      io.stderr('\nchorus: cancelled; nothing was written\n');
      return 130;
    }
    if (error instanceof DatasetError) {
      for (const issue of error.issues) io.stderr(`chorus: ${formatIssue(issue)}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`chorus: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if ((error as { code?: string }).code === 'ENOENT') {
      io.stderr(`chorus: ${(error as { path?: string }).path ?? 'file'}: no such file\n`);
      return 2;
    }
    io.stderr(`chorus: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} needs a positive number, got "${text}"`);
  return value;
}

function nonNegativeInteger(flag: string, text: string | undefined, maximum = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > maximum) throw new UsageError(`${flag} needs a whole number from 0 to ${maximum}, got "${text}"`);
  return value;
}

function probability(flag: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  if (!(value > 0 && value <= 1)) throw new UsageError(`${flag} needs a probability above 0 and at most 1, got "${text}"`);
  return value;
}

function decoderFolds(text: string | undefined): number | undefined {
  const value = nonNegativeInteger('--decoder-folds', text, 20);
  if (value === 1) throw new UsageError('--decoder-folds needs 0 (no decoder checks) or 2 to 20 folds, got "1"');
  return value;
}

function settingsFromFlags(values: Record<string, string | boolean | (string | boolean)[] | undefined>): AnalysisSettings {
  const text = (name: string) => values[name] as string | undefined;
  const covariance = text('covariance');
  if (covariance !== undefined && !['auto', 'zero-signal', 'pooled'].includes(covariance)) {
    throw new UsageError(`--covariance must be auto, zero-signal or pooled, got "${covariance}"`);
  }
  let discriminate: [number, number] | null = null;
  if (text('discriminate') !== undefined) {
    const parts = text('discriminate')!.split(',').map(Number);
    if (parts.length !== 2 || parts.some((p) => !Number.isFinite(p)) || parts[0] === parts[1]) {
      throw new UsageError(`--discriminate needs two different stimulus values A,B, got "${text('discriminate')}"`);
    }
    discriminate = [parts[0]!, parts[1]!];
  }
  const fdr = text('fdr') === undefined ? undefined : Number(text('fdr'));
  if (fdr !== undefined && !(fdr > 0 && fdr < 1)) throw new UsageError(`--fdr needs a rate between 0 and 1, got "${text('fdr')}"`);
  const seed = text('seed') === undefined ? undefined : Number(text('seed'));
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed needs an integer, got "${text('seed')}"`);
  const defined = <T>(entries: Record<string, T | undefined>) =>
    Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as Record<string, T>;
  return resolveSettings({
    allPairs: values['all-pairs'] === true,
    dropSilent: values['drop-silent'] === true,
    maxAbsStimulus: positiveNumber('--max-stimulus', text('max-stimulus')) ?? null,
    discriminate,
    circularPeriod: positiveNumber('--circular', text('circular')) ?? null,
    minRate: positiveNumber('--min-rate', text('min-rate')) ?? null,
    responsiveAlpha: probability('--responsive', text('responsive')),
    fixedNeurons: nonNegativeInteger('--neurons', text('neurons')) ?? null,
    ...(covariance !== undefined ? { covariance: covariance as AnalysisSettings['covariance'] } : {}),
    ...defined({
      topPairs: nonNegativeInteger('--top-pairs', text('top-pairs')),
      subsets: nonNegativeInteger('--subsets', text('subsets'), 1000),
      intervalDraws: nonNegativeInteger('--interval-draws', text('interval-draws'), 1_000_000),
      decoderFolds: decoderFolds(text('decoder-folds')),
      shuffles: nonNegativeInteger('--shuffles', text('shuffles')),
      permutations: nonNegativeInteger('--permutations', text('permutations')),
      fdr,
      seed,
    }),
  });
}

async function analyzeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: ANALYZE_OPTIONS });
  if (positionals.length === 0) throw new UsageError('analyze takes one or more FILEs (several files are sessions of one dataset)');
  const file = positionals.join(' + ');
  const settings = settingsFromFlags(values);
  const workers = nonNegativeInteger('--workers', values.workers, 64) ?? io.defaultWorkers;
  const backend = backendFlag(values.backend);
  const format = formatFlag(values.format);
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  if (shard && !values.out) throw new UsageError('--shard needs --out FILE (the shard\'s part of the results, which chorus merge reads)');
  const read = readOptions(values);
  const opened = await openFiles(withTrials(positionals, values.trials), io, settings.dropSilent, values.matching, await mappingFromFlags(values, io), read);
  for (const warning of opened.warnings) io.stderr(`chorus: warning: ${formatIssue(warning)}\n`);

  const started = Date.now();
  // One worker runs inline (no copy of the dataset); more run on worker_threads, ended when the run is.
  // With fewer frames than workers, each worker's large products get the spare cores (kernel threads).
  const poolSize = Math.min(workers, frameKeys(opened.dataset).length);
  // The GPU backend: one device here for a run inline; on workers, each opens its own (this one only checks).
  const accelerator = await openBackend(backend, io);
  if (accelerator && workers > 1) accelerator.destroy();
  const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
  const pool =
    workers <= 1
      ? inlinePool(yieldNow, accelerator)
      : workerThreadPool(io.workerUrl, poolSize, Math.floor(workers / Math.max(1, poolSize)), accelerator ? 'gpu' : 'cpu');
  const onProgress = values.progress ? (done: number, total: number, step: string) => io.stderr(progressBar(done, total, step)) : null;
  try {
    if (shard) {
      // Every shard must cut the run the same way: without --max-memory, a fixed budget, not this machine's.
      const memoryLimit = values['max-memory'] === undefined ? SHARD_DEFAULT_MEMORY : read.memoryLimit;
      return await analyzeShard({ dataset: opened.dataset, settings, shard, memoryLimit, pool, file, out: values.out!, warnings: opened.warnings, io, onProgress });
    }
    const output = await runAnalysis(opened.dataset, settings, {
      pool,
      file,
      ...(io.signal ? { signal: io.signal } : {}),
      ...(onProgress ? { onProgress: (p: AnalysisProgress) => onProgress(p.done, p.total, p.step) } : {}),
    });
    if (values.progress) io.stderr(`${progressBar(output.frames.length, output.frames.length, `done in ${((Date.now() - started) / 1000).toFixed(1)} s`)}\n`);
    await writeResults(io, {
      out: values.out ?? null,
      format,
      dataset: opened.dataset,
      run: output,
      settings,
      // A GPU run says so in the file: its shuffle-null p-values may differ from a CPU run's by f32 near-ties.
      context: { file, generator: `chorus ${io.version}${accelerator ? ` (backend: GPU, ${accelerator.adapter})` : ''}`, issues: opened.warnings },
    });
    if (values.out) for (const line of learningSummaryLines(output)) io.stderr(`${line}\n`);
    return 0;
  } finally {
    pool.terminate();
    if (accelerator && workers <= 1) accelerator.destroy();
  }
}

/** --backend: cpu, gpu or auto (the default). */
function backendFlag(value: string | undefined): Backend {
  if (value === undefined) return 'auto';
  if (!(BACKENDS as readonly string[]).includes(value)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, not "${value}"`);
  return value as Backend;
}

/** The run's GPU kernels, or null for the CPU: `gpu` with no adapter is refused, with the reason; a GPU run says which adapter. */
async function openBackend(backend: Backend, io: CliIo): Promise<GpuKernels | null> {
  if (backend === 'cpu') return null;
  const opened = io.openAccelerator ? await io.openAccelerator(backend) : { kernels: null, reason: 'no WebGPU in this runtime' };
  if (opened.kernels === null) {
    if (backend === 'gpu') throw new UsageError(`--backend gpu: ${opened.reason}`);
    return null;
  }
  io.stderr(`chorus: backend: GPU, ${opened.kernels.adapter}${opened.kernels.software ? ' (a software adapter: correct, and slower than the CPU)' : ''}\n`);
  return opened.kernels;
}

/**
 * The paths `inspect` reads together: each on its own, except that the one folder given takes the
 * trials CSV given with it (as a path, or with --trials) — sorter and suite2p output folders are
 * often read-only, their trials table kept elsewhere. `analyze` and `convert` read every path as one
 * dataset, where the same pairing happens (groupInputs); they only need --trials added to the paths.
 */
export async function inspectGroups(paths: readonly string[], trials: string | undefined, io: Pick<CliIo, 'readFile' | 'listFolder'>): Promise<string[][]> {
  const folders: string[] = [];
  const trialsTables: string[] = trials !== undefined ? [trials] : [];
  for (const path of paths) {
    if ((await io.listFolder(path)) !== null) folders.push(path);
    else if (/\.(csv|tsv|txt)$/i.test(path) && isTrialsCsv(new TextDecoder().decode((await io.readFile(path)).subarray(0, 4096)))) trialsTables.push(path);
  }
  if (folders.length === 1 && trialsTables.length === 1) {
    const [folder, table] = [folders[0]!, trialsTables[0]!];
    return paths.filter((path) => path !== table).map((path) => (path === folder ? [folder, table] : [path]));
  }
  if (trials !== undefined) throw new UsageError(`--trials goes with one folder (sorter or suite2p output); ${folders.length} folder(s) and ${trialsTables.length} trials table(s) were given`);
  return paths.map((path) => [path]);
}

/** The paths analyze and convert read as one dataset: --trials is one more of them. */
function withTrials(paths: readonly string[], trials: string | undefined): string[] {
  return trials !== undefined ? [...paths, trials] : [...paths];
}

async function inspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean', default: false }, ...MAPPING_OPTIONS, ...READ_OPTIONS } });
  if (positionals.length === 0) throw new UsageError('inspect takes one or more files or folders');
  const groups = await inspectGroups(positionals, values.trials, io);
  const mapping = await mappingFromFlags(values, io);
  const read = readOptions(values);
  const inputs: InspectedInput[] = [];
  const refused: string[] = [];
  // One read worker for every path (its HDF5 library compiled once), replaced only after a stopped read.
  const host = io.readWorkerUrl ? new ReadWorkerHost(guardOf(io, read)) : null;
  try {
    for (const group of groups) {
      const path = group.join(' + ');
      try {
        inputs.push(
          host
            ? await host.read<InspectedInput>({ kind: 'inspect', path, sources: group.length > 1 ? group.map((member) => ({ path: member })) : null, mapping, memoryLimit: read.memoryLimit })
            : await inspectInput(path, (await Promise.all(group.map((member) => inputsAt(member, io)))).flat(), mapping, readControl(io, read.memoryLimit)),
        );
      } catch (error) {
        if (!(error instanceof DatasetError) || isCancellation(error)) throw error;
        refused.push(...error.issues.map(formatIssue));
      }
    }
  } finally {
    host?.close();
  }
  if (values.json) {
    io.stdout(
      `${JSON.stringify(
        {
          // Several inputs are sessions of one dataset: neurons is the largest count, the rest add up.
          neurons: Math.max(0, ...inputs.map((i) => i.neurons)),
          sessions: inputs.reduce((s, i) => s + i.sessions, 0),
          trials: inputs.reduce((s, i) => s + i.trials, 0),
          conditions: Math.max(new Set(inputs.flatMap((i) => Object.keys(i.trialsPerCondition))).size, ...inputs.map((i) => i.conditions), 0),
          warnings: inputs.flatMap((i) => i.warnings.map(formatIssue)),
          refused,
          inputs,
        },
        null,
        1,
      )}\n`,
    );
  } else {
    for (const input of inputs) for (const line of describeInput(input)) io.stdout(`${line}\n`);
  }
  for (const line of refused) io.stderr(`chorus: ${line}\n`);
  return refused.length > 0 ? 2 : 0;
}

/** A path as InputFiles: a file, or the files of a folder that Chorus reads (named `folder/file`). */
export async function inputsAt(path: string, io: Pick<CliIo, 'readFile' | 'openFile' | 'listFolder'>): Promise<InputFile[]> {
  const open = async (file: string) => (io.openFile ? io.openFile(file) : inputFromBytes(file, await io.readFile(file)));
  const names = await io.listFolder(path);
  if (names === null) return [await open(path)];
  const members = folderMembers(names);
  if (members.length === 0) throw new DatasetError([{ severity: 'error', file: path, field: '(folder)', message: 'holds no file Chorus reads (NWB, MATLAB, NumPy, CSV, Kilosort or suite2p output)' }]);
  return Promise.all(members.map((name) => open(`${path.replace(/[/\\]+$/, '')}/${name}`)));
}

/** One file, or several files (or folders) as the sessions of one dataset. */
async function openFiles(paths: readonly string[], io: CliIo, dropSilent: boolean, matchingFile: string | undefined, mapping: DatasetMapping, read: ReadOptions): Promise<OpenedDataset> {
  if (io.readWorkerUrl) {
    const request = { kind: 'open', sources: paths.map((path) => ({ path })), matching: matchingFile !== undefined ? { path: matchingFile } : null, mapping, dropSilent, memoryLimit: read.memoryLimit } as const;
    return guardedRead<OpenedDataset>(request, guardOf(io, read));
  }
  const files = (await Promise.all(paths.map((path) => inputsAt(path, io)))).flat();
  const matching = matchingFile !== undefined ? (await inputsAt(matchingFile, io))[0] : undefined;
  return openSessionFiles(files, { ...readControl(io, read.memoryLimit), dropSilent, mapping, ...(matching ? { matching } : {}) });
}

function guardOf(io: CliIo, read: ReadOptions): ReadGuard {
  return { workerUrl: io.readWorkerUrl!, timeoutSeconds: read.timeoutSeconds, ...(io.signal ? { signal: io.signal } : {}) };
}

/**
 * Reading steered by Ctrl+C: readers pause at each checkpoint (unit, slice, variable, file) for one
 * turn of the event loop, which lets the SIGINT handler abort the signal mid-file. Files declaring more
 * than `memoryLimit` bytes of arrays are refused before they are allocated (--max-memory).
 */
function readControl(io: CliIo, memoryLimit: number): ReadControl {
  return { ...(io.signal ? { signal: io.signal } : {}), pause: () => new Promise((resolve) => setImmediate(resolve)), memoryLimit };
}

export const MAPPING_OPTIONS = {
  mapping: { type: 'string' },
  response: { type: 'string' },
  axes: { type: 'string' },
  stimulus: { type: 'string' },
  choice: { type: 'string' },
  condition: { type: 'string' },
  session: { type: 'string', multiple: true },
  epoch: { type: 'string', multiple: true },
  'sample-rate': { type: 'string' },
  units: { type: 'string' },
  column: { type: 'string', multiple: true },
  trials: { type: 'string' },
} as const;

/** analyze's flags (the slurm command forwards them to every shard). */
export const ANALYZE_OPTIONS = {
  out: { type: 'string' },
  'all-pairs': { type: 'boolean', default: false },
  backend: { type: 'string' },
  'top-pairs': { type: 'string' },
  covariance: { type: 'string' },
  'max-stimulus': { type: 'string' },
  discriminate: { type: 'string' },
  circular: { type: 'string' },
  'min-rate': { type: 'string' },
  responsive: { type: 'string' },
  neurons: { type: 'string' },
  subsets: { type: 'string' },
  'interval-draws': { type: 'string' },
  'decoder-folds': { type: 'string' },
  shuffles: { type: 'string' },
  permutations: { type: 'string' },
  fdr: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  matching: { type: 'string' },
  'drop-silent': { type: 'boolean', default: false },
  progress: { type: 'boolean', default: false },
  format: { type: 'string' },
  shard: { type: 'string' },
  ...MAPPING_OPTIONS,
  ...READ_OPTIONS,
} as const;

/** The mapping flags (over a --mapping preset) as one validated mapping. */
export async function mappingFromFlags(values: Record<string, string | boolean | (string | boolean)[] | undefined>, io: Pick<CliIo, 'readFile'>): Promise<DatasetMapping> {
  const text = (name: string) => values[name] as string | undefined;
  const list = (name: string) => (values[name] as string[] | undefined) ?? [];
  const preset = text('mapping') !== undefined ? parseMapping(new TextDecoder().decode(await io.readFile(text('mapping')!)), text('mapping')!) : undefined;
  const pairs = (flag: string, items: string[]) =>
    items.map((item) => {
      const at = item.indexOf('=');
      if (at <= 0) throw new UsageError(`--${flag} needs NAME=VALUE, got "${item}"`);
      return [item.slice(0, at), item.slice(at + 1)] as const;
    });
  const columns = Object.fromEntries(pairs('column', list('column')));
  for (const role of Object.keys(columns)) if (!(LONG_CSV_ROLES as readonly string[]).includes(role)) throw new UsageError(`--column: "${role}" is not a role; roles are ${LONG_CSV_ROLES.join(', ')}`);
  const sessions = pairs('session', list('session')).map(([source, label]) => {
    const [condition, order] = label.split(':');
    return { source, ...(condition ? { condition } : {}), ...(order !== undefined ? { order: Number(order) } : {}) };
  });
  const flags: Record<string, unknown> = {
    response: text('response'),
    axes: text('axes')?.split(',').map((a) => a.trim()),
    stimulus: text('stimulus'),
    choice: text('choice') === 'none' ? null : text('choice'),
    condition: text('condition'),
    epochs: list('epoch').length > 0 ? list('epoch').map(parseEpochFlag) : undefined,
    sampleRate: text('sample-rate') === undefined ? undefined : Number(text('sample-rate')),
    units: text('units'),
    columns: Object.keys(columns).length > 0 ? columns : undefined,
    sessions: sessions.length > 0 ? sessions : undefined,
  };
  const given = validateMapping(Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)), 'command line');
  return mergeMappings(preset, datasetMappingSchema.parse(given));
}

async function convertCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { out: { type: 'string' }, matching: { type: 'string' }, 'drop-silent': { type: 'boolean', default: false }, ...MAPPING_OPTIONS, ...READ_OPTIONS },
  });
  if (positionals.length === 0 || !values.out) throw new UsageError('convert takes one or more FILEs and --out FILE');
  const opened = await openFiles(withTrials(positionals, values.trials), io, values['drop-silent'], values.matching, await mappingFromFlags(values, io), readOptions(values));
  for (const warning of opened.warnings) io.stderr(`chorus: warning: ${formatIssue(warning)}\n`);
  await io.writeFile(values.out, writeChorusJson(opened.dataset));
  const { dataset } = opened;
  io.stderr(`chorus: wrote ${values.out} from ${opened.formatLabel}: ${dataset.neurons.length} neurons, ${dataset.sessions.length} sessions\n`);
  return 0;
}

async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: 'string' }, seed: { type: 'string', default: '1' } },
  });
  if (!values.out) throw new UsageError('demo needs --out FILE');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed needs an integer, got "${values.seed}"`);
  const dataset = simulateLearningDataset({ seed });
  await io.writeFile(values.out, writeChorusJson(dataset));
  io.stderr(
    `chorus: wrote ${values.out}: ${dataset.neurons.length} neurons, ${dataset.sessions.length} sessions (task and passive), seed ${seed}\n`,
  );
  return 0;
}

/** The hypothesis parameters as CLI flags: `trialsPerSide` is `--trials-per-side`. */
const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

async function simulateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parameterFlags = Object.fromEntries(HYPOTHESIS_PARAMETERS.map((p) => [flagOf(p.key), { type: 'string' as const }]));
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: 'string' }, model: { type: 'string' }, seed: { type: 'string', default: '1' }, list: { type: 'boolean', default: false }, ...parameterFlags },
  });
  if (values.list) {
    io.stdout('model: feedback (choice-aligned feedback grows ε f′f′ᵀ with learning) | efficient (learning removes shared noise)\n');
    for (const p of HYPOTHESIS_PARAMETERS) {
      io.stdout(`--${flagOf(p.key).padEnd(16)} ${p.symbol.padEnd(4)} default ${String(DEFAULT_HYPOTHESIS[p.key]).padEnd(5)} ${p.min}–${p.max}  ${p.label}: ${p.meaning}\n`);
    }
    return 0;
  }
  if (values.model !== 'feedback' && values.model !== 'efficient') throw new UsageError(`simulate needs --model feedback or --model efficient${values.model ? `, got "${values.model}"` : ''}`);
  if (!values.out) throw new UsageError('simulate needs --out FILE');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed needs an integer, got "${values.seed}"`);
  const overrides: Record<string, number> = {};
  for (const p of HYPOTHESIS_PARAMETERS) {
    const text = (values as Record<string, string | boolean | undefined>)[flagOf(p.key)];
    if (text === undefined) continue;
    const value = Number(text);
    const whole = p.step >= 1;
    if (!(value >= p.min && value <= p.max) || (whole && !Number.isInteger(value))) {
      throw new UsageError(`--${flagOf(p.key)} needs ${whole ? 'a whole number' : 'a number'} from ${p.min} to ${p.max}, got "${text}"`);
    }
    overrides[p.key] = value;
  }
  const dataset = simulateHypothesis({ ...overrides, model: values.model, seed });
  await io.writeFile(values.out, writeChorusJson(dataset));
  io.stderr(`chorus: wrote ${values.out}: ${dataset.name}, ${dataset.neurons.length} neurons, ${dataset.sessions.length} sessions (task and passive)\n`);
  return 0;
}

export function progressBar(done: number, total: number, step: string): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${step.padEnd(40).slice(0, 40)}`;
}
