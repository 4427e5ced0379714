/**
 * Chorus at cluster scale: `analyze --shard i/n` (one shard's part of a run), `merge` (the parts back into
 * the results an unsharded run writes), `slurm` (a job array of shards and a dependent merge, written and
 * optionally submitted), and results as JSON or as a folder of Parquet tables.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './cli';
import { ANALYZE_OPTIONS, parseMemorySize, progressBar, UsageError } from './cli';
import type { Dataset, DatasetIssue } from '../shared/dataset/types';
import { DatasetError } from '../shared/dataset/datasetError';
import { resultsJson, type ResultsDataset, type ResultsRun } from '../shared/analysis/results';
import type { AnalysisSettings } from '../shared/analysis/settings';
import type { FramePool } from '../shared/analysis/engine/framePool';
import { runShard, type ShardId, type ShardOutput } from '../shared/analysis/shards/runShard';
import { mergeShards, type ShardPart } from '../shared/analysis/shards/mergeShards';
import { encodeShardFile, loadArrays, readShardHeader, type ByteSource } from '../shared/analysis/shards/shardFile';
import { pairCount } from '../shared/analysis/pairIndex';
import { framesTable, neuronsTable, pairFiles, resultsManifest, RESULTS_MANIFEST } from '../shared/export/resultsTables';
import type { FrameAnalysis } from '../shared/analysis/frameAnalysis';

/** A shard's memory budget without --max-memory: fixed, so every node of a job cuts the run the same way. */
export const SHARD_DEFAULT_MEMORY = 2 * 1024 ** 3;

/** Above this many pair rows, results are written as Parquet unless --format json is given. */
export const PARQUET_ABOVE_ROWS = 250_000;

export type ResultsFormat = 'json' | 'parquet';

export function formatFlag(text: string | undefined): ResultsFormat | null {
  if (text === undefined) return null;
  if (text !== 'json' && text !== 'parquet') throw new UsageError(`--format must be json or parquet, got "${text}"`);
  return text;
}

/** `--shard i/n`: shard i (counting from 0, as Slurm's array task ids do) of n. */
export function parseShard(text: string): ShardId {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!(count >= 1 && count <= 100_000 && index >= 0 && index < count)) throw new UsageError(`--shard needs i/n with 0 ≤ i < n (shards count from 0), got "${text}"`);
  return { index, count };
}

export async function analyzeShard(job: {
  dataset: Dataset;
  settings: AnalysisSettings;
  shard: ShardId;
  memoryLimit: number;
  pool: FramePool;
  file: string;
  out: string;
  warnings: readonly DatasetIssue[];
  io: CliIo;
  onProgress: ((done: number, total: number, step: string) => void) | null;
}): Promise<number> {
  const { io, shard } = job;
  const started = Date.now();
  const output = await runShard(job.dataset, job.settings, shard, {
    pool: job.pool,
    file: job.file,
    memoryLimit: job.memoryLimit,
    generator: `chorus ${io.version}`,
    warnings: job.warnings,
    onPlanned: ({ frameUnitBytes }) => {
      if (frameUnitBytes <= job.memoryLimit) return;
      const gib = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(bytes / 1024 ** 2)} MiB`);
      io.stderr(
        `chorus: warning: shard ${shard.index}/${shard.count} computes a frame's population measures, which hold about ${gib(frameUnitBytes)} (its N × N covariances are not cut into blocks), above --max-memory ${gib(job.memoryLimit)}; give the jobs more memory (--mem)\n`,
      );
    },
    ...(io.signal ? { signal: io.signal } : {}),
    ...(job.onProgress ? { onProgress: (done: number, total: number) => job.onProgress!(done, total, `shard ${shard.index}/${shard.count}`) } : {}),
  });
  await writeBytes(io, job.out, encodeShardFile(output));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.stderr(
    `${job.onProgress ? '\n' : ''}chorus: wrote shard ${shard.index}/${shard.count} to ${job.out}: ${output.header.units.length} of ${output.header.unitCount} units (${output.measures.length} frame, ${output.blocks.length} pair blocks) in ${seconds} s\n`,
  );
  return 0;
}

