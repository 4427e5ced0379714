import type { CameraState } from '../view/viewSchema';
import type { Easing } from './storyFile';

type Vec3 = readonly [number, number, number];

/** Progress through a transition (0…1) after its easing; t outside 0…1 is clamped. */
export function eased(easing: Easing, t: number): number {
  const x = Math.min(1, Math.max(0, t));
  switch (easing) {
    case 'linear':
      return x;
    case 'ease-in':
      return x * x * x;
    case 'ease-out':
      return 1 - (1 - x) ** 3;
    case 'ease-in-out':
      return x < 0.5 ? 4 * x * x * x : 1 - (-2 * x + 2) ** 3 / 2;
  }
}

/**
 * The camera part way (s = 0…1, already eased) from one view's camera to another's, along an arc:
 * the target moves in a straight line, the viewing direction turns on the great circle between the two
 * directions (so the camera swings around the network instead of cutting through it), and the distance
 * changes geometrically (a zoom feels even). Opposite directions turn over the top.
 */
export function cameraAt(from: CameraState, to: CameraState, s: number): CameraState {
  const target = lerp3(from.target, to.target, s);
  const a = sub(from.position, from.target);
  const b = sub(to.position, to.target);
  const [da, db] = [length(a), length(b)];
  if (da < 1e-9 || db < 1e-9) return { position: lerp3(from.position, to.position, s), target };
  const direction = slerp(scale(a, 1 / da), scale(b, 1 / db), s);
  const distance = da * (db / da) ** s;
  return { position: add(target, scale(direction, distance)), target };
}

/**
 * The camera turned `degrees` about the vertical through its target (positive: counter-clockwise seen
 * from above), keeping its height and distance: an orbit video's and the kiosk's attract loop's camera.
 */
export function turnedCamera(camera: CameraState, degrees: number): CameraState {
  const { position, target } = camera;
  const [x, z] = [position[0] - target[0], position[2] - target[2]];
  const turn = (degrees * Math.PI) / 180;
  const [c, s] = [Math.cos(turn), Math.sin(turn)];
  return { position: [target[0] + x * c + z * s, position[1], target[2] - x * s + z * c], target: [...target] };
}

function slerp(u: Vec3, v: Vec3, s: number): Vec3 {
  const cos = Math.min(1, Math.max(-1, dot(u, v)));
  const angle = Math.acos(cos);
  if (angle < 1e-6) return u;
  if (Math.PI - angle < 1e-6) {
    // Opposite: turn about an axis perpendicular to u (the one nearest "up" keeps the turn overhead).
    const side = Math.abs(u[1]) < 0.9 ? cross(u, [0, 1, 0]) : cross(u, [1, 0, 0]);
    const axis = scale(side, 1 / length(side));
    const over = cross(axis, u);
    const turn = angle * s;
    return add(scale(u, Math.cos(turn)), scale(over, Math.sin(turn)));
  }
  const sin = Math.sin(angle);
  return add(scale(u, Math.sin((1 - s) * angle) / sin), scale(v, Math.sin(s * angle) / sin));
}

export function lerp(a: number, b: number, s: number): number {
  return a + (b - a) * s;
}
const lerp3 = (a: Vec3, b: Vec3, s: number): [number, number, number] => [lerp(a[0], b[0], s), lerp(a[1], b[1], s), lerp(a[2], b[2], s)];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const add = (a: Vec3, b: Vec3): [number, number, number] => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const length = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);
