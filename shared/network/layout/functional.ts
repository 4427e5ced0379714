import { seededRandom } from '../../random/seededRandom';
import { normaliseRobustly, normaliseToUnitSphere } from './normalise';

/**
 * Functional layout: a 3D force layout (Fruchterman–Reingold) in which linked neurons attract in
 * proportion to their time-averaged shared information, so groups that share information sit together.
 * Deterministic for a seed. Repulsion is exact for up to EXACT_LIMIT neurons; above it each neuron is
 * repelled by a fixed seeded sample of others (scaled up), which keeps 5,000 neurons to seconds.
 */
const EXACT_LIMIT = 1500;
const SAMPLE = 96;
const GRAVITY = 0.8;

export interface FunctionalLayoutOptions {
  readonly seed: number;
  readonly iterations: number;
}

export function functionalLayout(
  neuronCount: number,
  edges: Uint32Array,
  edgeStrength: Float32Array,
  options: FunctionalLayoutOptions = { seed: 1, iterations: 120 },
): Float32Array {
  const n = neuronCount;
  const random = seededRandom(options.seed);
  const position = new Float64Array(n * 3);
  for (let k = 0; k < position.length; k++) position[k] = random.uniform() * 2 - 1;
  if (n < 2) return normaliseToUnitSphere(Float32Array.from(position));
  const ideal = Math.cbrt(8 / n); // k: the ideal distance for n nodes in a 2×2×2 box
  const peak = edgeStrength.reduce((m, w) => Math.max(m, Math.abs(w)), 0) || 1;
  // Dense graphs (every pair linked) would collapse into one ball: the attraction is scaled so its total
  // is that of a sparse graph (mean degree 2), and the strongest links still pull hardest.
  const sparsity = Math.min(1, n / Math.max(1, edgeStrength.length));
  const exact = n <= EXACT_LIMIT;
  const samples = exact ? null : Uint32Array.from({ length: n * SAMPLE }, () => Math.floor(random.uniform() * n));
  const scale = exact ? 1 : (n - 1) / SAMPLE;
  const force = new Float64Array(n * 3);
  let temperature = 0.2;
  const cooling = Math.pow(0.005 / temperature, 1 / options.iterations);
  for (let step = 0; step < options.iterations; step++) {
    force.fill(0);
    // Repulsion k²/d along the unit vector; `both` also pushes j the other way (each exact pair once).
    // Written out, not as a closure returning a tuple: that allocated one array per pair and step.
    const repel = (i: number, j: number, weight: number, both: boolean) => {
      const dx = position[3 * i]! - position[3 * j]!;
      const dy = position[3 * i + 1]! - position[3 * j + 1]!;
      const dz = position[3 * i + 2]! - position[3 * j + 2]!;
      const f = (weight * ideal * ideal) / (dx * dx + dy * dy + dz * dz + 1e-9);
      force[3 * i]! += f * dx;
      force[3 * i + 1]! += f * dy;
      force[3 * i + 2]! += f * dz;
      if (both) {
        force[3 * j]! -= f * dx;
        force[3 * j + 1]! -= f * dy;
        force[3 * j + 2]! -= f * dz;
      }
    };
    if (exact) {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) repel(i, j, 1, true);
    } else {
      for (let i = 0; i < n; i++) for (let s = 0; s < SAMPLE; s++) if (samples![i * SAMPLE + s] !== i) repel(i, samples![i * SAMPLE + s]!, scale, false);
    }
    for (let e = 0; e < edgeStrength.length; e++) {
      const i = edges[2 * e]!;
      const j = edges[2 * e + 1]!;
      const dx = position[3 * i]! - position[3 * j]!;
      const dy = position[3 * i + 1]! - position[3 * j + 1]!;
      const dz = position[3 * i + 2]! - position[3 * j + 2]!;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz) + 1e-9;
      const f = (sparsity * (Math.abs(edgeStrength[e]!) / peak) * d) / ideal; // d²/k along the unit vector, weighted
      force[3 * i]! -= f * dx;
      force[3 * i + 1]! -= f * dy;
      force[3 * i + 2]! -= f * dz;
      force[3 * j]! += f * dx;
      force[3 * j + 1]! += f * dy;
      force[3 * j + 2]! += f * dz;
    }
    // Gravity towards the centre keeps neurons without strong links near the rest instead of far out.
    for (let k = 0; k < force.length; k++) force[k]! -= GRAVITY * position[k]!;
    for (let i = 0; i < n; i++) {
      const fx = force[3 * i]!;
      const fy = force[3 * i + 1]!;
      const fz = force[3 * i + 2]!;
      const length = Math.sqrt(fx * fx + fy * fy + fz * fz) + 1e-12;
      const move = Math.min(length, temperature) / length;
      position[3 * i]! += fx * move;
      position[3 * i + 1]! += fy * move;
      position[3 * i + 2]! += fz * move;
    }
    temperature *= cooling;
  }
  return normaliseRobustly(Float32Array.from(position));
}
