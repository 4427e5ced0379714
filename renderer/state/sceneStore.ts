import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { z } from 'zod';
import { LAYOUT_NAMES, type LayoutName, type Timeline } from '../../shared/network/timeline';
import type { CameraState, LinkFilter, NodeColouring, ViewMode } from '../../shared/view/viewSchema';
import { sceneNow } from './sceneClock';

export const selectionSchema = z.union([
  z.object({ kind: z.literal('neuron'), index: z.number().int().min(0) }),
  z.object({ kind: z.literal('link'), edge: z.number().int().min(0) }),
  z.null(),
]);
export type Selection = z.infer<typeof selectionSchema>;

export const DEFAULT_CAMERA: CameraState = { position: [0, 1.05, 1.75], target: [0, 0, 0] };

/**
 * No camera coordinate goes beyond ±100: a view file's camera at 1e308 is finite, but its distances
 * overflow to Infinity and nothing can be drawn from there.
 */
export const CAMERA_REACH = 100;

/**
 * How a view's camera must sit to see the network, which spans about ±1 around the origin: its target
 * within 2 of the origin, its position within 4 of the target (the scene's fog, NetworkScene, hides
 * whatever is more than 4.5 from the camera; the orbit itself allows up to 8, so a zoomed-out view
 * comes back closer).
 */
export const VIEW_TARGET_REACH = 2;
export const VIEW_DISTANCE = 4;

/** Every coordinate finite and within ±CAMERA_REACH (what any camera the scenes follow must be). */
export function finiteCamera(camera: CameraState): CameraState {
  const within = (v: number, fallback: number) => (Number.isFinite(v) ? Math.max(-CAMERA_REACH, Math.min(CAMERA_REACH, v)) : fallback);
  return {
    position: camera.position.map((v, k) => within(v, DEFAULT_CAMERA.position[k]!)) as unknown as CameraState['position'],
    target: camera.target.map((v, k) => within(v, DEFAULT_CAMERA.target[k]!)) as unknown as CameraState['target'],
  };
}

/**
 * A view's camera, moved where the network can be seen from (see VIEW_DISTANCE): a target far from
 * the network comes back to its centre; a position too far from the target comes in along its line
 * of sight; a position on the target (no direction to look in) steps back by the default offset.
 * `moved` says whether anything was changed.
 */
export function reachableCamera(camera: CameraState): { camera: CameraState; moved: boolean } {
  const finite = finiteCamera(camera);
  const target = Math.hypot(...finite.target) <= VIEW_TARGET_REACH ? finite.target : DEFAULT_CAMERA.target;
  const offset = finite.position.map((v, k) => v - target[k]!);
  const distance = Math.hypot(...offset);
  const sight = distance < 1e-6 ? DEFAULT_CAMERA.position.map((v, k) => v - DEFAULT_CAMERA.target[k]!) : offset.map((v) => (v * VIEW_DISTANCE) / distance);
  // Within reach, the position is kept as given (not recomputed from the target: no rounding, no note).
  const position = (distance >= 1e-6 && distance <= VIEW_DISTANCE ? finite.position : sight.map((v, k) => target[k]! + v)) as unknown as CameraState['position'];
  const moved = [...position, ...target].some((v, k) => v !== [...camera.position, ...camera.target][k]);
  return { camera: moved ? { position, target } : camera, moved };
}

/**
 * How the network is shown (not what it is): layout, which links, node colours, selection, single /
 * split / difference view, theme, and the shared camera. Saved and restored as part of a view file.
 */
