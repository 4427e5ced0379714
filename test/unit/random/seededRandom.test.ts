import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/random/seededRandom';

describe('the seeded random source', () => {
  it('index(size) gives every integer in [0, size) equally often, nothing outside, the same for the same seed', () => {
    const random = seededRandom(7);
    for (const size of [1, 2, 7, 500]) {
      const counts = new Float64Array(size);
      const draws = 2000 * size;
      let outside = 0;
      for (let k = 0; k < draws; k++) {
        const value = random.index(size);
        if (Number.isInteger(value) && value >= 0 && value < size) counts[value]!++;
        else outside++;
      }
      expect(outside).toBe(0);
      // χ² against uniform, size − 1 degrees of freedom: below its 99.9% point (mean + 4.5 sd).
      const expected = draws / size;
      const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      expect(chi2).toBeLessThanOrEqual(size - 1 + 4.5 * Math.sqrt(2 * Math.max(size - 1, 1)));
    }
    const [a, b] = [seededRandom(3), seededRandom(3)];
    expect(Array.from({ length: 20 }, () => a.index(1000))).toEqual(Array.from({ length: 20 }, () => b.index(1000)));
  });

  it('index draws shuffle without order: each position of a Fisher–Yates shuffle takes each value equally often', () => {
    const random = seededRandom(11);
    const size = 6;
    const counts = Array.from({ length: size }, () => new Float64Array(size));
    const shuffles = 30_000;
    for (let r = 0; r < shuffles; r++) {
      const order = Array.from({ length: size }, (_, k) => k);
      for (let i = size - 1; i > 0; i--) {
        const j = random.index(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      order.forEach((value, position) => counts[position]![value]!++);
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c / shuffles - 1 / size)).toBeLessThan(0.01);
  });
});
