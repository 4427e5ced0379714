import { z } from 'zod';
import { LAYOUT_NAMES } from '../network/timeline';
import { parseJsonFile } from './jsonFile';

/**
 * What a view of a dataset is, as data: the contracts of `.chorus-view.json`, of the URL's #view=…,
 * and of every story step (shared/story). The renderer's stores hold these; the CLI and the story
 * renderer read them without a renderer.
 */
export const linkFilterSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('top'), count: z.number().int().min(1).max(1_000_000) }),
  z.object({ mode: z.literal('threshold'), value: z.number().min(0).finite() }),
  z.object({ mode: z.literal('significant') }),
]);
export type LinkFilter = z.infer<typeof linkFilterSchema>;

export const NODE_COLOURINGS = ['relevance', 'preferred', 'area', 'none'] as const;
export type NodeColouring = (typeof NODE_COLOURINGS)[number];
export const VIEW_MODES = ['single', 'split', 'difference'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];

export const cameraSchema = z.object({
  position: z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]),
  target: z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]),
});
export type CameraState = z.infer<typeof cameraSchema>;

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

/** The view in a file's text; throws an Error naming the field that is wrong (see parseJsonFile). */
export function parseViewFile(text: string): ViewFile {
  return parseJsonFile(text, viewFileSchema, 'a Chorus view (a JSON object with "chorusView": 1)');
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
