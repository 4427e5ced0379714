import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- plain ESM build script without type declarations
import { buildNode } from '../../scripts/build.mjs';

/**
 * `chorus slurm --submit` on a real Slurm: a one-node cluster started here from Debian's slurm-wlm and
 * munge (oneNodeSlurm.sh), a 4-shard job array and its dependent merge, checked against the unsharded run.
 */
const script = fileURLToPath(new URL('./oneNodeSlurm.sh', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/node/cli.mjs', import.meta.url));
const state = mkdtempSync(join(tmpdir(), 'chorus-slurm-'));
const env = { ...process.env, SLURM_CONF: join(state, 'slurm.conf') };
const started = spawnSync('bash', [script, 'start', state], { encoding: 'utf8' });
const ready = started.status === 0 && started.stdout.includes('ready');
if (!ready) console.log(`slurm.test.ts: skipped: Slurm could not start here: ${(started.stdout + started.stderr).trim().split('\n').at(-1)}`);

const FLAGS = ['--interval-draws', '50', '--shuffles', '10', '--subsets', '10', '--permutations', '20', '--decoder-folds', '0', '--all-pairs', '--format', 'json'];

function chorus(...args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, cwd: state });
  if (result.status !== 0) throw new Error(`chorus ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result;
}

/** A job's state as scontrol tells it (finished jobs stay listed for MinJobAge, 300 s). */
function jobStates(id: string): string[] {
  const text = execFileSync('scontrol', ['show', 'job', '-o', id], { encoding: 'utf8', env });
  return text.trim().split('\n').map((line) => /JobState=(\S+)/.exec(line)?.[1] ?? 'UNKNOWN');
}

describe.skipIf(!ready)('chorus slurm on a one-node Slurm cluster', () => {
  beforeAll(async () => {
    await buildNode();
  });
  afterAll(() => {
    spawnSync('bash', [script, 'stop', state]);
  });

  it('runs a 4-shard job array and the merge after it, and the merged results equal the unsharded run', async () => {
    chorus('simulate', '--model', 'feedback', '--out', 'data.chorus.json');
    // The jobs name the dataset by its absolute path; so does the unsharded run here.
    chorus('analyze', join(state, 'data.chorus.json'), ...FLAGS, '--out', 'whole.json');
    const submitted = chorus('slurm', 'data.chorus.json', '--shards', '4', '--mem', '1G', '--cpus', '1', '--time', '10', ...FLAGS, '--out', 'run', '--submit');
    const arrayId = /array job (\d+)/.exec(submitted.stdout)?.[1];
    const mergeId = /merge job (\d+)/.exec(submitted.stdout)?.[1];
    expect(arrayId && mergeId, submitted.stdout).toBeTruthy();
    const deadline = Date.now() + 180_000;
    let states = { array: [] as string[], merge: [] as string[] };
    while (Date.now() < deadline) {
      states = { array: jobStates(arrayId!), merge: jobStates(mergeId!) };
      if (states.merge.every((s) => !['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING'].includes(s))) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    console.log(`slurm.test.ts: array job ${arrayId}: ${states.array.join(' ')}; merge job ${mergeId}: ${states.merge.join(' ')}`);
    expect(states.array).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(states.merge).toEqual(['COMPLETED']);
    const strip = (path: string) => ({ ...JSON.parse(readFileSync(join(state, path), 'utf8')), generator: null });
    const merged = strip('run/results.json');
    expect(merged).toEqual(strip('whole.json'));
    console.log(`slurm.test.ts: merged results equal the unsharded run: ${merged.frames.length} frames, ${merged.frames.reduce((s: number, f: { pairs: unknown[] }) => s + f.pairs.length, 0)} pairs`);
    // A re-run with every part in place submits only the merge.
    const again = chorus('slurm', 'data.chorus.json', '--shards', '4', '--mem', '1G', '--cpus', '1', '--time', '10', ...FLAGS, '--out', 'run');
    expect(again.stdout.trim()).toMatch(/^sbatch --parsable \S+chorus-merge\.sbatch$/);
  });
});
