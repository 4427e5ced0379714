import { describe, expect, it } from 'vitest';
import { NULL_DESIGNS, falsePositives } from '../../validate/falsePositives';

/**
 * A seeded subset of `npm run validate`'s false-positive table: 40 null series per design (160 learning
 * trend p-values, 80 each for task − passive and the within-trial trend). A valid 5% test exceeds 12% here
 * with probability well under 1%; the permutation trend test it replaced gave 14% with growing trials.
 */
describe('false positives of the summary tests on null series', () => {
  for (const design of NULL_DESIGNS) {
    it(design.label, async () => {
      const rows = await falsePositives(design, 40, 3);
      for (const row of rows) {
        expect(row.pValues, row.test).toBeGreaterThanOrEqual(80);
        expect(row.rate, row.test).toBeLessThanOrEqual(0.12);
      }
    }, 120_000);
  }
});
