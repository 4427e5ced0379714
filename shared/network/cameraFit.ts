/** A camera as the scenes share it: where it is and what it looks at. */
export interface CameraPose {
  readonly position: readonly [number, number, number];
  readonly target: readonly [number, number, number];
}

/** The default view's direction from target to camera (above and in front, ~31° up). */
const DEFAULT_DIRECTION: readonly [number, number, number] = [0, 1.05, 1.75];
/** A layout flatter than this (thinnest extent / widest) is looked at across its plane, not along it. */
const FLAT = 0.3;
/** How far from square-on a flat layout is seen, so it still reads as 3D. */
const FLAT_TILT = (30 * Math.PI) / 180;
/** Space around the network, as a share of the fitted distance. */
const MARGIN = 1.12;

/**
 * A camera that shows every node of a layout (xyz per node) in a window of this aspect (width /
 * height) with this vertical field of view: looking at the centre of the nodes' bounding box, from the
 * distance at which their bounding sphere fits the narrower of the two fields of view — so a portrait
 * window sees the whole network too. A flat layout (the tuning ring lies in a plane) is seen from
 * across its plane, tilted 30°, never edge-on; any other from the default view's direction.
 */
export function fitCamera(positions: ArrayLike<number>, aspect: number, verticalFovDegrees: number): CameraPose {
  const count = Math.floor(positions.length / 3);
  if (count === 0) return { position: [...DEFAULT_DIRECTION], target: [0, 0, 0] };
  const low = [Infinity, Infinity, Infinity];
  const high = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < count; i++) {
    for (let axis = 0; axis < 3; axis++) {
      const v = positions[3 * i + axis]!;
      if (!Number.isFinite(v)) continue;
      low[axis] = Math.min(low[axis]!, v);
      high[axis] = Math.max(high[axis]!, v);
    }
  }
  if (!low.every(Number.isFinite)) return { position: [...DEFAULT_DIRECTION], target: [0, 0, 0] };
  const centre = low.map((l, axis) => (l + high[axis]!) / 2) as [number, number, number];
  let radius = 0;
  for (let i = 0; i < count; i++) {
    const [dx, dy, dz] = [positions[3 * i]! - centre[0], positions[3 * i + 1]! - centre[1], positions[3 * i + 2]! - centre[2]];
    const r = Math.hypot(dx, dy, dz);
    if (Number.isFinite(r)) radius = Math.max(radius, r);
  }
  radius = Math.max(radius, 0.05);
  const direction = viewDirection(high.map((h, axis) => h - low[axis]!));
  const vertical = (verticalFovDegrees * Math.PI) / 180;
  const horizontal = 2 * Math.atan(Math.tan(vertical / 2) * Math.max(aspect, 1e-3));
  const distance = (MARGIN * radius) / Math.sin(Math.min(vertical, horizontal) / 2);
  return { position: centre.map((c, axis) => c + direction[axis]! * distance) as [number, number, number], target: centre };
}

/** A unit vector from the target to the camera, from the layout's extents per axis. */
function viewDirection(extents: readonly number[]): readonly [number, number, number] {
  const widest = Math.max(...extents);
  const thin = extents.indexOf(Math.min(...extents));
  if (widest > 0 && extents[thin]! < FLAT * widest) {
    // Along the thin axis, leaning towards the next axis (y → z, z → y, x → y).
    const lean = thin === 1 ? 2 : 1;
    const direction = [0, 0, 0] as [number, number, number];
    direction[thin] = Math.cos(FLAT_TILT);
    direction[lean] = Math.sin(FLAT_TILT);
    return direction;
  }
  const norm = Math.hypot(...DEFAULT_DIRECTION);
  return DEFAULT_DIRECTION.map((v) => v / norm) as unknown as [number, number, number];
}
