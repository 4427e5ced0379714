import { describe, expect, it } from 'vitest';
import { cameraAt, eased } from '../../../shared/story/transition';
import { EASINGS } from '../../../shared/story/storyFile';
import type { CameraState } from '../../../shared/view/viewSchema';

const distance = (c: CameraState) => Math.hypot(...c.position.map((v, k) => v - c.target[k]!));

describe('eased', () => {
  it('runs from 0 to 1 without going back, for every easing', () => {
    for (const easing of EASINGS) {
      expect(eased(easing, 0)).toBe(0);
      expect(eased(easing, 1)).toBe(1);
      let previous = 0;
      for (let k = 1; k <= 100; k++) {
        const value = eased(easing, k / 100);
        expect(value).toBeGreaterThanOrEqual(previous);
        previous = value;
      }
    }
    expect(eased('ease-in-out', 0.5)).toBeCloseTo(0.5, 12);
    expect(eased('linear', 2)).toBe(1);
  });
});

describe('cameraAt', () => {
  const from: CameraState = { position: [0, 0, 2], target: [0, 0, 0] };
  const to: CameraState = { position: [4, 0, 0], target: [0, 0, 0] };

  it('starts and ends exactly at the two views', () => {
    expect(cameraAt(from, to, 0).position.map((v) => +v.toFixed(12))).toEqual([0, 0, 2]);
    const end = cameraAt(from, to, 1);
    end.position.forEach((v, k) => expect(v).toBeCloseTo(to.position[k]!, 12));
  });

  it('swings around the target on an arc with an even zoom, instead of cutting through the network', () => {
    const middle = cameraAt(from, to, 0.5);
    // Halfway round the quarter turn, at the geometric mean of the two distances.
    expect(distance(middle)).toBeCloseTo(Math.sqrt(2 * 4), 10);
    expect(middle.position[0]).toBeCloseTo(middle.position[2], 10);
    // A straight line would pass within 0.9 of the target; the arc never comes closer than the nearer end.
    for (let k = 0; k <= 20; k++) expect(distance(cameraAt(from, to, k / 20))).toBeGreaterThanOrEqual(2 - 1e-9);
  });

  it('turns over the top between opposite directions, and moves the target in a straight line', () => {
    const behind: CameraState = { position: [0, 0, -2], target: [0, 0, 0] };
    const middle = cameraAt(from, behind, 0.5);
    expect(middle.position[1]).toBeGreaterThan(1.9);
    expect(distance(middle)).toBeCloseTo(2, 10);
    const moved = cameraAt({ position: [0, 0, 2], target: [0, 0, 0] }, { position: [1, 0, 2], target: [1, 0, 0] }, 0.25);
    expect(moved.target).toEqual([0.25, 0, 0]);
    expect(moved.position.map((v) => +v.toFixed(12))).toEqual([0.25, 0, 2]);
  });
});
