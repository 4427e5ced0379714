import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../node/cli';
import { arraySpec, parseShard } from '../../node/cliScale';
import { encode, smallChorusFile } from '../helpers/smallDataset';

/** An in-memory file system with binary writes and folders, as the cluster commands need. */
function memoryIo(files: Record<string, Uint8Array | string> = {}, runProgram?: CliIo['runProgram']) {
  const out: string[] = [];
  const err: string[] = [];
  const stored: Record<string, Uint8Array> = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? encode(v) : v]));
  const io: CliIo = {
    readFile: async (path) => {
      const file = stored[path];
      if (file === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT', path });
      return file;
    },
    listFolder: async (path) => {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const names = [...new Set(Object.keys(stored).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length).split('/')[0]!))];
      return names.length > 0 ? names : null;
    },
    writeFile: async (path, text) => void (stored[path] = encode(text)),
    writeBytes: async (path, bytes) => void (stored[path] = bytes),
    makeFolder: async () => {},
    resolvePath: (path) => (path.startsWith('/') ? path : `/work/${path}`),
    ...(runProgram ? { runProgram } : {}),
    chorusCommand: ['/usr/bin/node', '/opt/chorus/dist/node/cli.mjs'],
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    version: 'test',
    workerUrl: new URL('../../dist/node/frameWorker.mjs', import.meta.url),
    defaultWorkers: 1,
  };
  const text = (path: string) => new TextDecoder().decode(stored[path]);
  return { io, out, err, stored, text };
}

const STATISTICS = ['--interval-draws', '50', '--shuffles', '8', '--permutations', '20', '--subsets', '10', '--decoder-folds', '0', '--all-pairs'];
const dataset = JSON.stringify(smallChorusFile({ neurons: 7, trialsPerSide: 30, sessions: 3, passive: true, taskSharedNoise: 0.5 }));

describe('chorus analyze --shard and chorus merge', () => {
  it('merges the shards of a run into the results an unsharded run writes', async () => {
    const { io, err, text } = memoryIo({ 'd.chorus.json': dataset });
    expect(await runCli(['analyze', 'd.chorus.json', ...STATISTICS, '--out', 'whole.json'], io)).toBe(0);
    for (let i = 0; i < 5; i++) expect(await runCli(['analyze', 'd.chorus.json', ...STATISTICS, '--shard', `${i}/5`, '--out', `parts/shard-${i}.chorus-shard`], io), err.join('')).toBe(0);
    expect(await runCli(['merge', 'parts', '--out', 'merged.json'], io), err.join('')).toBe(0);
    const strip = (json: string) => ({ ...JSON.parse(json), generator: null });
    expect(strip(text('merged.json'))).toEqual(strip(text('whole.json')));
    expect(err.join('')).toMatch(/merged 5 shards/);
  });

  it('refuses a missing or duplicated shard, or a file that is not one, naming it (exit 2)', async () => {
    const { io, err } = memoryIo({ 'd.chorus.json': dataset, 'notes.txt': 'hello' });
    for (let i = 0; i < 3; i++) await runCli(['analyze', 'd.chorus.json', ...STATISTICS, '--shard', `${i}/3`, '--out', `p/shard-${i}.chorus-shard`], io);
    expect(await runCli(['merge', 'p/shard-0.chorus-shard', 'p/shard-2.chorus-shard', '--out', 'm.json'], io)).toBe(2);
    expect(err.join('')).toMatch(/shard 1 of 3 is missing/);
    err.length = 0;
    expect(await runCli(['merge', 'p/shard-0.chorus-shard', 'p/shard-1.chorus-shard', 'p/shard-1.chorus-shard', 'p/shard-2.chorus-shard', '--out', 'm.json'], io)).toBe(2);
    expect(err.join('')).toMatch(/shard 1\/3 is given 2 times/);
    err.length = 0;
    expect(await runCli(['merge', 'p', 'notes.txt', '--out', 'm.json'], io)).toBe(2);
    expect(err.join('')).toMatch(/notes\.txt.*not a Chorus shard file/);
  });

  it('warns before the work when a shard\'s population unit will hold more than --max-memory (its N × N covariances are not cut)', async () => {
    const wide = JSON.stringify(smallChorusFile({ neurons: 400, trialsPerSide: 30, sessions: 1 }));
    const { io, err } = memoryIo({ 'w.chorus.json': wide });
    const flags = ['--interval-draws', '0', '--shuffles', '0', '--permutations', '0', '--subsets', '0', '--decoder-folds', '0'];
    expect(await runCli(['analyze', 'w.chorus.json', ...flags, '--shard', '0/1', '--max-memory', '2M', '--out', 'p/shard-0.chorus-shard'], io), err.join('')).toBe(0);
    expect(err.join('')).toMatch(/warning: shard 0\/1 computes a frame's population measures, which hold about 6 MiB .*above --max-memory 2 MiB/);
    err.length = 0;
    expect(await runCli(['analyze', 'w.chorus.json', ...flags, '--shard', '0/1', '--max-memory', '64M', '--out', 'p/shard-0.chorus-shard'], io)).toBe(0);
    expect(err.join('')).not.toMatch(/warning/);
  });

  it('checks --shard and --format', async () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    for (const bad of ['8/8', '1/0', 'a/b', '-1/4']) expect(() => parseShard(bad)).toThrow(/0 ≤ i < n/);
    const { io, err } = memoryIo({ 'd.chorus.json': dataset });
    expect(await runCli(['analyze', 'd.chorus.json', '--shard', '0/2'], io)).toBe(2);
    expect(err.join('')).toMatch(/--shard needs --out/);
    expect(await runCli(['analyze', 'd.chorus.json', '--format', 'csv', '--out', 'x'], io)).toBe(2);
    expect(err.join('')).toMatch(/--format must be json or parquet/);
  });

  it('writes Parquet tables with --format parquet: a manifest, frames, neurons and every pair', async () => {
    const { io, stored, text } = memoryIo({ 'd.chorus.json': dataset });
    expect(await runCli(['analyze', 'd.chorus.json', ...STATISTICS, '--format', 'parquet', '--out', 'res'], io)).toBe(0);
    const manifest = JSON.parse(text('res/results.json'));
    expect(manifest.tables).toEqual({ frames: 'frames.parquet', neurons: 'neurons.parquet', pairs: 'pairs/' });
    const pairFiles = Object.keys(stored).filter((k) => k.startsWith('res/pairs/'));
    expect(pairFiles).toHaveLength(manifest.frames.length);
    for (const name of ['res/frames.parquet', 'res/neurons.parquet', ...pairFiles]) expect(new TextDecoder().decode(stored[name]!.subarray(0, 4))).toBe('PAR1');
  });
});

