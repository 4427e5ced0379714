import { describe, expect, it } from 'vitest';
import { kioskSoakSummary, runKioskSoak } from './kioskSoak';

/**
 * The kiosk soak of `npm run soak -- --kiosk` (test/e2e/kioskSoak.ts), for 2 minutes: the same cycles and
 * checks, fewer of them, growth measured from the middle, and the whole JS heap said but not checked (two
 * minutes are inside the JIT's warm-up; the heap's objects without compiled code are checked).
 */
describe('kiosk soak (2 minutes)', () => {
  it('cycles through the attract loop, visits and idle resets, with context losses, flat heap and constant GL resources, no error', async () => {
    const report = await runKioskSoak({ minutes: 2, sampleEvery: 3, contextLossEvery: 6, fullPassEvery: 4, markFraction: 0.5, checkWholeHeap: false, minSamples: 8 });
    console.log(kioskSoakSummary(report));
    expect(report.failures).toEqual([]);
    expect(report.resets).toBe(report.cycles);
    expect(report.passes).toBeGreaterThan(0);
    expect(report.contextLosses).toBeGreaterThanOrEqual(2);
  }, 15 * 60_000);
});
