import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** A seeded source of uniform and standard-normal draws; the same seed gives the same sequence. */
export interface RandomSource {
  uniform(): number;
  normal(): number;
}

export function seededRandom(seed: number): RandomSource {
  const generator = xoroshiro128plus(seed | 0);
  let spare: number | null = null;
  const uniform = (): number => uniformFloat64(generator);
  return {
    uniform,
    // Box–Muller, keeping the second draw of each pair.
    normal(): number {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      let u = uniform();
      while (u === 0) u = uniform();
      const radius = Math.sqrt(-2 * Math.log(u));
      const angle = 2 * Math.PI * uniform();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
