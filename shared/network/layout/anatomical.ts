import type { Neuron } from '../../dataset/types';

/**
 * Anatomical layout: recording-site positions, centred and scaled to fit a unit sphere, with depth
 * stretched (recording depth spans far less than the array) so the third dimension reads as 3D.
 * Neurons without a position go on a ring around the rest, in dataset order, so none is hidden.
 */
export function anatomicalLayout(neurons: readonly Neuron[], depthStretch = 4): Float32Array {
  const n = neurons.length;
  const out = new Float32Array(n * 3);
  const placed = neurons.map((neuron) => neuron.position);
  const known = placed.filter((p): p is readonly [number, number, number] => p !== undefined);
  const centre = [0, 1, 2].map((axis) =>
    known.length === 0 ? 0 : known.reduce((sum, p) => sum + p[axis]!, 0) / known.length,
  );
  let radius = 0;
  for (const p of known) {
    radius = Math.max(radius, Math.hypot(p[0] - centre[0]!, p[1] - centre[1]!, (p[2] - centre[2]!) * depthStretch));
  }
  const scale = radius > 0 ? 1 / radius : 1;
  const unplaced = placed.filter((p) => p === undefined).length;
  let ringSlot = 0;
  placed.forEach((p, i) => {
    if (p !== undefined) {
      // Array x → scene x, array y → scene z (the floor), depth → scene −y (down into cortex).
      out[i * 3] = (p[0] - centre[0]!) * scale;
      out[i * 3 + 1] = -(p[2] - centre[2]!) * depthStretch * scale;
      out[i * 3 + 2] = (p[1] - centre[1]!) * scale;
    } else {
      const angle = (2 * Math.PI * ringSlot++) / unplaced;
      const ring = known.length === 0 ? 1 : 1.25;
      out[i * 3] = ring * Math.cos(angle);
      out[i * 3 + 1] = 0;
      out[i * 3 + 2] = ring * Math.sin(angle);
    }
  });
  return out;
}
