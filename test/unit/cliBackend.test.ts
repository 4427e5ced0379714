/**
 * `chorus analyze --backend cpu|gpu|auto`: the flag's refusals, the GPU run on WebGPU for Node (with no GPU
 * here, SwiftShader: skipped with one line where there is none) against the CPU run, and auto falling
 * back to the CPU, unchanged, where there is no hardware adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../node/cli';
import { testGpuKernels } from '../helpers/testGpu';
import { simulateLearningDataset } from '../../shared/simulate/learningDemo';
import { writeChorusJson } from '../../shared/formats/chorusJson';
import type { GpuKernels } from '../../shared/analysis/gpu/gpuKernels';

const dataset = writeChorusJson(simulateLearningDataset({ neurons: 14, sessions: 2, trialsPerSide: 30 }));
const SETTINGS = ['--interval-draws', '0', '--decoder-folds', '0', '--shuffles', '30', '--permutations', '0', '--subsets', '10', '--workers', '1'];

function memoryIo(openAccelerator?: CliIo['openAccelerator']) {
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    readFile: async (path) => {
      if (path !== 'demo.chorus.json') throw Object.assign(new Error('missing'), { code: 'ENOENT', path });
      return new TextEncoder().encode(dataset);
    },
    listFolder: async () => null,
    writeFile: async (path, text) => void (written[path] = text),
    stdout: () => {},
    stderr: (text) => err.push(text),
    version: 'test',
    workerUrl: new URL('../../dist/node/frameWorker.mjs', import.meta.url),
    defaultWorkers: 1,
    ...(openAccelerator ? { openAccelerator } : {}),
  };
  return { io, err, written };
}

let kernels: GpuKernels | null = null;
let reason = '';
beforeAll(async () => {
  ({ kernels, reason } = await testGpuKernels());
  if (!kernels) console.warn(`cliBackend.test.ts: GPU run skipped, ${reason}`);
}, 60_000);
afterAll(() => kernels?.destroy());

/** Numbers (in any nesting) equal, or one unit of the 7th significant digit apart. */
function sameTo7Digits(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1.5e-6 * Math.max(Math.abs(a), Math.abs(b));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => sameTo7Digits((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}

/** The results without what names the run. */
const results = (text: string) => ({ ...JSON.parse(text), generator: null });

describe('chorus analyze --backend', () => {
  it('refuses a backend that is not one, and --backend gpu where there is no GPU, saying why (exit 2)', async () => {
    const fast = memoryIo();
    expect(await runCli(['analyze', 'demo.chorus.json', '--backend', 'fast', ...SETTINGS], fast.io)).toBe(2);
    expect(fast.err.join('')).toMatch(/--backend must be one of cpu, gpu, auto, not "fast"/);
    const none = memoryIo(async () => ({ kernels: null, reason: 'no GPU adapter' }));
    expect(await runCli(['analyze', 'demo.chorus.json', '--backend', 'gpu', ...SETTINGS], none.io)).toBe(2);
    expect(none.err.join('')).toMatch(/--backend gpu: no GPU adapter/);
  });

  it('auto without a hardware adapter runs on the CPU, silently, with the CPU\'s results', async () => {
    const cpu = memoryIo(async () => {
      throw new Error('cpu must not open a GPU');
    });
    expect(await runCli(['analyze', 'demo.chorus.json', '--out', 'r.json', '--backend', 'cpu', ...SETTINGS], cpu.io)).toBe(0);
    const asked: string[] = [];
    const auto = memoryIo(async (backend) => (asked.push(backend), { kernels: null, reason: 'no hardware GPU adapter' }));
    expect(await runCli(['analyze', 'demo.chorus.json', '--out', 'r.json', ...SETTINGS], auto.io)).toBe(0);
    expect(asked).toEqual(['auto']);
    expect(auto.err.join('')).not.toMatch(/backend/);
    expect(results(auto.written['r.json']!)).toEqual(results(cpu.written['r.json']!));
  });

  it('gpu runs the solves and the shuffle nulls on WebGPU: says which adapter, population values as the CPU\'s, p-values within a few ties', async (context) => {
    if (!kernels) return context.skip();
    const device = kernels;
    const cpu = memoryIo();
    expect(await runCli(['analyze', 'demo.chorus.json', '--out', 'r.json', '--backend', 'cpu', ...SETTINGS], cpu.io)).toBe(0);
    // The test's device, not destroyed by the run (the CLI ends its own).
    const gpu = memoryIo(async () => ({ kernels: { ...device, destroy: () => {} } }));
    expect(await runCli(['analyze', 'demo.chorus.json', '--out', 'r.json', '--backend', 'gpu', ...SETTINGS], gpu.io)).toBe(0);
    expect(gpu.err.join('')).toMatch(new RegExp(`chorus: backend: GPU, ${device.adapter}`));
    expect(JSON.parse(gpu.written['r.json']!).generator).toBe(`chorus test (backend: GPU, ${device.adapter})`);
    expect(JSON.parse(cpu.written['r.json']!).generator).toBe('chorus test');
    const [onCpu, onGpu] = [results(cpu.written['r.json']!), results(gpu.written['r.json']!)];
    expect(onGpu.frames.length).toBe(onCpu.frames.length);
    let moved = 0;
    let pairs = 0;
    onCpu.frames.forEach((frame: { population: unknown; pairs: { redundancy: number; p: number | null }[] }, f: number) => {
      // Written to 7 significant digits: estimates 1e-12 apart round to the same digits, or to neighbours.
      expect(sameTo7Digits(onGpu.frames[f].population, frame.population), `frame ${f}`).toBe(true);
      frame.pairs.forEach((pair, k) => {
        const other = onGpu.frames[f].pairs[k];
        expect(sameTo7Digits(other.redundancy, pair.redundancy), `frame ${f} pair ${k}`).toBe(true);
        pairs++;
        if (other.p !== pair.p) moved++;
        expect(Math.abs(other.p - pair.p!), `frame ${f} pair ${k}`).toBeLessThanOrEqual(3 / 31 + 1e-6);
      });
    });
    expect(moved).toBeLessThanOrEqual(0.2 * pairs);
  });
});
