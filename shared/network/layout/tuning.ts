import { lowerBound } from '../../math/lowerBound';

/**
 * Tuning ring: each neuron at the angle of its preferred stimulus (the stimulus values, sorted, spread
 * evenly around the circle), task-relevant neurons on the outer ring and the others inside it, so the
 * neurons that carry the discrimination sit where it is. Neurons without a preference go to the centre
 * column. Ties are spread in height, deterministically by neuron index.
 */
export function tuningRingLayout(preferred: ArrayLike<number>, relevance: ArrayLike<number>): Float32Array {
  const n = preferred.length;
  const out = new Float32Array(n * 3);
  const values = [...new Set(Array.from(preferred).filter(Number.isFinite))].sort((a, b) => a - b);
  const finiteRelevance = Float64Array.from(Array.from(relevance).filter(Number.isFinite)).sort();
  const rank = (r: number) => (finiteRelevance.length < 2 || !Number.isFinite(r) ? 0.5 : lowerBound(finiteRelevance, r) / (finiteRelevance.length - 1));
  const perAngle = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const value = preferred[i]!;
    const slot = perAngle.get(value) ?? 0;
    perAngle.set(value, slot + 1);
    const height = ((slot % 7) - 3) * 0.06;
    if (!Number.isFinite(value) || values.length === 0) {
      out[3 * i] = 0;
      out[3 * i + 1] = height;
      out[3 * i + 2] = 0;
      continue;
    }
    const angle = (2 * Math.PI * values.indexOf(value)) / values.length + [0, 0.05, -0.05][slot % 3]!;
    const radius = 0.35 + 0.6 * rank(relevance[i]!);
    out[3 * i] = radius * Math.cos(angle);
    out[3 * i + 1] = height;
    out[3 * i + 2] = radius * Math.sin(angle);
  }
  return out;
}
