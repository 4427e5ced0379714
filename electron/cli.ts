/**
 * `chorus` — the analysis without a window (plain Node; never imports Electron).
 *   chorus analyze FILE [--all-pairs] [--top-pairs K] [--max-stimulus C] [--drop-silent] [--progress] [--out results.json]
 *   chorus demo --out FILE [--seed N]
 * Exit codes: 0 done, 2 bad input or usage (one line per problem on stderr), 1 unexpected failure.
 */
import { parseArgs } from 'node:util';
import { DatasetError, formatIssue } from '../shared/dataset/datasetError';
import { openDataset } from '../shared/formats/index';
import { writeChorusJson } from '../shared/formats/chorusJson';
import { analysisSteps } from '../shared/analysis/pipeline';
import { resultsJson } from '../shared/analysis/results';
import { resolveSettings } from '../shared/analysis/settings';
import { simulateLearningDataset } from '../shared/simulate/learningDemo';
import type { FrameAnalysis } from '../shared/analysis/frameAnalysis';
import { learningSummaryLines } from './cliSummary';

export interface CliIo {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  version: string;
}

export const USAGE = `Usage:
  chorus analyze FILE [--out results.json] [--all-pairs] [--top-pairs K] [--max-stimulus C] [--drop-silent] [--progress]
  chorus demo --out FILE [--seed N]
  chorus --version | --help

analyze   bias-corrected Fisher information, redundancy and noise correlations per session × epoch
demo      write the simulated learning dataset (*.chorus.json)`;

class UsageError extends Error {}

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
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
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

async function analyzeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'all-pairs': { type: 'boolean', default: false },
      'top-pairs': { type: 'string' },
      'max-stimulus': { type: 'string' },
      'drop-silent': { type: 'boolean', default: false },
      progress: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('analyze takes exactly one FILE');
  const file = positionals[0]!;
  const topPairs = positiveNumber('--top-pairs', values['top-pairs']);
  const settings = resolveSettings({
    allPairs: values['all-pairs'],
    dropSilent: values['drop-silent'],
    maxAbsStimulus: positiveNumber('--max-stimulus', values['max-stimulus']) ?? null,
    ...(topPairs !== undefined ? { topPairs: Math.round(topPairs) } : {}),
  });
  const bytes = await io.readFile(file);
  const opened = openDataset({ name: file, bytes }, { dropSilent: settings.dropSilent });
  for (const warning of opened.warnings) io.stderr(`chorus: warning: ${formatIssue(warning)}\n`);

  const steps = analysisSteps(opened.dataset, settings, file);
  let frames: FrameAnalysis[];
  for (;;) {
    const next = steps.next();
    if (next.done) {
      frames = next.value;
      break;
    }
    if (values.progress) io.stderr(progressBar(next.value.done, next.value.total, next.value.step));
  }
  if (values.progress) io.stderr(`${progressBar(frames.length, frames.length, 'done')}\n`);

  const results = resultsJson(opened.dataset, frames, settings, {
    file,
    generator: `chorus ${io.version}`,
    issues: opened.warnings,
  });
  const text = JSON.stringify(results, null, values.out ? 1 : 0);
  if (values.out) {
    await io.writeFile(values.out, `${text}\n`);
    for (const line of learningSummaryLines(frames)) io.stderr(`${line}\n`);
    io.stderr(`chorus: wrote ${frames.length} frames to ${values.out}\n`);
  } else {
    io.stdout(`${text}\n`);
  }
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

function progressBar(done: number, total: number, step: string): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${step.padEnd(40).slice(0, 40)}`;
}
