import { describe, expect, it } from 'vitest';
import { runAnalysis, analysisProblems, planRun } from '../../../shared/analysis/engine/runAnalysis';
import { inlinePool } from '../../../shared/analysis/engine/framePool';
import { WorkerPool, type WorkerPort } from '../../../shared/analysis/engine/workerPool';
import { serveFrameJobs } from '../../../shared/analysis/engine/serveFrameJobs';
import { poolRequestSchema, type PoolRequest } from '../../../shared/analysis/engine/poolProtocol';
import { classScatterDiagonals, classScatters } from '../../../shared/analysis/classScatter';
import { frameNeuronInformation } from '../../../shared/analysis/relevance';
import { neuronInformation } from '../../../shared/analysis/pairwiseRedundancy';
import { frameModel } from '../../../shared/analysis/frameModel';
import { planFrame } from '../../../shared/analysis/framePlan';
import { resolveSettings, DEFAULT_SETTINGS, POINT_ESTIMATES_ONLY } from '../../../shared/analysis/settings';
import { isCancellation } from '../../../shared/dataset/cancellation';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import type { Dataset } from '../../../shared/dataset/types';

const dataset = simulateLearningDataset({ neurons: 10, sessions: 2, trialsPerSide: 30, zeroSignalTrials: 8 });
const statistics = resolveSettings({ intervalDraws: 200, shuffles: 10, subsets: 10, permutations: 50 });

/**
 * Ports that behave like workers: every message is structured-cloned and delivered on a later turn of the
 * event loop, and the "worker" end is the real job server. `log` records what each worker was sent.
 */
function fakeWorkers(options: { crashOn?: (message: PoolRequest) => boolean; tamper?: (reply: unknown) => unknown } = {}) {
  const log: PoolRequest[][] = [];
  const created: { terminated: boolean }[] = [];
  const pool = new WorkerPool(() => {
    const sent: PoolRequest[] = [];
    log.push(sent);
    const state = { terminated: false };
    created.push(state);
    let toMain: (message: unknown) => void = () => {};
    let crash: (reason: string) => void = () => {};
    const serve = serveFrameJobs({ reply: (message) => setImmediate(() => !state.terminated && toMain(options.tamper ? options.tamper(structuredClone(message)) : structuredClone(message))) });
    const port: WorkerPort = {
      post: (message) => {
        sent.push(message);
        if (options.crashOn?.(message)) return void setImmediate(() => crash('simulated crash'));
        const copy = structuredClone(message);
        setImmediate(() => !state.terminated && serve(copy));
      },
      listen: (onMessage, onCrash) => {
        toMain = onMessage;
        crash = onCrash;
      },
      terminate: () => {
        state.terminated = true;
      },
    };
    return port;
  }, 3);
  return { pool, log, created };
}

const strip = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));

