/** Centres xyz triples on their mean and scales them into the unit sphere (in place; returned). */
export function normaliseToUnitSphere(positions: Float32Array): Float32Array {
  const n = positions.length / 3;
  if (n === 0) return positions;
  const centre = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) centre[a]! += positions[3 * i + a]! / n;
  let radius = 0;
  for (let i = 0; i < n; i++) radius = Math.max(radius, Math.hypot(positions[3 * i]! - centre[0]!, positions[3 * i + 1]! - centre[1]!, positions[3 * i + 2]! - centre[2]!));
  const scale = radius > 0 ? 1 / radius : 1;
  for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) positions[3 * i + a] = (positions[3 * i + a]! - centre[a]!) * scale;
  return positions;
}

/**
 * Like normaliseToUnitSphere, but scaled by the 80th-percentile radius, with the few outliers beyond
 * it drawn in smoothly (to at most 1.3): one far, unlinked neuron must not shrink the rest to a dot.
 */
export function normaliseRobustly(positions: Float32Array): Float32Array {
  const n = positions.length / 3;
  if (n === 0) return positions;
  const centre = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) centre[a]! += positions[3 * i + a]! / n;
  const radii = Array.from({ length: n }, (_, i) => Math.hypot(positions[3 * i]! - centre[0]!, positions[3 * i + 1]! - centre[1]!, positions[3 * i + 2]! - centre[2]!));
  const scale = [...radii].sort((a, b) => a - b)[Math.floor(0.8 * (n - 1))]! || 1;
  for (let i = 0; i < n; i++) {
    const r = radii[i]! / scale;
    const squeezed = r <= 1 ? r : 1 + 0.3 * Math.tanh((r - 1) / 0.3);
    const factor = radii[i]! > 0 ? squeezed / radii[i]! : 0;
    for (let a = 0; a < 3; a++) positions[3 * i + a] = (positions[3 * i + a]! - centre[a]!) * factor;
  }
  return positions;
}
