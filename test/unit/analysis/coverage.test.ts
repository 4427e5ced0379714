import { describe, expect, it } from 'vitest';
import { REGIMES, regimeCoverage } from '../../validate/coverage';

/**
 * A seeded subset of `npm run validate`: 150 simulated frames in three regimes (few trials per neuron with
 * pooled and with zero-signal covariance; many neurons). 95% intervals must cover the truth in at least
 * 90% of frames (a true 95% falls below that with probability < 0.5% at 150 frames), not wildly more, and hold their estimate.
 */
describe('coverage of the 95% intervals from known truth', () => {
  for (const label of ['N=20, ν/N=1.3, pooled, 2 levels, unequal', 'N=10, ν/N=2, zero-signal, 4 levels, unequal', 'N=150, ν/N=1.3, pooled, 1 level']) {
    it(label, () => {
      const row = regimeCoverage(REGIMES.find((r) => r.label === label)!, 150, 7, 1000);
      for (const quantity of ['fisher', 'fisherShuffled', 'redundancy'] as const) {
        expect(row[quantity], quantity).toBeGreaterThanOrEqual(0.9);
        expect(row[quantity], quantity).toBeLessThanOrEqual(0.995);
      }
      expect(row.missingEstimate).toBe(0);
    }, 60_000);
  }
});
