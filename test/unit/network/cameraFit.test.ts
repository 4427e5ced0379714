import { describe, expect, it } from 'vitest';
import { PerspectiveCamera, Vector3 } from 'three';
import { fitCamera } from '../../../shared/network/cameraFit';
import { tuningRingLayout } from '../../../shared/network/layout/tuning';

/** Where each node lands in normalised device coordinates (−1…1 on screen) through a three.js camera at this pose. */
function projected(positions: Float32Array, aspect: number, fov = 45): { x: number; y: number }[] {
  const pose = fitCamera(positions, aspect, fov);
  const camera = new PerspectiveCamera(fov, aspect, 0.05, 50);
  camera.position.set(...pose.position);
  camera.lookAt(new Vector3(...pose.target));
  camera.updateMatrixWorld();
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < positions.length / 3; i++) {
    const p = new Vector3(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]).project(camera);
    out.push({ x: p.x, y: p.y });
  }
  return out;
}

const cloud = (n: number, scale: [number, number, number], seed = 3) => {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Float32Array.from({ length: 3 * n }, (_, k) => next() * scale[k % 3]! + 0.4);
};

describe('fitting the camera to a layout', () => {
  it('shows every node inside the window, in landscape, square and portrait (1080 × 1920) windows', () => {
    const layout = cloud(400, [1.6, 0.8, 1.2]);
    for (const aspect of [16 / 9, 1, 1080 / 1920, 0.3]) {
      const points = projected(layout, aspect);
      expect(points.every((p) => Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1)).toBe(true);
      // And fills it: something reaches at least 55% of the way to the narrower edge.
      expect(Math.max(...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y))))).toBeGreaterThan(0.55);
    }
  });

  it('sees the tuning ring from across its plane, not edge-on: the ring is round on screen', () => {
    const preferred = Array.from({ length: 48 }, (_, i) => i % 12);
    const ring = tuningRingLayout(preferred, Array.from({ length: 48 }, () => 1));
    const points = projected(ring, 1);
    const width = Math.max(...points.map((p) => p.x)) - Math.min(...points.map((p) => p.x));
    const height = Math.max(...points.map((p) => p.y)) - Math.min(...points.map((p) => p.y));
    // Edge-on, the ring's screen height would be a few percent of its width; at 30° from square-on, ~0.87.
    expect(height / width).toBeGreaterThan(0.7);
    expect(points.every((p) => Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1)).toBe(true);
  });

  it('looks at the centre of the nodes, wherever the layout sits', () => {
    const shifted = cloud(50, [0.5, 0.5, 0.5]).map((v, k) => v + (k % 3 === 0 ? 5 : 0));
    const pose = fitCamera(shifted, 1.5, 45);
    expect(pose.target[0]).toBeGreaterThan(4.5);
    expect(Math.hypot(...pose.position.map((v, k) => v - pose.target[k]!))).toBeGreaterThan(1);
  });

  it('falls back to the default view for no nodes or no finite position', () => {
    expect(fitCamera(new Float32Array(0), 1, 45)).toEqual({ position: [0, 1.05, 1.75], target: [0, 0, 0] });
    expect(fitCamera(Float32Array.from([NaN, NaN, NaN]), 1, 45)).toEqual({ position: [0, 1.05, 1.75], target: [0, 0, 0] });
  });
});
