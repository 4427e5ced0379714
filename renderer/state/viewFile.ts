import type { Timeline } from '../../shared/network/timeline';
import type { CameraState, ViewFile } from '../../shared/view/viewSchema';
import { VIEW_DISTANCE, reachableCamera, sceneActions, sceneStore } from './sceneStore';
import { framesInCondition, viewStore } from './viewStore';

/** The view on screen (the contract is shared/view/viewSchema.ts), or null with no dataset. */
export function currentView(): ViewFile | null {
  const view = viewStore.getState();
  const scene = sceneStore.getState();
  const timeline = view.timeline;
  if (!timeline) return null;
  const { selection } = scene;
  return {
    chorusView: 1,
    dataset: timeline.datasetName,
    condition: timeline.conditions[view.conditionIndex] ?? '',
    position: Math.round(view.position * 1000) / 1000,
    layout: scene.layout,
    camera: { position: scene.camera.position, target: scene.camera.target },
    filter: scene.filter,
    colourBy: scene.colourBy,
    selection:
      selection?.kind === 'neuron'
        ? { kind: 'neuron', id: timeline.neuronIds[selection.index]! }
        : selection?.kind === 'link'
          ? { kind: 'link', a: timeline.neuronIds[timeline.edges[2 * selection.edge]!]!, b: timeline.neuronIds[timeline.edges[2 * selection.edge + 1]!]! }
          : null,
    viewMode: scene.viewMode,
    theme: scene.theme,
  };
}

/**
 * What applying a view did: `applied` false when it was refused (another dataset: nothing changed);
 * `notes` says each part of the view the dataset could not take (unknown names, a position past the
 * end, a camera out of reach) and what was shown instead.
 */
export interface ViewOutcome {
  readonly applied: boolean;
  readonly notes: readonly string[];
}

/** Applies a view to the shown dataset, as far as it fits; see ViewOutcome. */
export function applyView(view: ViewFile, timeline: Timeline): ViewOutcome {
  const outcome = applyViewSettings(view, timeline);
  if (!outcome.applied) return outcome;
  viewStore.setState({ position: outcome.position });
  sceneActions.moveCamera(outcome.camera, 'view');
  return { applied: true, notes: outcome.notes };
}

/** What applyViewSettings leaves to its caller: the frame and the camera (a story step moves to them). */
export type ViewMotion = ViewOutcome & ({ readonly applied: false } | { readonly applied: true; readonly position: number; readonly camera: CameraState });

/**
 * Everything of a view but its frame and camera, applied now (condition, layout, filter, colours,
 * selection, view mode, theme; playback stops); the frame and camera it asks for, made to fit, are
 * returned for the caller to jump to (applyView) or move to over a transition (a story step).
 */
export function applyViewSettings(view: ViewFile, timeline: Timeline): ViewMotion {
  if (view.dataset !== timeline.datasetName) {
    return { applied: false, notes: [`this view is of the dataset "${view.dataset}"; open that dataset first (the one shown is "${timeline.datasetName}")`] };
  }
  const notes: string[] = [];
  let conditionIndex = timeline.conditions.indexOf(view.condition);
  if (conditionIndex < 0) {
    notes.push(`condition "${view.condition}" is not in this dataset (${timeline.conditions.join(', ')}); "${timeline.conditions[0]}" is shown`);
    conditionIndex = 0;
  }
  let selection: Parameters<typeof sceneActions.select>[0] = null;
  if (view.selection?.kind === 'neuron') {
    const index = timeline.neuronIds.indexOf(view.selection.id);
    if (index >= 0) selection = { kind: 'neuron', index };
    else notes.push(`neuron "${view.selection.id}" is not in this dataset; nothing is selected`);
  } else if (view.selection?.kind === 'link') {
    const [a, b] = [timeline.neuronIds.indexOf(view.selection.a), timeline.neuronIds.indexOf(view.selection.b)];
    for (let e = 0; e < timeline.edges.length / 2; e++) {
      if ((timeline.edges[2 * e] === a && timeline.edges[2 * e + 1] === b) || (timeline.edges[2 * e] === b && timeline.edges[2 * e + 1] === a)) selection = { kind: 'link', edge: e };
    }
    if (selection === null) notes.push(`the link "${view.selection.a}" – "${view.selection.b}" is not among this dataset's links; nothing is selected`);
  }
  const last = Math.max(0, framesInCondition({ ...viewStore.getState(), conditionIndex }) - 1);
  if (view.position > last) notes.push(`position ${view.position} is past the last frame of "${timeline.conditions[conditionIndex]}" (${last}); the last frame is shown`);
  const { camera, moved } = reachableCamera(view.camera);
  if (moved) {
    const given = (values: readonly number[]) => values.map((v) => v.toPrecision(3)).join(', ');
    notes.push(`the camera at (${given(view.camera.position)}) looking at (${given(view.camera.target)}) could not see the network (farther than ${VIEW_DISTANCE} from it, or on its target); it was brought closer`);
  }
  const position = Math.min(view.position, last);
  // A new condition starts at the view's frame (the old position means nothing there); the same one keeps its place for the caller to move from.
  viewStore.setState((state) => ({ conditionIndex, playing: false, position: state.conditionIndex === conditionIndex ? Math.min(state.position, last) : position }));
  sceneStore.setState({ layout: view.layout, layoutFrom: null, filter: view.filter, colourBy: view.colourBy, selection, viewMode: view.viewMode, theme: view.theme });
  return { applied: true, notes, position, camera };
}
