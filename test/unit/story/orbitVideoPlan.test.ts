import { describe, expect, it } from 'vitest';
import { orbitVideoPlan } from '../../../shared/story/orbitVideoPlan';

const camera = { position: [0.4, 1.0, 1.6] as [number, number, number], target: [0.1, 0.2, -0.1] as [number, number, number] };

describe('orbit video plan', () => {
  it('has seconds × fps frames, starts at `from` and ends exactly at `to`, evenly', () => {
    const plan = orbitVideoPlan({ from: 3, to: 27, seconds: 4, orbitDegrees: 90, camera, fps: 25 });
    expect(plan.frames).toBe(100);
    expect(plan.frameAt(0).position).toBe(3);
    expect(plan.frameAt(99).position).toBe(27);
    const steps = Array.from({ length: 99 }, (_, k) => plan.frameAt(k + 1).position - plan.frameAt(k).position);
    for (const step of steps) expect(step).toBeCloseTo(24 / 99, 12);
  });

  it('turns the camera about the vertical through its target, keeping its height and distance', () => {
    const plan = orbitVideoPlan({ from: 0, to: 0, seconds: 2, orbitDegrees: 90, camera, fps: 10 });
    const offset = (k: number) => plan.frameAt(k).camera.position.map((v, i) => v - camera.target[i]!);
    const [x0, y0, z0] = offset(0);
    expect([x0, y0, z0]).toEqual([0.3, 0.8, 1.7].map((v) => expect.closeTo(v, 12)));
    for (let k = 0; k < plan.frames; k++) {
      const [x, y, z] = offset(k);
      expect(y).toBeCloseTo(y0!, 12);
      expect(Math.hypot(x!, z!)).toBeCloseTo(Math.hypot(x0!, z0!), 12);
      expect(plan.frameAt(k).camera.target).toEqual(camera.target);
    }
    // A quarter turn: the horizontal offset is the first one turned by 90° (x, z) → (z, −x).
    const [x1, , z1] = offset(plan.frames - 1);
    expect(x1).toBeCloseTo(z0!, 12);
    expect(z1).toBeCloseTo(-x0!, 12);
  });

  it('gives the same frames for the same request, and at least one frame', () => {
    const request = { from: 1, to: 5, seconds: 1, orbitDegrees: -45, camera, fps: 24 };
    const [a, b] = [orbitVideoPlan(request), orbitVideoPlan(request)];
    for (let k = 0; k < a.frames; k++) expect(a.frameAt(k)).toEqual(b.frameAt(k));
    expect(orbitVideoPlan({ ...request, seconds: 0 }).frames).toBe(1);
    expect(orbitVideoPlan({ ...request, seconds: 0 }).frameAt(0).position).toBe(1);
  });
});