/** Pair rows the results would hold (every pair with --all-pairs, else the top K per frame). */
function pairRows(frames: readonly { neurons: number }[], settings: AnalysisSettings): number {
  return frames.reduce((sum, f) => sum + (settings.allPairs ? pairCount(f.neurons) : Math.min(settings.topPairs, pairCount(f.neurons))), 0);
}

/** The format asked for, or the one the size calls for (said on stderr). */
function chosenFormat(io: CliIo, asked: ResultsFormat | null, out: string | null, rows: number): ResultsFormat {
  if (asked === 'parquet' && out === null) throw new UsageError('--format parquet needs --out FOLDER');
  if (asked) return asked;
  if (rows > PARQUET_ABOVE_ROWS && out !== null) {
    io.stderr(`chorus: ${rows.toLocaleString('en')} pair rows: writing Parquet tables to the folder ${out} (--format json for one JSON file)\n`);
    return 'parquet';
  }
  return 'json';
}

export interface ResultsToWrite {
  out: string | null;
  format: ResultsFormat | null;
  dataset: ResultsDataset;
  run: ResultsRun;
  settings: AnalysisSettings;
  context: { file: string | null; generator: string; issues: readonly DatasetIssue[] };
}

/** Writes a run's results: JSON (a file, or stdout without --out) or a Parquet folder. */
export async function writeResults(io: CliIo, results: ResultsToWrite): Promise<void> {
  const rows = pairRows(results.run.frames.map((f) => ({ neurons: f.neuronsUsed })), results.settings);
  const format = chosenFormat(io, results.format, results.out, rows);
  if (format === 'parquet') {
    for (const [k, frame] of results.run.frames.entries()) await writePairs(io, results.out!, results.dataset, frame, k);
    await writeTables(io, results);
    return;
  }
  const text = JSON.stringify(resultsJson(results.dataset, results.run, results.settings, results.context), null, results.out ? 1 : 0);
  if (results.out) {
    await io.writeFile(results.out, `${text}\n`);
    io.stderr(`chorus: wrote ${results.run.frames.length} frames to ${results.out}\n`);
  } else io.stdout(`${text}\n`);
}

async function writePairs(io: CliIo, out: string, dataset: ResultsDataset, frame: FrameAnalysis, index: number): Promise<void> {
  for (const file of pairFiles(dataset, frame, index)) await writeBytes(io, `${out}/${file.path}`, file.bytes);
}

/** Everything of a Parquet folder but the pairs: the manifest, frames.parquet and neurons.parquet. */
async function writeTables(io: CliIo, results: ResultsToWrite): Promise<void> {
  const out = results.out!;
  await writeBytes(io, `${out}/frames.parquet`, framesTable(results.run));
  await writeBytes(io, `${out}/neurons.parquet`, neuronsTable(results.dataset, results.run));
  await io.writeFile(`${out}/${RESULTS_MANIFEST}`, `${JSON.stringify(resultsManifest(results.dataset, results.run, results.settings, results.context), null, 1)}\n`);
  io.stderr(`chorus: wrote ${results.run.frames.length} frames to ${out}/ (${RESULTS_MANIFEST}, frames.parquet, neurons.parquet, pairs/)\n`);
}

async function writeBytes(io: CliIo, path: string, bytes: Uint8Array): Promise<void> {
  if (!io.writeBytes) throw new UsageError('this build of the CLI cannot write binary files');
  await io.writeBytes(path, bytes);
}

/** The shard files among the paths: files as given, folders' *.chorus-shard files (sorted). */
async function shardPaths(paths: readonly string[], io: CliIo): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const names = await io.listFolder(path);
    if (names === null) out.push(path);
    else out.push(...names.filter((n) => n.endsWith('.chorus-shard')).sort().map((n) => `${path.replace(/\/+$/, '')}/${n}`));
  }
  return out;
}

/** A shard file with its header and measures read, its pair blocks left in the file until merge needs them. */
export async function openShard(path: string, io: CliIo): Promise<ShardPart> {
  const source: ByteSource = io.openFile
    ? await io.openFile(path).then((file) => ({ size: file.source.size, read: async (offset: number, length: number) => file.source.read(offset, length) }))
    : await io.readFile(path).then((bytes) => ({ size: bytes.length, read: async (offset: number, length: number) => bytes.subarray(offset, offset + length) }));
  try {
    const value = (await readShardHeader(source)) as ShardOutput;
    if (!value || typeof value !== 'object' || !value.header || !Array.isArray(value.blocks)) throw new Error('is not a Chorus shard file (no header)');
    return { name: path, output: { ...value, header: await loadArrays(value.header, source), measures: await loadArrays(value.measures, source) }, load: (v) => loadArrays(v, source) };
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError([{ severity: 'error', file: path, field: '(file)', message: (error as Error).message }]);
  }
}

