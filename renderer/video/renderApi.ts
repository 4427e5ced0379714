import { demoStory } from '../../shared/story/demoStory';
import { parseStoryFile, type Story } from '../../shared/story/storyFile';
import { storyDatasetProblem } from '../../shared/story/storyDataset';
import type { RenderApi } from '../../shared/video/renderApi';
import { shownDataset } from '../presentation/storyCommands';
import type { ViewFile } from '../../shared/view/viewSchema';
import { applyView } from '../state/viewFile';
import { viewStore } from '../state/viewStore';
import { stillOfView } from '../ui/viewCommands';
import { renderVideo, sleep } from './renderVideo';
import { needsSignificance, storyPlan } from './videoPlans';
import { stopStatistics } from '../state/statisticsControl';
import { videoExportStore } from '../state/videoExportStore';
import { cameraAttribute } from '../scene/OrbitCamera';

/**
 * The page's side of `chorus render` (the contract: shared/video/renderApi.ts): it drives the built app
 * in a headless Chromium (node/cliRender.ts), which exposes two functions to the page: one that takes
 * the file's bytes as they come (base64, in order) and one for progress. Everything is rendered by the
 * app's own code, as "Export video…" and "Save image" do.
 */
interface RenderBindings {
  chorusRender?: RenderApi;
  chorusRenderWrite?: (base64: string) => Promise<void>;
  chorusRenderProgress?: (done: number, total: number) => void;
}

const page = window as unknown as RenderBindings;

/** The story asked for: the file's text, or the demo story (null), checked against the dataset on screen. */
async function storyOf(text: string | null): Promise<Story> {
  const { timeline, source } = viewStore.getState();
  if (!timeline) throw new Error('no dataset is open');
  if (text === null) {
    if (source !== 'demo') throw new Error(`the demo story is of the demo dataset; the dataset shown is "${timeline.datasetName}"`);
    return demoStory(timeline);
  }
  const story = parseStoryFile(text);
  const problem = storyDatasetProblem(story.dataset, await shownDataset());
  if (problem) throw new Error(problem);
  return story;
}

/** Hands a blob to the CLI in pieces of 1 MiB (each one message through the page's binding). */
async function send(blob: Blob): Promise<void> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  for (let at = 0; at < bytes.length; at += 1 << 20) {
    const piece = bytes.subarray(at, at + (1 << 20));
    let text = '';
    for (let k = 0; k < piece.length; k += 0x8000) text += String.fromCharCode(...piece.subarray(k, k + 0x8000));
    await page.chorusRenderWrite!(btoa(text));
  }
}


/** Waits for the statistics pass to end (its significance is what the story's links are filtered by). */
async function statisticsDone(): Promise<void> {
  while (viewStore.getState().statistics === null) {
    const notice = viewStore.getState().notice;
    if (notice?.kind === 'error') throw new Error(`the story filters links by significance, and the statistics pass did not end: ${notice.title}`);
    await sleep(200);
  }
}

/**
 * Waits until every scene on screen has its element's size (the renderer follows a resize a little
 * later) and shows the view's layout (settled) and camera (OrbitCamera writes both on its element).
 */
async function stepDrawn(view: ViewFile): Promise<void> {
  const want = cameraAttribute(view.camera);
  for (let waited = 0; waited < 20_000; waited += 50) {
    const scenes = [...document.querySelectorAll<HTMLElement>('[data-scene]')];
    const sized = (scene: HTMLElement) => {
      const canvas = scene.querySelector('canvas');
      return canvas !== null && Math.abs(canvas.clientWidth - scene.clientWidth) <= 1 && Math.abs(canvas.clientHeight - scene.clientHeight) <= 1 && Math.abs(canvas.height - Math.round(scene.clientHeight * devicePixelRatio)) <= 1;
    };
    if (scenes.length > 0 && scenes.every((scene) => sized(scene) && scene.dataset.layout === view.layout && scene.dataset.camera === want)) return;
    await sleep(50);
  }
}

export function installRenderApi(): void {
  page.chorusRender = {
    async ready(demo) {
      for (;;) {
        const { timeline, source, job } = viewStore.getState();
        // The demo is drawn from the shipped timeline at once; files are ready when their analysis has ended.
        if (timeline && source && (demo ? source === 'demo' : source !== 'demo' && job === null)) return { dataset: timeline.datasetName, source };
        await sleep(50);
      }
    },
    async video({ story, width, height, fps, format }) {
      const chosen = await storyOf(story);
      const plan = storyPlan(chosen, viewStore.getState().timeline!, fps);
      // The pass would take a core from the frames; its results only matter to links filtered by significance.
      if (!needsSignificance(chosen)) stopStatistics();
      else await statisticsDone();
      // Nothing on the page needs painting meanwhile (the frames are drawn offscreen).
      document.body.style.visibility = 'hidden';
      const video = await renderVideo({ plan, width, height, fps, format, onProgress: (done, total) => page.chorusRenderProgress?.(done, total) });
      await send(video.blob);
      return { frames: video.frames, bytes: video.blob.size, notes: video.notes };
    },
    async still({ story, step, scale }) {
      const chosen = await storyOf(story);
      const wanted = chosen.steps[step - 1];
      if (!wanted) throw new Error(`--still ${step}: the story has ${chosen.steps.length} step${chosen.steps.length === 1 ? '' : 's'} (1 to ${chosen.steps.length})`);
      // The scene fills the window, as in a presentation: the still is `scale` × the window.
      videoExportStore.setState({ sceneOnly: true });
      for (let waited = 0; waited < 10_000 && ![...document.querySelectorAll<HTMLElement>('[data-scene]')].every((scene) => scene.clientHeight === innerHeight); waited += 20) await sleep(20);
      const { applied, notes } = applyView(wanted.view, viewStore.getState().timeline!);
      if (!applied) throw new Error(notes.join('; '));
      // The scene draws the step first: the still's neuron names are read from the screen.
      await stepDrawn(wanted.view);
      const blob = await stillOfView(scale, { onProgress: (done, total) => page.chorusRenderProgress?.(done, total) });
      if (!blob) throw new Error(viewStore.getState().notice?.lines.join('; ') ?? 'the still could not be made');
      await send(blob);
      return { bytes: blob.size, notes };
    },
  };
}