export interface SceneState {
  readonly layout: LayoutName;
  /** The layout being left, and when the move started (ms, sceneNow: the page's clock, or a video's); null when settled. */
  readonly layoutFrom: LayoutName | null;
  readonly layoutSince: number;
  readonly filter: LinkFilter;
  readonly colourBy: NodeColouring;
  readonly selection: Selection;
  readonly viewMode: ViewMode;
  readonly theme: 'dark' | 'light';
  /** The one camera every scene follows; `by` names the scene that moved it last. */
  readonly camera: CameraState & { readonly by: string; readonly version: number };
  /**
   * A fit of the camera to the layout asked for (a new dataset, a layout chosen, Fit view): carried out
   * by the first scene only while no one has moved the camera since (`cameraVersion`), so a view file's
   * camera applied right after its dataset loads is kept.
   */
  readonly fit: { readonly version: number; readonly cameraVersion: number; readonly animate: boolean };
  /** A still or a video is being rendered offscreen: the scenes on screen hold their picture meanwhile (their frames would take its time). */
  readonly stillActive: boolean;
}

export const DEFAULT_FILTER: LinkFilter = { mode: 'top', count: 300 };

export const sceneStore = createStore<SceneState>(() => ({
  layout: 'anatomical',
  layoutFrom: null,
  layoutSince: 0,
  filter: DEFAULT_FILTER,
  colourBy: 'relevance',
  selection: null,
  viewMode: 'single',
  theme: 'dark',
  camera: { ...DEFAULT_CAMERA, by: 'default', version: 0 },
  fit: { version: 0, cameraVersion: 0, animate: false },
  stillActive: false,
}));

export function useScene<T>(selector: (state: SceneState) => T): T {
  return useStore(sceneStore, selector);
}

/** Seconds a layout switch takes. */
export const LAYOUT_SECONDS = 1.2;

export const sceneActions = {
  setLayout(layout: LayoutName): void {
    sceneStore.setState((state) => (state.layout === layout ? {} : { layout, layoutFrom: state.layout, layoutSince: sceneNow() }));
  },
  setFilter(filter: LinkFilter): void {
    sceneStore.setState({ filter });
  },
  setColourBy(colourBy: NodeColouring): void {
    sceneStore.setState({ colourBy });
  },
  select(selection: Selection): void {
    sceneStore.setState({ selection });
  },
  setViewMode(viewMode: ViewMode): void {
    sceneStore.setState({ viewMode });
  },
  setTheme(theme: 'dark' | 'light'): void {
    sceneStore.setState({ theme });
  },
  /** Every camera the scenes follow passes here, so none has a coordinate out of reach (see finiteCamera). */
  moveCamera(camera: CameraState, by: string): void {
    const { position, target } = finiteCamera(camera);
    sceneStore.setState((state) => ({ camera: { position, target, by, version: state.camera.version + 1 } }));
  },
  /**
   * The same dataset's timeline with a different edge set (the statistics pass adds significant pairs):
   * a selected link keeps its pair, at that pair's new edge index (cleared if the pair is gone).
   */
  keepSelectionAcross(before: Timeline, after: Timeline): void {
    sceneStore.setState((state) => {
      if (state.selection?.kind !== 'link') return {};
      const [a, b] = [before.edges[2 * state.selection.edge], before.edges[2 * state.selection.edge + 1]];
      const edge = Array.from({ length: after.edges.length / 2 }, (_, e) => e).find((e) => after.edges[2 * e] === a && after.edges[2 * e + 1] === b);
      return { selection: edge === undefined ? null : { kind: 'link', edge } };
    });
  },
  setStillActive(stillActive: boolean): void {
    sceneStore.setState({ stillActive });
  },
  /** Fit the camera to the layout on screen (animated, or at once), unless the camera moves first. */
  requestFit(animate: boolean): void {
    sceneStore.setState((state) => ({ fit: { version: state.fit.version + 1, cameraVersion: state.camera.version, animate } }));
  },
  /** A new dataset: selection and camera start over (fitted to its layout); layout, filter and colours stay as chosen. */
  reset(): void {
    sceneStore.setState((state) => ({ selection: null, layoutFrom: null, camera: { ...DEFAULT_CAMERA, by: 'reset', version: state.camera.version + 1 } }));
    sceneActions.requestFit(false);
  },
};

export function isLayoutName(value: string): value is LayoutName {
  return (LAYOUT_NAMES as readonly string[]).includes(value);
}