export async function mergeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { out: { type: 'string' }, format: { type: 'string' }, progress: { type: 'boolean', default: false } } });
  if (positionals.length === 0 || !values.out) throw new UsageError('merge takes the shard files (or their folder) and --out RESULTS');
  const format = formatFlag(values.format);
  const paths = await shardPaths(positionals, io);
  const unreadable: DatasetIssue[] = [];
  const parts: ShardPart[] = [];
  for (const path of paths) {
    try {
      parts.push(await openShard(path, io));
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      unreadable.push(...error.issues);
    }
  }
  if (unreadable.length > 0) throw new DatasetError(unreadable);
  if (parts.length === 0) throw new DatasetError([{ severity: 'error', file: positionals.join(', '), field: '(files)', message: 'holds no .chorus-shard files' }]);
  const header = parts[0]!.output.header;
  const dataset: ResultsDataset = { name: header.dataset.name, matching: header.dataset.matching, neurons: header.dataset.neurons.map((id) => ({ id })), sessions: Array.from({ length: header.dataset.sessions }) };
  const chosen = chosenFormat(io, format, values.out, pairRows(header.frames, header.settings));
  const started = Date.now();
  const total = header.frames.length;
  const merged = await mergeShards(parts, {
    ...(chosen === 'parquet'
      ? {
          onFrame: async (frame: FrameAnalysis, index: number) => {
            await writePairs(io, values.out!, dataset, frame, index);
            if (values.progress) io.stderr(progressBar(index + 1, total, 'merging frames'));
          },
        }
      : {}),
  });
  if (values.progress) io.stderr('\n');
  const results: ResultsToWrite = {
    out: values.out,
    format: chosen,
    dataset,
    run: merged,
    settings: header.settings,
    context: { file: header.dataset.file, generator: `chorus ${io.version} (merged from ${parts.length} shards)`, issues: header.issues },
  };
  if (chosen === 'parquet') await writeTables(io, results);
  else await writeResults(io, results);
  io.stderr(`chorus: merged ${parts.length} shards of ${header.dataset.name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

/** Flags of `chorus slurm` itself; every other flag is analyze's and goes to each shard. */
const SLURM_OPTIONS = {
  shards: { type: 'string' },
  partition: { type: 'string' },
  time: { type: 'string' },
  mem: { type: 'string' },
  cpus: { type: 'string' },
  account: { type: 'string' },
  submit: { type: 'boolean', default: false },
} as const;

/** analyze's flags whose value is a path (made absolute: jobs run in another folder). */
const PATH_FLAGS = new Set(['matching', 'mapping', 'trials']);

export interface SlurmJob {
  readonly arrayScript: string;
  readonly mergeScript: string;
  readonly arrayPath: string;
  readonly mergePath: string;
  /** Shards the array runs (all, or those missing or unreadable on a re-run). */
  readonly shards: readonly number[];
}

export async function slurmCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals, tokens } = parseArgs({ args: [...args], allowPositionals: true, tokens: true, options: { ...ANALYZE_OPTIONS, ...SLURM_OPTIONS } });
  if (positionals.length === 0 || !values.out) throw new UsageError('slurm takes the dataset FILE(s), --shards N and --out FOLDER (parts, logs, scripts and results go there)');
  const count = Number(values.shards);
  if (!(Number.isInteger(count) && count >= 1 && count <= 100_000)) throw new UsageError(`--shards needs a whole number from 1 to 100000, got "${values.shards ?? ''}"`);
  if (values.shard !== undefined) throw new UsageError('slurm gives each job its own --shard; leave it out');
  if (values.time !== undefined && !/^(\d+-)?\d+(:\d+){0,2}$/.test(values.time)) throw new UsageError(`--time needs Slurm's form (minutes, H:MM:SS or D-HH:MM:SS), got "${values.time}"`);
  const cpus = values.cpus === undefined ? 1 : Number(values.cpus);
  if (!(Number.isInteger(cpus) && cpus >= 1 && cpus <= 1024)) throw new UsageError(`--cpus needs a whole number of cores, got "${values.cpus}"`);
  const memory = values.mem === undefined ? SHARD_DEFAULT_MEMORY : parseMemorySize(values.mem);
  const resolve = (path: string) => (io.resolvePath ? io.resolvePath(path) : path);
  const folder = resolve(values.out);
  const chorus = io.chorusCommand ?? ['chorus'];
  // The shards' flags: analyze's as given (paths made absolute), with the memory and cores of each job.
  const forwarded: string[] = [];
  for (const token of tokens ?? []) {
    if (token.kind === 'positional') forwarded.push(resolve(token.value));
    if (token.kind !== 'option' || token.name in SLURM_OPTIONS || ['out', 'max-memory', 'workers', 'progress', 'format'].includes(token.name)) continue;
    forwarded.push(`--${token.name}`);
    if (token.value !== undefined) forwarded.push(PATH_FLAGS.has(token.name) ? resolve(token.value) : token.value);
  }
  // A shard plans with 7/8 of the job's memory: the rest is Node's own.
  const shardMemory = `${Math.floor((memory * 7) / 8 / 1024 / 1024)}M`;
  const existing = await existingShards(folder, count, io);
  const shards = Array.from({ length: count }, (_, k) => k).filter((k) => !existing.has(k));
  // Cluster runs are large: Parquet unless --format json.
  const format: ResultsFormat = formatFlag(values.format) ?? 'parquet';
  const results = format === 'json' ? `${folder}/results.json` : `${folder}/results`;
  const job = slurmScripts({
    folder,
    chorus,
    analyze: forwarded,
    shards,
    count,
    results,
    format,
    shardMemory,
    sbatch: { partition: values.partition, time: values.time, mem: values.mem ?? '2G', cpus, account: values.account, name: `chorus-${basename(positionals[0]!)}` },
  });
  await makeFolder(io, `${folder}/parts`);
  await makeFolder(io, `${folder}/logs`);
  await io.writeFile(job.arrayPath, job.arrayScript);
  await io.writeFile(job.mergePath, job.mergeScript);
  const resubmit = existing.size > 0;
  io.stderr(
    shards.length === 0
      ? `chorus: all ${count} shards are in ${folder}/parts; only the merge is left\n`
      : `chorus: wrote ${job.arrayPath} (${shards.length === count ? `${count} shards` : `${shards.length} of ${count} shards: ${existing.size} already done`}) and ${job.mergePath}\n`,
  );
  const arrayLine = `sbatch --parsable ${job.arrayPath}`;
  const mergeLine = (dependency: string | null) => `sbatch --parsable${dependency ? ` --dependency=afterok:${dependency} --kill-on-invalid-dep=yes` : ''} ${job.mergePath}`;
  if (!values.submit) {
    if (shards.length > 0) io.stdout(`${arrayLine}\n${mergeLine('<ARRAY_JOB_ID>')}\n`);
    else io.stdout(`${mergeLine(null)}\n`);
    if (resubmit && shards.length > 0) io.stderr(`chorus: re-running: the array runs only shards ${shards.join(',')}\n`);
    return 0;
  }
  if (!io.runProgram) throw new UsageError('--submit needs sbatch, which this build cannot run; submit the printed lines on the cluster');
  const submit = async (line: string) => {
    const [file, ...rest] = line.split(' ');
    let result;
    try {
      result = await io.runProgram!(file!, rest);
    } catch (error) {
      throw new DatasetError([{ severity: 'error', field: 'sbatch', message: `could not run sbatch (${(error as Error).message}); is this a Slurm login node? The scripts are written: ${line}` }]);
    }
    if (result.code !== 0) throw new DatasetError([{ severity: 'error', field: 'sbatch', message: `${line} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}` }]);
    return result.stdout.trim().split(';')[0]!;
  };
  const arrayId = shards.length > 0 ? await submit(arrayLine) : null;
  const mergeId = await submit(mergeLine(arrayId));
  if (arrayId) io.stdout(`array job ${arrayId} (${shards.length} shards)\n`);
  io.stdout(`merge job ${mergeId}${arrayId ? ` (after ${arrayId} succeeds)` : ''}\n`);
  io.stderr(`chorus: results will be in ${results}; shard logs in ${folder}/logs\n`);
  return 0;
}

