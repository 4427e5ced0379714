import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- plain ESM build script without type declarations
import { bundleFuzz } from '../../scripts/fuzz.mjs';
import { CasePool } from '../fuzz/casePool';
import { buildCase, checkSeeds, runFuzz, seedTargets } from '../fuzz/engine';
import { readFixtures } from '../fuzz/fixtures';
import { FAILING } from '../fuzz/outcome';
import { failureLines } from '../fuzz/report';
import { FUZZ_TARGETS } from '../fuzz/targets';

/**
 * The seeded mutation fuzzer (test/fuzz/, `npm run fuzz` runs 10,000 cases): its harness, a 500-case
 * subset of its run, and every regression fixture it kept (test/fixtures/fuzz/).
 */
const fixtureRoot = fileURLToPath(new URL('../fixtures/fuzz', import.meta.url));
const { ready, skipped } = seedTargets(FUZZ_TARGETS);
for (const { target, reason } of skipped) console.warn(`fuzz target ${target} skipped: ${reason}`);

let bundled = '';
let pool: CasePool;

beforeAll(async () => {
  bundled = mkdtempSync(join(tmpdir(), 'chorus-fuzz-'));
  await bundleFuzz(bundled);
  pool = new CasePool({ script: join(bundled, 'worker.mjs'), workers: 2, timeoutMs: 5000, rssLimitMb: 512 });
});

afterAll(async () => {
  await pool?.close();
  rmSync(bundled, { recursive: true, force: true });
});

describe('fuzz harness', () => {
  it('tells a read, a named refusal, an unnamed refusal, a TypeError, a hang and a blow-up apart, and keeps working after each', async () => {
    // One worker with a low memory limit, so the blow-up (16 MB arrays, filled) reaches it soon; it gets time to.
    const small = new CasePool({ script: join(bundled, 'worker.mjs'), workers: 1, timeoutMs: 1000, rssLimitMb: 256 });
    try {
      const outcome = async (target: string) => (await small.run(target, [], target === 'harness-blow-up' ? { timeoutMs: 120_000 } : {})).outcome;
      expect(await outcome('harness-read')).toBe('read');
      expect(await outcome('harness-refuse')).toBe('clean-error');
      expect(await outcome('harness-unnamed')).toBe('crash');
      expect(await outcome('harness-throw')).toBe('crash');
      expect(await outcome('harness-hang')).toBe('hang');
      expect(await outcome('harness-blow-up')).toBe('blow-up');
      expect(await outcome('harness-read')).toBe('read');
      expect(small.restarts).toMatchObject({ hang: 1, 'blow-up': 1 });
    } finally {
      await small.close();
    }
  });

  it('rebuilds every case of a seed byte for byte, and another seed gives other cases', () => {
    const bytes = (seed: number, index: number) => buildCase(ready, seed, index).files.map((f) => Buffer.from(f.bytes).toString('base64'));
    const indices = Array.from({ length: 3 * ready.length }, (_, k) => k * 7);
    const first = indices.map((k) => bytes(1, k));
    // With the clock a minute on (a zip header's clock tells 2 s apart): nothing in a case may depend on when it was built.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      expect(indices.map((k) => bytes(1, k))).toEqual(first);
    } finally {
      vi.useRealTimers();
    }
    const differ = indices.filter((k) => JSON.stringify(bytes(1, k)) !== JSON.stringify(bytes(2, k)));
    expect(differ.length).toBeGreaterThan(indices.length * 0.8);
  });
});

describe('every reader, the matching table, mapping presets and view files under seeded mutations', () => {
  it('every seed reads as it is (a refused seed would explore nothing)', async () => {
    expect(await checkSeeds(pool, ready)).toEqual([]);
  });

  it('500 cases (seed 1): each reads or is refused naming its file and field; none crashes, hangs or blows up', async () => {
    const report = await runFuzz(pool, ready, skipped, { cases: 500, seed: 1 });
    expect(failureLines(report)).toEqual([]);
    for (const tally of report.tallies) expect(tally.counts.read + tally.counts['clean-error']).toBeGreaterThan(0);
    const total = (outcome: 'read' | 'clean-error') => report.tallies.reduce((sum, t) => sum + t.counts[outcome], 0);
    expect(total('read')).toBeGreaterThan(50);
    expect(total('clean-error')).toBeGreaterThan(50);
  });

  it('every regression fixture in test/fixtures/fuzz now reads or is refused cleanly', async () => {
    const fixtures = readFixtures(fixtureRoot);
    const results = await Promise.all(fixtures.map(async (fixture) => ({ fixture, result: await pool.run(fixture.about.target, fixture.files) })));
    const failing = results.filter(({ result }) => FAILING.has(result.outcome)).map(({ fixture, result }) => `${fixture.path}: ${result.outcome}: ${result.message}`);
    expect(failing).toEqual([]);
  });
});
