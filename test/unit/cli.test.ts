import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../node/cli';
import { encode, smallChorusFile } from '../helpers/smallDataset';
import { toLongCsv } from '../helpers/longCsv';
import { npyBytes } from '../helpers/npyBytes';
import { zipSync } from 'fflate';
import { simulateLearningDataset } from '../../shared/simulate/learningDemo';
// @ts-expect-error -- plain ESM build script without type declarations
import { buildNode } from '../../scripts/build.mjs';

function memoryIo(files: Record<string, Uint8Array | string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    readFile: async (path) => {
      const file = files[path] ?? written[path];
      if (file === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT', path });
      return typeof file === 'string' ? encode(file) : file;
    },
    // A folder is a path some file names start with ("ks" for "ks/params.py").
    listFolder: async (path) => {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const names = Object.keys(files).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
      return names.length > 0 ? names : null;
    },
    writeFile: async (path, text) => {
      written[path] = text;
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    version: 'test',
    workerUrl: new URL('../../dist/node/frameWorker.mjs', import.meta.url),
    defaultWorkers: 1,
  };
  return { io, out, err, written };
}

/** Point estimates only: the statistics have their own tests. */
const FAST = ['--interval-draws', '0', '--decoder-folds', '0', '--shuffles', '0', '--permutations', '0', '--subsets', '0'];

describe('chorus CLI', () => {
  it('demo then analyze: one frame per session × epoch, task redundancy rising, passive flat', async () => {
    const { io, written, err } = memoryIo();
    expect(await runCli(['demo', '--out', 'demo.chorus.json', '--seed', '3'], io)).toBe(0);
    expect(await runCli(['analyze', 'demo.chorus.json', '--out', 'r.json', ...FAST], io)).toBe(0);
    const results = JSON.parse(written['r.json']!);
    expect(results).toMatchObject({ format: 'chorus-results', version: 1, settings: { estimator: 'linear-fisher-bias-corrected' } });
    expect(results.frames).toHaveLength(60);
    const frame = results.frames[0];
    expect(frame.covariance).toBe('pooled');
    expect(Object.keys(frame.population).sort()).toEqual(
      ['fisher', 'fisherNaive', 'fisherShuffled', 'fisherVariance', 'meanNoiseCorrelation', 'redundancy', 'redundancyPercent'].sort(),
    );
    expect(frame.neurons[0]).toMatchObject({ id: 'n001', fisher: expect.any(Number), meanResponse: expect.any(Number), relevanceGroup: expect.stringMatching(/high|low/) });
    expect(frame.pairs).toHaveLength(200);
    expect(frame.pairs[0]).toMatchObject({ a: expect.any(String), b: expect.any(String), noiseCorrelation: expect.any(Number), redundancy: expect.any(Number) });
    const redundancy = (condition: string, order: number) =>
      results.frames.find((f: { condition: string; order: number; epoch: string }) => f.condition === condition && f.order === order && f.epoch === 'pre-decision').population.redundancy;
    expect(redundancy('task', 10) - redundancy('task', 1)).toBeGreaterThan(0.2);
    expect(Math.abs(redundancy('passive', 10) - redundancy('passive', 1))).toBeLessThan(0.2);
    expect(err.join('')).toContain('task · pre-decision');
    expect(results.summary.learning).toHaveLength(6);
  });

  it('simulate --model efficient then analyze: the task sessions’ mean noise correlation falls in the summary', async () => {
    const { io, written, err, out } = memoryIo();
    expect(await runCli(['simulate', '--model', 'efficient', '--out', 'e.json'], io)).toBe(0);
    expect(err.join('')).toContain('Hypothesis: efficient coding (decorrelation)');
    expect(await runCli(['analyze', 'e.json', '--out', 'r.json', ...FAST], io)).toBe(0);
    const trend = JSON.parse(written['r.json']!).summary.noiseCorrelationTrend.find((t: { condition: string }) => t.condition === 'task');
    expect(trend.slope).toBeLessThan(0);
    expect(await runCli(['simulate', '--list'], io)).toBe(0);
    expect(out.join('')).toMatch(/--trials-per-side +T +default 80/);
    expect(await runCli(['simulate', '--model', 'both', '--out', 'x.json'], io)).toBe(2);
    expect(await runCli(['simulate', '--model', 'feedback', '--neurons', '5', '--out', 'x.json'], io)).toBe(2);
  });

  it('--all-pairs writes every pair', async () => {
    const { io, written } = memoryIo({ 'small.chorus.json': JSON.stringify(smallChorusFile({ neurons: 4, trialsPerSide: 10 })) });
    expect(await runCli(['analyze', 'small.chorus.json', '--all-pairs', '--out', 'r.json', ...FAST], io)).toBe(0);
    const results = JSON.parse(written['r.json']!);
    expect(results.frames[0].pairs).toHaveLength(6);
    expect(JSON.stringify(results)).not.toMatch(/NaN|Infinity/);
  });

  it('prints JSON to stdout without --out', async () => {
    const { io, out } = memoryIo({ 'small.chorus.json': JSON.stringify(smallChorusFile()) });
    expect(await runCli(['analyze', 'small.chorus.json', ...FAST], io)).toBe(0);
    expect(JSON.parse(out.join('')).format).toBe('chorus-results');
  });

  it('exits 2 with one line naming the problem for bad input', async () => {
    const missing = smallChorusFile();
    delete (missing as { matching?: string }).matching;
    const silent = smallChorusFile();
    for (const s of silent.sessions) for (const trial of s.responses) trial[0]![0] = 0;
    const cases: [string, string, RegExp][] = [
      ['missing.json', JSON.stringify(missing), /^chorus: missing\.json: matching: /],
      ['nan.json', JSON.stringify(smallChorusFile()).replace(/"responses":\[\[\[\d+/, '"responses":[[[NaN'), /neuron "n1": response is NaN/],
      ['silent.json', JSON.stringify(silent), /neuron "n1" never fires/],
      ['few.json', JSON.stringify(smallChorusFile({ neurons: 3, trialsPerSide: 2 })), /too few trials for 3 neurons .* at least 9 trials/],
    ];
    for (const [name, text, pattern] of cases) {
      const { io, err } = memoryIo({ [name]: text });
      expect(await runCli(['analyze', name], io), name).toBe(2);
      expect(err[0], name).toMatch(pattern);
      expect(err[0]!.endsWith('\n')).toBe(true);
    }
  });

  it('exits 2 for usage errors and missing files', async () => {
    const { io, err } = memoryIo();
    expect(await runCli(['analyze'], io)).toBe(2);
    expect(await runCli(['analyze', 'nope.json'], io)).toBe(2);
    expect(err.join('')).toContain('nope.json: no such file');
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(await runCli(['demo'], io)).toBe(2);
    expect(await runCli(['--version'], io)).toBe(0);
  });

  it('--drop-silent analyses without the silent neuron and warns', async () => {
    const silent = smallChorusFile({ neurons: 3, trialsPerSide: 10 });
    for (const s of silent.sessions) for (const trial of s.responses) trial[0]![2] = 0;
    const { io, err, written } = memoryIo({ 'silent.json': JSON.stringify(silent) });
    expect(await runCli(['analyze', 'silent.json', '--drop-silent', '--out', 'r.json', ...FAST], io)).toBe(0);
    expect(err[0]).toContain('warning');
    expect(JSON.parse(written['r.json']!).frames[0].neurons.map((n: { id: string }) => n.id)).toEqual(['n1', 'n2']);
  });

  it('reports every measure with its statistics, and the same numbers for 1 or 2 worker threads', async () => {
    await buildNode();
    const small = smallChorusFile({ neurons: 5, trialsPerSide: 16, sessions: 3 });
    // Some errors, so each stimulus has both choices and CP is defined.
    for (const session of small.sessions) session.trials.choice = session.trials.choice!.map((c, t) => (t % 3 === 0 ? ((1 - c) as 0 | 1) : c));
    const file = JSON.stringify(small);
    const stats = ['--interval-draws', '200', '--shuffles', '30', '--permutations', '50', '--subsets', '5', '--neurons', '4', '--all-pairs'];
    const one = memoryIo({ 'f.json': file });
    const two = memoryIo({ 'f.json': file });
    two.io.defaultWorkers = 2;
    expect(await runCli(['analyze', 'f.json', '--out', 'r.json', '--workers', '1', ...stats], one.io)).toBe(0);
    expect(await runCli(['analyze', 'f.json', '--out', 'r.json', ...stats], two.io)).toBe(0);
    const a = JSON.parse(one.written['r.json']!);
    const b = JSON.parse(two.written['r.json']!);
    expect(b.frames).toEqual(a.frames);
    expect(b.summary).toEqual(a.summary);
    const frame = a.frames[0];
    expect(frame.intervals).toMatchObject({ method: 'exact-gaussian', draws: 200, fisher: { estimate: expect.any(Number), low: expect.any(Number), high: expect.any(Number) } });
    expect(frame.fixedSize).toMatchObject({ neurons: 4, subsets: 5 });
    expect(frame.neurons[0]).toMatchObject({ choiceProbability: expect.any(Number), choiceProbabilityWeighted: expect.any(Number), choiceProbabilityP: expect.any(Number) });
    expect(frame.pairs[0]).toMatchObject({ p: expect.any(Number), significant: expect.any(Boolean), noiseCorrelationP: expect.any(Number), mutualInformation: expect.any(Number), mmiRedundancy: expect.any(Number) });
    expect(frame.correlations).toMatchObject({ meanNoiseCorrelation: expect.any(Number), differentialSlope: expect.any(Number) });
    expect(frame.decoders).toMatchObject({ diagonal: expect.any(Number), crossValidated: expect.any(Number), folds: 5, method: expect.stringContaining('held-out') });
    expect(frame.neurons[0]).toMatchObject({ responsiveP: expect.any(Number) });
    for (const pair of frame.pairs) {
      expect(pair.redundancyLow).toBeLessThanOrEqual(pair.redundancy);
      expect(pair.redundancyHigh).toBeGreaterThanOrEqual(pair.redundancy);
    }
    expect(a.summary.behaviour[0]).toHaveProperty('psychometric');
    expect(a.summary.learning[0]).toMatchObject({ condition: 'task', epoch: 'stimulus', slope: expect.any(Number), p: expect.any(Number) });
    expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
  });

  it('refuses bad analysis flags with exit code 2', async () => {
    for (const flags of [['--covariance', 'magic'], ['--discriminate', '5'], ['--fdr', '2'], ['--subsets', '5000'], ['--seed', '1.5'], ['--decoder-folds', '1'], ['--responsive', '0']]) {
      const { io, err } = memoryIo({ 'f.json': JSON.stringify(smallChorusFile()) });
      expect(await runCli(['analyze', 'f.json', ...flags], io), flags.join(' ')).toBe(2);
      expect(err[0]).toMatch(/^chorus: --/);
    }
  });

  it('stops on cancel (Ctrl+C) with exit code 130 and writes nothing', async () => {
    const { io, err, written } = memoryIo({ 'f.json': JSON.stringify(smallChorusFile({ neurons: 3, trialsPerSide: 10 })) });
    const cancel = new AbortController();
    cancel.abort();
    io.signal = cancel.signal;
    expect(await runCli(['analyze', 'f.json', '--out', 'r.json', '--workers', '1', ...FAST], io)).toBe(130);
    expect(err.join('')).toContain('cancelled; nothing was written');
    expect(written['r.json']).toBeUndefined();
  });

  it('inspect stops on cancel (Ctrl+C) too, with exit code 130 and nothing printed', async () => {
    const { io, out, err } = memoryIo({ 'f.json': JSON.stringify(smallChorusFile()) });
    io.signal = AbortSignal.abort();
    expect(await runCli(['inspect', 'f.json'], io)).toBe(130);
    expect(out.join('')).toBe('');
    expect(err.join('')).toContain('cancelled');
  });

  it('--progress reports each frame on stderr', async () => {
    const { io, err } = memoryIo({ 'f.json': JSON.stringify(smallChorusFile({ neurons: 3, trialsPerSide: 10, sessions: 2 })) });
    expect(await runCli(['analyze', 'f.json', '--out', 'r.json', '--progress', ...FAST], io)).toBe(0);
    const text = err.join('');
    expect(text).toContain('1/2 session day1-task, epoch stimulus');
    expect(text).toMatch(/2\/2 done in \d/);
  });

  it('convert writes any readable format as *.chorus.json, and analyze reads CSV directly', async () => {
    const dataset = simulateLearningDataset({ neurons: 6, sessions: 2, trialsPerSide: 12, zeroSignalTrials: 4 });
    const { io, written, err } = memoryIo({ 'data.csv': toLongCsv(dataset) });
    expect(await runCli(['convert', 'data.csv', '--out', 'data.chorus.json'], io)).toBe(0);
    expect(err.join('')).toMatch(/wrote data\.chorus\.json from CSV\/TSV long format: 6 neurons, 4 sessions/);
    expect(JSON.parse(written['data.chorus.json']!).format).toBe('chorus-dataset');
    expect(await runCli(['analyze', 'data.csv', '--out', 'a.json', ...FAST], io)).toBe(0);
    expect(await runCli(['analyze', 'data.chorus.json', '--out', 'b.json', ...FAST], io)).toBe(0);
    expect(JSON.parse(written['a.json']!).frames).toEqual(JSON.parse(written['b.json']!).frames);
    expect(await runCli(['convert', 'data.csv'], io)).toBe(2);
  });

  it('--matching turns several files into one tracked population', async () => {
    const day1 = simulateLearningDataset({ neurons: 4, sessions: 1, trialsPerSide: 12, zeroSignalTrials: 4, seed: 1 });
    const day2 = simulateLearningDataset({ neurons: 4, sessions: 1, trialsPerSide: 12, zeroSignalTrials: 4, seed: 2 });
    const { io, written } = memoryIo({
      'day1.csv': toLongCsv(day1),
      'day2.csv': toLongCsv(day2),
      'match.csv': 'neuron,day1,day2\nA,n001,n004\nB,n002,n003\nC,n003,n002\nD,n004,n001\n',
    });
    expect(await runCli(['convert', 'day1.csv', 'day2.csv', '--matching', 'match.csv', '--out', 'all.chorus.json'], io)).toBe(0);
    const file = JSON.parse(written['all.chorus.json']!);
    expect(file.matching).toBe('identity');
    expect(file.neurons.map((n: { id: string }) => n.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(file.sessions).toHaveLength(4);
  });

  it('inspect lists an array file\'s variables with dtype and shape, and asks for axes where sizes cannot tell', async () => {
    const npz = zipSync({ 'resp.npy': npyBytes([4, 6, 2], Array.from({ length: 48 }, (_, k) => (k * 7) % 5)), 'orientation.npy': npyBytes([2], [0, 90]) });
    const { io, out, err } = memoryIo({ 'rec.npz': npz });
    expect(await runCli(['inspect', '--json', 'rec.npz'], io)).toBe(0);
    const report = JSON.parse(out.join(''));
    expect(report.inputs[0].details.variables.map((v: { name: string; dtype: string; shape: number[] }) => `${v.name} ${v.dtype} ${v.shape.join('x')}`)).toEqual(['resp <f8 4x6x2', 'orientation <f8 2']);
    expect(report.warnings.join('\n')).toMatch(/axes of \(4 × 6 × 2\) are ambiguous/);
    out.length = 0;
    expect(await runCli(['inspect', '--json', 'rec.npz', '--axes', 'neuron,trial,condition'], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ neurons: 4, trials: 12 });
    expect(err.join('')).toBe('');
  });

  it('takes the mapping as flags or a --mapping preset (flags win), and inspect --json prints it with the counts', async () => {
    const rows = Array.from({ length: 3 * 16 }, (_, k) => {
      const [n, t] = [k % 3, Math.floor(k / 3)];
      return `d1,task,1,${t},${t % 2 ? 1 : -1},early,cell${n},${(n + 1) * (t % 5) + (t % 2)}`;
    });
    const { io, out, err, written } = memoryIo({
      'renamed.csv': `day,context,rank,trial,signal,window,cell,rate\n${rows.join('\n')}\n`.replace(/d1,task,1,/g, 'd1,task,1,'),
      'rig.chorus-mapping.json': JSON.stringify({ chorusMapping: 1, columns: { session: 'day', condition: 'context', order: 'rank', stimulus: 'signal', epoch: 'window', neuron: 'cell', response: 'wrong' } }),
    });
    // Without the mapping the columns are not recognised.
    expect(await runCli(['convert', 'renamed.csv', '--out', 'x.chorus.json'], io)).toBe(2);
    expect(err.join('')).toMatch(/renamed\.csv: \(header\): is missing the column\(s\) session, condition, order, stimulus, epoch, neuron, response/);
    expect(await runCli(['convert', 'renamed.csv', '--mapping', 'rig.chorus-mapping.json', '--column', 'response=rate', '--out', 'x.chorus.json'], io)).toBe(0);
    const converted = JSON.parse(written['x.chorus.json']!);
    expect(converted.neurons.map((n: { id: string }) => n.id)).toEqual(['cell0', 'cell1', 'cell2']);
    expect(converted.sessions[0].trials.stimulus).toHaveLength(16);

    expect(await runCli(['inspect', '--json', 'renamed.csv', '--mapping', 'rig.chorus-mapping.json', '--column', 'response=rate'], io)).toBe(0);
    const report = JSON.parse(out.join(''));
    expect(report).toMatchObject({ neurons: 3, sessions: 1, trials: 16, conditions: 1 });
    expect(report.inputs[0].mapping.columns).toMatchObject({ response: 'rate', neuron: 'cell' });

    expect(await runCli(['convert', 'renamed.csv', '--column', 'answer=rate', '--out', 'y.json'], io)).toBe(2);
    expect(err.join('')).toMatch(/--column: "answer" is not a role/);
    expect(await runCli(['convert', 'renamed.csv', '--epoch', 'pre=response_time:0:-1', '--out', 'y.json'], io)).toBe(2);
    expect(err.join('')).toMatch(/--epoch: "pre=response_time:0:-1" is not NAME=EVENT:START:END/);
    expect(await runCli(['convert', 'renamed.csv', '--axes', 'neuron,time', '--out', 'y.json'], io)).toBe(2);
    expect(err.join('')).toMatch(/command line: axes\.1: /);
  });

  it('reads a sorter folder with a trials CSV kept elsewhere: FOLDER TRIALS.csv or --trials, in inspect, analyze and convert', async () => {
    // Kilosort output (read-only in practice) and the trials table in another folder. Cluster 7 fires
    // t + 1 spikes in trial t's window, cluster 9 a varying 1–3.
    const RATE = 30_000;
    const spikes: [number, number][] = [];
    for (let t = 0; t < 12; t++) {
      const on = t * 2 + 0.5;
      for (let k = 0; k <= t; k++) spikes.push([on + 0.01 + k * 0.03, 7]);
      for (let k = 0; k <= t % 3; k++) spikes.push([on + 0.1 + k * 0.1, 9]);
    }
    const files = {
      'sorted/spike_times.npy': npyBytes([spikes.length], spikes.map(([time]) => Math.round(time * RATE))),
      'sorted/spike_clusters.npy': npyBytes([spikes.length], spikes.map(([, cluster]) => cluster)),
      'sorted/params.py': `sample_rate = ${RATE}.0\n`,
      'meta/trials.csv': `start_time,stop_time,stim_on_time,contrast\n${Array.from({ length: 12 }, (_, t) => `${t * 2},${t * 2 + 2},${t * 2 + 0.5},${t % 2 ? 0.5 : -0.5}`).join('\n')}\n`,
    };
    const heading = 'sorted + meta/trials.csv: Kilosort/phy folder + trials CSV — 2 neuron(s), 1 session(s), 12 trial(s), 1 condition(s)';
    for (const args of [['sorted', 'meta/trials.csv'], ['sorted', '--trials', 'meta/trials.csv'], ['meta/trials.csv', 'sorted']]) {
      const { io, out, err } = memoryIo(files);
      expect(await runCli(['inspect', ...args], io), err.join('')).toBe(0);
      expect(out.join('').split('\n')[0]).toBe(heading);
    }
    const epoch = ['--epoch', 'stimulus=stim_on_time:0:0.5'];
    const { io, written, err } = memoryIo(files);
    expect(await runCli(['analyze', 'sorted', '--trials', 'meta/trials.csv', ...epoch, '--out', 'r.json', ...FAST], io), err.join('')).toBe(0);
    expect(JSON.parse(written['r.json']!).frames).toHaveLength(1);
    // One session: no learning trend, so the summary gives the frame's population values (it was empty).
    expect(err.join('')).toMatch(/task · stimulus +session sorted: redundancy -?\d+\.\d{3}, I -?\d+\.\d{3}, I_shuffle -?\d+\.\d{3}, mean noise correlation -?\d\.\d{3}; one session, no learning trend/);
    expect(await runCli(['convert', 'sorted', 'meta/trials.csv', ...epoch, '--out', 'c.chorus.json'], io), err.join('')).toBe(0);
    expect(JSON.parse(written['c.chorus.json']!).neurons).toHaveLength(2);
  });

  it('refuses --trials without exactly one folder to go with', async () => {
    const { io, err } = memoryIo({ 'a/params.py': 'sample_rate = 1.0\n', 'b/params.py': 'sample_rate = 1.0\n', 't.csv': 'start_time,stimulus\n0,1\n' });
    expect(await runCli(['inspect', 'a', 'b', '--trials', 't.csv'], io)).toBe(2);
    expect(err.join('')).toContain('--trials goes with one folder (sorter or suite2p output); 2 folder(s) and 1 trials table(s) were given');
  });
});
