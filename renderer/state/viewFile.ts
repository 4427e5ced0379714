import { z } from 'zod';
import { LAYOUT_NAMES, type Timeline } from '../../shared/network/timeline';
import { cameraSchema, linkFilterSchema, NODE_COLOURINGS, sceneActions, sceneStore, VIEW_MODES } from './sceneStore';
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

/** Applies a view to the shown dataset; the reason when it cannot (another dataset, unknown names). */
export function applyView(view: ViewFile, timeline: Timeline): string | null {
  if (view.dataset !== timeline.datasetName) return `this view is of the dataset "${view.dataset}"; open that dataset first (the one shown is "${timeline.datasetName}")`;
  const conditionIndex = Math.max(0, timeline.conditions.indexOf(view.condition));
  let selection: Parameters<typeof sceneActions.select>[0] = null;
  if (view.selection?.kind === 'neuron') {
    const index = timeline.neuronIds.indexOf(view.selection.id);
    if (index >= 0) selection = { kind: 'neuron', index };
  } else if (view.selection?.kind === 'link') {
    const [a, b] = [timeline.neuronIds.indexOf(view.selection.a), timeline.neuronIds.indexOf(view.selection.b)];
    for (let e = 0; e < timeline.edges.length / 2; e++) {
      if ((timeline.edges[2 * e] === a && timeline.edges[2 * e + 1] === b) || (timeline.edges[2 * e] === b && timeline.edges[2 * e + 1] === a)) selection = { kind: 'link', edge: e };
    }
  }
  viewStore.setState((state) => {
    const next = { ...state, conditionIndex };
    return { conditionIndex, playing: false, position: Math.min(view.position, Math.max(0, framesInCondition(next) - 1)) };
  });
  sceneStore.setState({ layout: view.layout, layoutFrom: null, filter: view.filter, colourBy: view.colourBy, selection, viewMode: view.viewMode, theme: view.theme });
  sceneActions.moveCamera(view.camera, 'view');
  return null;
}

/**
 * The view in a file's text. Throws an Error whose message is one line naming what is wrong and where
 * (`camera.position[1]: Invalid input: expected number, received string`), for the notice to quote.
 */
export function parseViewFile(text: string): ViewFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
  const parsed = viewFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((issue) => `${fieldPath(issue.path) || 'the file'}: ${issue.message}`).join('; '));
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, k) => (typeof key === 'number' ? `[${key}]` : `${k > 0 ? '.' : ''}${String(key)}`)).join('');
}

/** `#view=…` of the URL, or null. */
export function viewFromHash(hash: string): ViewFile | null {
  const match = /[#&]view=([^&]+)/.exec(hash);
  if (!match) return null;
  try {
    return parseViewFile(decodeURIComponent(match[1]!));
  } catch {
    return null;
  }
}

export function hashOfView(view: ViewFile): string {
  return `#view=${encodeURIComponent(JSON.stringify(view))}`;
}
