import { z } from 'zod';
import { LAYOUT_NAMES, type Timeline } from '../../shared/network/timeline';
import { VIEW_DISTANCE, cameraSchema, linkFilterSchema, NODE_COLOURINGS, reachableCamera, sceneActions, sceneStore, VIEW_MODES } from './sceneStore';
import { framesInCondition, viewStore } from './viewStore';

/**
 * A view: which dataset, frame, layout, camera, link filter, colours, selection, view mode and theme —
 * saved as a small `.chorus-view.json` and, in the web build, mirrored in the URL (#view=…), so a view
 * can be shared and reopened exactly. Neurons are named by id, so a view survives a reload.
 */
export const viewFileSchema = z.object({
  chorusView: z.literal(1),
  dataset: z.string(),
  condition: z.string(),
  position: z.number().min(0).finite(),
  layout: z.enum(LAYOUT_NAMES),
  camera: cameraSchema,
  filter: linkFilterSchema,
  colourBy: z.enum(NODE_COLOURINGS),
  selection: z.union([z.object({ kind: z.literal('neuron'), id: z.string() }), z.object({ kind: z.literal('link'), a: z.string(), b: z.string() }), z.null()]),
  viewMode: z.enum(VIEW_MODES),
  theme: z.enum(['dark', 'light']),
});
export type ViewFile = z.infer<typeof viewFileSchema>;

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
  viewStore.setState({ conditionIndex, playing: false, position: Math.min(view.position, last) });
  sceneStore.setState({ layout: view.layout, layoutFrom: null, filter: view.filter, colourBy: view.colourBy, selection, viewMode: view.viewMode, theme: view.theme });
  sceneActions.moveCamera(camera, 'view');
  return { applied: true, notes };
}

/**
 * The view in a file's text. Throws an Error whose message is one line naming what is wrong and where
 * (`camera.position[1]: expected number, received string`), for the notice to quote.
 */
export function parseViewFile(text: string): ViewFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`it holds ${Array.isArray(json) ? 'a JSON array' : json === null ? 'null' : `a ${typeof json}`}, not a Chorus view (a JSON object with "chorusView": 1)`);
  }
  const parsed = viewFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((issue) => `${fieldPath(issue.path) || 'the file'}: ${issue.message.replace(/^Invalid input: /, '')}`).join('; '));
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, k) => (typeof key === 'number' ? `[${key}]` : `${k > 0 ? '.' : ''}${String(key)}`)).join('');
}

/** A `#view=…` of the URL: the view, or what is wrong with it (said in a notice; the link is kept). */
export type ViewInLink = { readonly view: ViewFile; readonly problem: null } | { readonly view: null; readonly problem: string };

/** The `#view=…` of the URL, or null when it has none. */
export function viewInHash(hash: string): ViewInLink | null {
  const match = /[#&]view=([^&]*)/.exec(hash);
  if (!match) return null;
  let text: string;
  try {
    text = decodeURIComponent(match[1]!);
  } catch {
    return { view: null, problem: 'it is not valid URL encoding (a link cut short, or edited by hand?)' };
  }
  try {
    return { view: parseViewFile(text), problem: null };
  } catch (error) {
    return { view: null, problem: (error as Error).message };
  }
}

/** The readable view of a `#view=…`, or null (none, or one that cannot be read). */
export function viewFromHash(hash: string): ViewFile | null {
  return viewInHash(hash)?.view ?? null;
}

export function hashOfView(view: ViewFile): string {
  return `#view=${encodeURIComponent(JSON.stringify(view))}`;
}
