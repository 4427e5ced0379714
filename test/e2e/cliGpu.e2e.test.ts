/**
 * The built CLI's backends as a user runs them: `--backend gpu` on worker threads (each opens its own
 * WebGPU device; with no GPU here, SwiftShader from Debian's chromium package), `--backend gpu` refused
 * where Node's WebGPU finds no adapter, and `auto` deciding in a child process so that Dawn's probing
 * warnings never reach a CPU run's stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChorusJson } from '../../shared/formats/chorusJson';
import { simulateLearningDataset } from '../../shared/simulate/learningDemo';
import { SWIFTSHADER_ICD } from '../helpers/testGpu';

const cli = fileURLToPath(new URL('../../dist/node/cli.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'chorus-cli-gpu-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, 'small.chorus.json'), writeChorusJson(simulateLearningDataset({ neurons: 12, sessions: 2, trialsPerSide: 30 })));
const SETTINGS = ['--interval-draws', '0', '--decoder-folds', '0', '--shuffles', '20', '--permutations', '0', '--subsets', '10'];

function analyze(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [cli, 'analyze', 'small.chorus.json', ...SETTINGS, ...args], { encoding: 'utf8', cwd: work, env, timeout: 300_000 });
  return { code: result.status, stderr: result.stderr };
}

const population = (file: string) => (JSON.parse(readFileSync(join(work, file), 'utf8')) as { frames: { population: unknown }[] }).frames.map((frame) => frame.population);

describe('chorus analyze --backend (built CLI)', () => {
  it('auto on a machine without a hardware adapter runs on the CPU, its stderr free of the GPU probe\'s warnings', () => {
    const run = analyze(['--out', 'auto.json', '--workers', '2']);
    expect(run.code, run.stderr).toBe(0);
    if (/backend: GPU/.test(run.stderr)) console.log('cliGpu.e2e.test.ts: this machine has a hardware adapter; auto took it');
    expect(run.stderr).not.toMatch(/Vulkan|XDG_RUNTIME_DIR|Warning:/);
  });

  it('gpu with no adapter for Node\'s WebGPU is refused with the reason (exit 2)', () => {
    const run = analyze(['--out', 'none.json', '--backend', 'gpu'], { ...process.env, VK_ICD_FILENAMES: join(work, 'no-such-driver.json') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/chorus: --backend gpu: no GPU adapter/);
  });

  it.skipIf(!existsSync(SWIFTSHADER_ICD))(`gpu on worker threads gives the CPU run's population values to 7 digits (needs ${SWIFTSHADER_ICD}: apt-get install chromium)`, () => {
    const cpu = analyze(['--out', 'cpu.json', '--backend', 'cpu', '--workers', '2']);
    expect(cpu.code, cpu.stderr).toBe(0);
    const gpu = analyze(['--out', 'gpu.json', '--backend', 'gpu', '--workers', '2'], { ...process.env, VK_ICD_FILENAMES: SWIFTSHADER_ICD });
    expect(gpu.code, gpu.stderr).toBe(0);
    expect(gpu.stderr).toMatch(/chorus: backend: GPU, .*SwiftShader.*a software adapter/i);
    // Written to 7 significant digits: the GPU's estimates (1e-12 of the CPU's) give the same digits, or one unit apart.
    const [onGpu, onCpu] = [population('gpu.json'), population('cpu.json')];
    onCpu.forEach((block, f) => {
      for (const [key, value] of Object.entries(block as Record<string, number | null>)) {
        const other = (onGpu[f] as Record<string, number | null>)[key]!;
        if (value === null || other === null) expect(other, `frame ${f} ${key}`).toBe(value);
        else expect(Math.abs(other - value), `frame ${f} ${key}`).toBeLessThanOrEqual(1.5e-6 * Math.abs(value));
      }
    });
  });
});