describe('chorus slurm', () => {
  it('writes a job array of shards and a merge, prints the two sbatch lines, and forwards the analysis flags', async () => {
    const { io, out, text } = memoryIo({ 'd.chorus.json': dataset });
    expect(await runCli(['slurm', 'd.chorus.json', '--shards', '64', '--partition', 'short', '--time', '2:00:00', '--mem', '8G', '--cpus', '4', '--shuffles', '500', '--out', 'run'], io)).toBe(0);
    const array = text('/work/run/chorus-array.sbatch');
    expect(array).toMatch(/#SBATCH --array=0-63/);
    expect(array).toMatch(/#SBATCH --partition=short/);
    expect(array).toMatch(/#SBATCH --time=2:00:00/);
    expect(array).toMatch(/#SBATCH --mem=8G/);
    expect(array).toMatch(/#SBATCH --cpus-per-task=4/);
    expect(array).toMatch(/exec \/usr\/bin\/node \/opt\/chorus\/dist\/node\/cli\.mjs analyze \/work\/d\.chorus\.json --shuffles 500 --shard "\$SLURM_ARRAY_TASK_ID\/64" --max-memory 7168M --workers 4 --out "\$part"/);
    expect(text('/work/run/chorus-merge.sbatch')).toMatch(/merge \/work\/run\/parts --out \/work\/run\/results --format parquet/);
    expect(out.join('')).toBe('sbatch --parsable /work/run/chorus-array.sbatch\nsbatch --parsable --dependency=afterok:<ARRAY_JOB_ID> --kill-on-invalid-dep=yes /work/run/chorus-merge.sbatch\n');
  });

  it('submits both with --submit (the merge after the array), and on a re-run only the shards still missing', async () => {
    const calls: string[] = [];
    let next = 100;
    const sbatch: CliIo['runProgram'] = async (file, args) => {
      calls.push([file, ...args].join(' '));
      return { code: 0, stdout: `${next++};cluster\n`, stderr: '' };
    };
    const { io, out, err, stored } = memoryIo({ 'd.chorus.json': dataset }, sbatch);
    const flags = ['slurm', 'd.chorus.json', '--shards', '3', ...STATISTICS, '--out', '/c/run', '--submit'];
    expect(await runCli(flags, io), err.join('')).toBe(0);
    expect(calls).toEqual(['sbatch --parsable /c/run/chorus-array.sbatch', 'sbatch --parsable --dependency=afterok:100 --kill-on-invalid-dep=yes /c/run/chorus-merge.sbatch']);
    expect(out.join('')).toMatch(/array job 100 \(3 shards\)\nmerge job 101 \(after 100 succeeds\)/);
    // Shards 0 and 2 finished; 1 failed.
    for (const i of [0, 2]) expect(await runCli(['analyze', 'd.chorus.json', ...STATISTICS, '--shard', `${i}/3`, '--out', `/c/run/parts/shard-${String(i).padStart(4, '0')}.chorus-shard`], io)).toBe(0);
    calls.length = 0;
    expect(await runCli(flags, io), err.join('')).toBe(0);
    expect(new TextDecoder().decode(stored['/c/run/chorus-array.sbatch'])).toMatch(/#SBATCH --array=1\n/);
    expect(calls[0]).toBe('sbatch --parsable /c/run/chorus-array.sbatch');
    expect(err.join('')).toMatch(/1 of 3 shards: 2 already done/);
  });

  it('says so plainly where sbatch cannot be run, or fails', async () => {
    const missing: CliIo['runProgram'] = async () => {
      throw Object.assign(new Error('spawn sbatch ENOENT'), { code: 'ENOENT' });
    };
    const { io, err } = memoryIo({ 'd.chorus.json': dataset }, missing);
    expect(await runCli(['slurm', 'd.chorus.json', '--shards', '2', '--out', '/c/r', '--submit'], io)).toBe(2);
    expect(err.join('')).toMatch(/could not run sbatch \(spawn sbatch ENOENT\).*The scripts are written/);
    const refused: CliIo['runProgram'] = async () => ({ code: 1, stdout: '', stderr: 'sbatch: error: invalid partition specified: gpu' });
    const second = memoryIo({ 'd.chorus.json': dataset }, refused);
    expect(await runCli(['slurm', 'd.chorus.json', '--shards', '2', '--out', '/c/r', '--submit', '--partition', 'gpu'], second.io)).toBe(2);
    expect(second.err.join('')).toMatch(/failed \(exit 1\): sbatch: error: invalid partition specified: gpu/);
  });

  it('writes Slurm array ranges compactly', () => {
    expect(arraySpec([0, 1, 2, 3])).toBe('0-3');
    expect(arraySpec([3, 7, 12, 13, 14, 15])).toBe('3,7,12-15');
  });
});