/** Shards whose part file is already in FOLDER/parts and reads as one of `count` (a re-run skips them). */
async function existingShards(folder: string, count: number, io: CliIo): Promise<Set<number>> {
  const done = new Set<number>();
  const names = await io.listFolder(`${folder}/parts`).catch(() => null);
  for (const name of names ?? []) {
    const match = /^shard-(\d+)\.chorus-shard$/.exec(name);
    if (!match) continue;
    try {
      const part = await openShard(`${folder}/parts/${name}`, io);
      const { index, count: of } = part.output.header.shard;
      if (of === count && index === Number(match[1])) done.add(index);
    } catch {
      // An unreadable part (a job killed mid-write leaves none: parts are renamed into place) is run again.
    }
  }
  return done;
}

/** `--array` of these shards: ranges where they run on (0-63, or 3,7,12-15). */
export function arraySpec(shards: readonly number[]): string {
  const runs: string[] = [];
  for (let k = 0; k < shards.length; ) {
    let end = k;
    while (end + 1 < shards.length && shards[end + 1] === shards[end]! + 1) end++;
    runs.push(end > k ? `${shards[k]}-${shards[end]}` : `${shards[k]}`);
    k = end + 1;
  }
  return runs.join(',');
}

/** Quoted for bash. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function basename(path: string): string {
  return (path.split(/[/\\]/).pop() ?? 'run').replace(/\.[^.]*$/, '').replace(/[^\w.-]/g, '_') || 'run';
}

export function slurmScripts(spec: {
  folder: string;
  chorus: readonly string[];
  analyze: readonly string[];
  shards: readonly number[];
  count: number;
  results: string;
  format: ResultsFormat;
  shardMemory: string;
  sbatch: { partition: string | undefined; time: string | undefined; mem: string; cpus: number; account: string | undefined; name: string };
}): SlurmJob {
  const { folder, sbatch } = spec;
  const directives = (name: string, log: string, cpus: number) =>
    [
      `#SBATCH --job-name=${name}`,
      `#SBATCH --output=${log}`,
      `#SBATCH --mem=${sbatch.mem}`,
      `#SBATCH --cpus-per-task=${cpus}`,
      ...(sbatch.partition ? [`#SBATCH --partition=${sbatch.partition}`] : []),
      ...(sbatch.time ? [`#SBATCH --time=${sbatch.time}`] : []),
      ...(sbatch.account ? [`#SBATCH --account=${sbatch.account}`] : []),
    ].join('\n');
  const chorus = spec.chorus.map(quote).join(' ');
  const arrayScript = `#!/bin/bash
# Written by chorus slurm: shard $SLURM_ARRAY_TASK_ID of ${spec.count} of one Chorus run (re-run chorus slurm to resubmit missing shards).
${directives(`${sbatch.name}-shard`, `${folder}/logs/shard-%a.log`, sbatch.cpus)}
#SBATCH --array=${arraySpec(spec.shards.length > 0 ? spec.shards : [0])}
set -euo pipefail
part=$(printf '${folder}/parts/shard-%04d.chorus-shard' "$SLURM_ARRAY_TASK_ID")
exec ${chorus} analyze ${spec.analyze.map(quote).join(' ')} --shard "$SLURM_ARRAY_TASK_ID/${spec.count}" --max-memory ${spec.shardMemory} --workers ${sbatch.cpus} --out "$part"
`;
  const mergeScript = `#!/bin/bash
# Written by chorus slurm: merges the ${spec.count} shards in ${folder}/parts into ${spec.results}.
${directives(`${sbatch.name}-merge`, `${folder}/logs/merge.log`, 1)}
set -euo pipefail
exec ${chorus} merge ${quote(`${folder}/parts`)} --out ${quote(spec.results)} --format ${spec.format}
`;
  return { arrayScript, mergeScript, arrayPath: `${folder}/chorus-array.sbatch`, mergePath: `${folder}/chorus-merge.sbatch`, shards: spec.shards };
}

async function makeFolder(io: CliIo, path: string): Promise<void> {
  if (!io.makeFolder) throw new UsageError('this build of the CLI cannot create folders');
  await io.makeFolder(path);
}
