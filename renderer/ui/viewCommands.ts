import { nodeColours } from '../../shared/network/nodeColours';
import { composeStill, type StillOverlay, type StillProgress } from '../scene/stills';
import { download } from '../platform/download';
import { chorus } from '../platform/chorus';
import { sceneActions, sceneStore } from '../state/sceneStore';
import { currentFrame, viewActions, viewStore } from '../state/viewStore';
import { applyView, currentView } from '../state/viewFile';
import { parseViewFile, type ViewFile } from '../../shared/view/viewSchema';
import { shownLinkCount } from '../state/linksShown';
import { comparedConditions } from '../../shared/network/linkFilter';
import { isolated } from './isolated';

const fileSafe = (text: string) => text.replace(/[^\w.-]+/g, '_').slice(0, 80);

/** "Session 3 of 10 · pre-decision · task" of the frame on screen. */
export function frameStamp(): string {
  const state = viewStore.getState();
  const t = state.timeline!;
  const { sessionOrdinal, epochIndex } = currentFrame(state);
  return `Session ${sessionOrdinal + 1} of ${t.sessionsPerCondition[state.conditionIndex]} · ${isolated(t.epochs[epochIndex]!)} · ${isolated(t.conditions[state.conditionIndex]!)}`;
}

/** The neuron names the scene's label layer shows now, where it shows them (CSS pixels in the scene). */
function labelsOnScreen(id: string): { x: number; y: number; text: string; selected: boolean }[] {
  const layer = document.querySelector(`[data-scene="${id}"] .node-labels`);
  if (!layer) return [];
  return [...layer.querySelectorAll<HTMLSpanElement>('span')]
    .filter((span) => !span.hidden && span.textContent)
    .map((span) => {
      const [, x = '0', y = '0'] = /translate\((-?[\d.]+)px, (-?[\d.]+)px\)/.exec(span.style.transform) ?? [];
      // The span's box starts at (x, y); its text's baseline is about a line lower.
      return { x: Number(x), y: Number(y) + 12, text: isolated(span.textContent!), selected: span.classList.contains('selected') };
    });
}

/** What the screen shows of the view now, as a still or a video draws it: which scenes, and the text over them. */
export interface ViewOverlay {
  /** The scenes side by side: the split view's two conditions, else the one. */
  readonly ids: readonly string[];
  readonly overlay: Omit<StillOverlay, 'labels'>;
}

/** The scenes on screen with their frame stamp, pane titles and legend (names isolated as characters: they are drawn as text). */
export function viewOverlay(): ViewOverlay | null {
  const state = viewStore.getState();
  const scene = sceneStore.getState();
  const timeline = state.timeline;
  if (!timeline) return null;
  const found = comparedConditions(timeline);
  const compared = found && { task: isolated(found.task), passive: isolated(found.passive) };
  const split = scene.viewMode === 'split' && compared !== null;
  const difference = scene.viewMode === 'difference' && compared !== null;
  const shown = shownLinkCount(timeline, scene.filter, { conditionIndex: state.conditionIndex, ...currentFrame(state), difference });
  const colours = nodeColours(timeline, scene.colourBy).legend;
  const pair = compared ? `${compared.task} | ${compared.passive}` : '';
  const stamp = `${isolated(timeline.datasetName)} — ${split ? frameStamp().replace(/ · [^·]+$/, ` · ${pair}`) : frameStamp()}${difference ? ` (${compared.task} − ${compared.passive})` : ''}`;
  return {
    ids: split ? ['task', 'passive'] : ['main'],
    overlay: {
      stamp,
      captions: split ? [compared.task, compared.passive] : [],
      legend: [
        { label: difference ? `more redundant in ${compared.task}` : 'redundant pair (R > 0)', colour: '#E69F00' },
        { label: difference ? `more redundant in ${compared.passive}` : 'synergistic pair (R < 0)', colour: '#56B4E9' },
        { label: `width ∝ |R|, widest ${timeline.edgeScale.toPrecision(2)}; ${shown} links shown`, colour: null },
        { label: `node colour: ${colours.title}`, colour: null },
        ...colours.entries.slice(0, 4).map((entry) => ({ label: isolated(entry.label), colour: entry.colour })),
      ],
    },
  };
}

/**
 * Writes a PNG of the scene(s) at `scale` × the window, with the neuron labels, the frame stamp and the
 * legend: rendered in tiles with the page running between them (progress, Cancel), playback paused
 * meanwhile so the still is of one frame. Resolves false when cancelled.
 */
export async function saveImage(scale: number, progress: StillProgress = {}): Promise<boolean> {
  const blob = await stillOfView(scale, progress);
  if (!blob) return false;
  const state = viewStore.getState();
  const timeline = state.timeline!;
  const { sessionOrdinal, epochIndex } = currentFrame(state);
  download(blob, `chorus-${fileSafe(timeline.datasetName)}-session${sessionOrdinal + 1}-${fileSafe(timeline.epochs[epochIndex]!)}-${scale}x.png`);
  return true;
}

/** The PNG saveImage writes (null when cancelled or failed; a failure is said in a notice). */
export async function stillOfView(scale: number, progress: StillProgress = {}): Promise<Blob | null> {
  const view = viewOverlay();
  if (!view) return null;
  const state = viewStore.getState();
  const wasPlaying = state.playing;
  if (wasPlaying) viewActions.togglePlay();
  sceneActions.setStillActive(true);
  try {
    return await composeStill(view.ids, scale, { ...view.overlay, labels: view.ids.map(labelsOnScreen) }, progress);
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    viewActions.setNotice({ kind: 'error', title: 'The image could not be saved', lines: [(error as Error).message] });
    return null;
  } finally {
    sceneActions.setStillActive(false);
    if (wasPlaying && !viewStore.getState().playing) viewActions.togglePlay();
  }
}

export function saveView(): void {
  const view = currentView();
  if (!view) return;
  download(new Blob([`${JSON.stringify(view, null, 1)}\n`], { type: 'application/json' }), `${fileSafe(view.dataset)}.chorus-view.json`);
}

/** File ▸ Open View… and the Open view… button: the platform's dialog, then openViewText. */
export function openViewFile(): void {
  void chorus.openTextFile('view').then((file) => file && openViewText(file.name, file.text));
}

/** Applies a view file's text to the dataset on screen; what it cannot apply is said in the view notice. */
export function openViewText(name: string, text: string): void {
  let view;
  try {
    view = parseViewFile(text);
  } catch (error) {
    viewActions.setViewNotice({ kind: 'error', title: `Could not open the view ${name}`, lines: [`it is not a Chorus view file: ${(error as Error).message.split('\n')[0]}`] });
    return;
  }
  showView(view, `the view ${name}`);
}

/** Applies a view to the dataset on screen; what it cannot apply is said in the view notice, naming `what` ("the view a.chorus-view.json"). */
export function showView(view: ViewFile, what: string): void {
  const timeline = viewStore.getState().timeline;
  if (!timeline) return viewActions.setViewNotice({ kind: 'error', title: `Could not open ${what}`, lines: ['no dataset is open'] });
  const { applied, notes } = applyView(view, timeline);
  viewActions.setViewNotice(
    !applied ? { kind: 'error', title: `Could not open ${what}`, lines: notes } : notes.length > 0 ? { kind: 'warning', title: `Parts of ${what} were not applied`, lines: notes } : null,
  );
}