describe('the analysis engine', () => {
  it('gives the same result inline and on a pool of workers, bit for bit', async () => {
    const inline = await runAnalysis(dataset, statistics);
    const { pool } = fakeWorkers();
    const pooled = await runAnalysis(dataset, statistics, { pool });
    pool.terminate();
    expect(strip(pooled)).toEqual(strip(inline));
  });

  it('plans each frame once and sends each worker the dataset once per run, then releases it', async () => {
    const { pool, log } = fakeWorkers();
    await runAnalysis(dataset, resolveSettings(POINT_ESTIMATES_ONLY), { pool });
    const frames = dataset.sessions.reduce((sum, s) => sum + s.epochs.length, 0);
    const jobs = log.flat().filter((m) => m.kind === 'job');
    expect(jobs.filter((m) => m.kind === 'job' && m.job.kind === 'plan')).toHaveLength(frames);
    expect(jobs.filter((m) => m.kind === 'job' && m.job.kind === 'analyze')).toHaveLength(frames);
    for (const sent of log) {
      // Two runs (planning, analysis), each: the dataset first, release last.
      const kinds = sent.map((m) => m.kind);
      expect(kinds.filter((k) => k === 'dataset')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'release')).toHaveLength(2);
      expect(kinds.at(-1)).toBe('release');
    }
    pool.terminate();
  });

  it('reuses a previous run\u2019s context without planning again', async () => {
    const first = await runAnalysis(dataset, resolveSettings(POINT_ESTIMATES_ONLY));
    const { pool, log } = fakeWorkers();
    const context = { fixedNeurons: first.fixedNeurons, highRelevance: first.highRelevance, relevance: first.relevance, plans: first.plans };
    const second = await runAnalysis(dataset, statistics, { pool, context });
    expect(log.flat().some((m) => m.kind === 'job' && m.job.kind === 'plan')).toBe(false);
    expect(second.fixedNeurons).toBe(first.fixedNeurons);
    expect(second.frames.map((f) => f.population.redundancy)).toEqual(first.frames.map((f) => f.population.redundancy));
    pool.terminate();
  });

  it('is cancelled by its signal, ignores the late replies, and runs again afterwards', async () => {
    const { pool } = fakeWorkers();
    const controller = new AbortController();
    const progress: string[] = [];
    const cancelled = runAnalysis(dataset, statistics, {
      pool,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.stage);
        if (p.stage === 'analysing' && p.done === 1) controller.abort();
      },
    });
    await expect(cancelled).rejects.toSatisfy(isCancellation);
    const again = await runAnalysis(dataset, resolveSettings(POINT_ESTIMATES_ONLY), { pool });
    expect(again.frames).toHaveLength(dataset.sessions.length * 3);
    pool.terminate();
  });

  it('cancels the inline pool between frames too', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runAnalysis(dataset, statistics, { signal: controller.signal })).rejects.toSatisfy(isCancellation);
  });

  it('reports a worker crash as an internal issue and starts fresh workers for the next run', async () => {
    let crashes = 1;
    const { pool, created } = fakeWorkers({ crashOn: (m) => m.kind === 'job' && m.job.kind === 'analyze' && crashes-- > 0 });
    const error = await runAnalysis(dataset, statistics, { pool }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).issues[0]).toMatchObject({ code: 'internal', message: expect.stringContaining('simulated crash') });
    expect(created.every((worker) => worker.terminated)).toBe(true);
    const before = created.length;
    await runAnalysis(dataset, resolveSettings(POINT_ESTIMATES_ONLY), { pool });
    expect(created.length).toBeGreaterThan(before);
    pool.terminate();
  });

  it('refuses a malformed reply with an internal issue, not a crash', async () => {
    const { pool } = fakeWorkers({ tamper: (reply) => ({ ...(reply as object), index: -1 }) });
    const error = (await runAnalysis(dataset, statistics, { pool }).catch((e: unknown) => e)) as DatasetError;
    expect(error.issues[0]).toMatchObject({ code: 'internal', message: expect.stringContaining('malformed reply') });
    pool.terminate();
  });

  it('a worker checks what it is sent and answers a job without its dataset with issues', () => {
    expect(poolRequestSchema.safeParse({ kind: 'job', run: 1, index: 0, job: { kind: 'plan', key: { sessionIndex: 0, epochIndex: 0 }, settings: { ...DEFAULT_SETTINGS, fdr: 2 }, relevance: false } }).success).toBe(false);
    const replies: unknown[] = [];
    const serve = serveFrameJobs({ reply: (message) => replies.push(message) });
    serve({ kind: 'job', run: 4, index: 0, job: { kind: 'plan', key: { sessionIndex: 0, epochIndex: 0 }, settings: DEFAULT_SETTINGS, relevance: false } });
    serve({ something: 'else' });
    expect(replies).toEqual([{ kind: 'failed', run: 4, index: 0, issues: [expect.objectContaining({ code: 'internal' })] }]);
  });

  it('refuses a dataset with every frame that cannot be estimated, each with a code, before any analysis', async () => {
    const tooFew: Dataset = {
      ...dataset,
      sessions: dataset.sessions.map((s) => ({ ...s, trialCount: 4, stimulus: s.stimulus.subarray(0, 4), choice: s.choice?.subarray(0, 4) ?? null, correct: null })),
    };
    const problems = await analysisProblems(tooFew, DEFAULT_SETTINGS, 'few.chorus.json');
    expect(problems).toHaveLength(dataset.sessions.length * 3);
    expect(problems.every((p) => p.code === 'frame-not-analysable' && p.file === 'few.chorus.json')).toBe(true);
    await expect(runAnalysis(tooFew, DEFAULT_SETTINGS)).rejects.toBeInstanceOf(DatasetError);
  });

  it('compares task and passive by role in the summary and relevance, whatever the conditions are called', async () => {
    const renamed: Dataset = { ...dataset, sessions: dataset.sessions.map((s) => ({ ...s, condition: s.condition === 'task' ? 'behaving' : 'fixation' })) };
    const settings = resolveSettings({ ...POINT_ESTIMATES_ONLY, permutations: 50 });
    const [named, original] = [await runAnalysis(renamed, settings), await runAnalysis(dataset, settings)];
    expect(named.summary.taskVsPassive.map((t) => t.conditions)).toEqual(dataset.sessions[0]!.epochs.map(() => ['behaving', 'fixation']));
    expect(named.summary.taskVsPassive.map((t) => t.meanDifference)).toEqual(original.summary.taskVsPassive.map((t) => t.meanDifference));
    expect(Array.from(named.relevance)).toEqual(Array.from(original.relevance));
  });

  it('fixes N at the smallest frame and splits relevance once for the dataset', async () => {
    const context = await planRun(dataset, DEFAULT_SETTINGS);
    expect(context.fixedNeurons).toBe(Math.min(...context.plans.map((p) => p.neurons.length)));
    expect(context.highRelevance!.reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe('task relevance from noise variances alone', () => {
  it('the class scatters\u2019 diagonals equal the full scatters\u2019 diagonals bit for bit', () => {
    const { frame } = planFrame(dataset, { sessionIndex: 0, epochIndex: 1 }, DEFAULT_SETTINGS);
    const full = classScatters(frame);
    const diagonals = classScatterDiagonals(frame);
    const n = frame.neurons.length;
    diagonals.forEach((d, c) => {
      expect(d.value).toBe(full[c]!.value);
      for (let k = 0; k < n; k++) expect(d.diagonal[k]).toBe(full[c]!.scatter[k * n + k]);
    });
  });

  it.each(['pooled', 'zero-signal'] as const)('each neuron\u2019s information equals the full-covariance one (%s covariance)', (covariance) => {
    const settings = resolveSettings({ covariance });
    const { frame } = planFrame(dataset, { sessionIndex: 0, epochIndex: 2 }, settings);
    const fromDiagonals = frameNeuronInformation(frame, settings);
    const fromCovariance = neuronInformation(frameModel(frame, settings).levels, frame.neurons.length);
    expect(Array.from(fromDiagonals)).toEqual(Array.from(fromCovariance));
  });
});

describe('inline pool', () => {
  it('yields between frames through the given function', async () => {
    let yields = 0;
    await runAnalysis(dataset, resolveSettings(POINT_ESTIMATES_ONLY), { pool: inlinePool(async () => void yields++) });
    expect(yields).toBe(2 * dataset.sessions.length * 3);
  });
});

describe('the file a run is of', () => {
  /** Every response of `neuron` rewritten from the others (the session's trial × epoch × neuron layout). */
  const rewritten = (source: Dataset, neuron: number, value: (row: Float32Array, n: number) => number): Dataset => ({
    ...source,
    sessions: source.sessions.map((session) => {
      const n = source.neurons.length;
      const responses = Float32Array.from(session.responses);
      for (let row = 0; row < responses.length / n; row++) responses[row * n + neuron] = value(responses.subarray(row * n, row * n + n), n);
      return { ...session, responses };
    }),
  });
  const small = simulateLearningDataset({ neurons: 4, sessions: 1, trialsPerSide: 30, zeroSignalTrials: 8 });

  it('is named in the error of a frame no discrimination can estimate (a neuron that is another one doubled)', async () => {
    const singular = rewritten(small, 3, (row) => 2 * row[0]!);
    const error = await runAnalysis(singular, resolveSettings(POINT_ESTIMATES_ONLY), { pool: inlinePool(), file: 'doubled.csv' }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).issues[0]).toMatchObject({ file: 'doubled.csv', message: 'no discrimination gave a usable (non-singular) noise covariance' });
    expect((error as DatasetError).message).toMatch(/^doubled\.csv: session .*: no discrimination gave a usable/);
  });

  it('is named in every warning of its frames', async () => {
    const constant = rewritten(small, 2, () => 5);
    const output = await runAnalysis(constant, resolveSettings(POINT_ESTIMATES_ONLY), { pool: inlinePool(), file: 'flat.csv' });
    const issues = output.frames.flatMap((frame) => frame.issues);
    expect(issues.some((issue) => issue.code === 'constant-neuron')).toBe(true);
    expect(issues.every((issue) => issue.file === 'flat.csv')).toBe(true);
  });
});
