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
