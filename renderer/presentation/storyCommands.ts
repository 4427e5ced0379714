import { captionText } from '../../shared/story/caption';
import { storyDatasetProblem, type ShownDataset } from '../../shared/story/storyDataset';
import { DEFAULT_TRANSITION, parseStoryFile, STORY_VERSION, storyFileName, storyFileText, type Story, type StoryDataset, type StoryStep } from '../../shared/story/storyFile';
import { download } from '../platform/download';
import { chorus } from '../platform/chorus';
import { fileSha256 } from '../platform/fileHash';
import { shownFilesStore } from '../state/shownFiles';
import { hasUnsavedChanges, storyActions, storyStore } from '../state/storyStore';
import { currentView } from '../state/viewFile';
import { viewActions, viewStore } from '../state/viewStore';
import { StoryPlayer } from './storyPlayer';

/**
 * The dataset on screen as a story names it: the demo, the files it was read from (hashed: a few
 * seconds for a gigabyte, once per file), or a model (`other`: no story can be saved of it).
 */
export async function shownDataset(): Promise<ShownDataset | null> {
  const { timeline, source } = viewStore.getState();
  if (!timeline) return null;
  if (source === 'demo') return { kind: 'demo', name: timeline.datasetName };
  const files = shownFilesStore.getState().files;
  if (!files) return { kind: 'other', name: timeline.datasetName };
  const hashed = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: file.blob.size, sha256: await fileSha256(file.blob) })));
  return { kind: 'files', name: timeline.datasetName, files: hashed };
}

/** A step of the view on screen, with the caption given (empty: for the speaker to write). */
export function stepOfCurrentView(caption = ''): StoryStep | null {
  const view = currentView();
  return view && { view, caption, notes: '', transition: DEFAULT_TRANSITION, playback: null, advanceAfterSeconds: null };
}

/** True when the step is of the story's dataset; otherwise says so (`what`: "add", "update") and false. */
function ofStoryDataset(story: Story, step: StoryStep, what: string): boolean {
  if (story.dataset.name === step.view.dataset) return true;
  viewActions.setViewNotice({ kind: 'error', title: `Could not ${what} the step`, lines: [`the story is of "${story.dataset.name}"; the dataset shown is "${step.view.dataset}"`] });
  return false;
}

/** Add step from current view: the first step starts a story of the dataset on screen. */
export function addStepFromCurrentView(): void {
  const step = stepOfCurrentView();
  if (!step) return;
  const { story } = storyStore.getState();
  if (!story) {
    const { source } = viewStore.getState();
    // The files' hashes are added when the story is saved (shownDataset); until then it names the dataset.
    const dataset: StoryDataset = source === 'demo' ? { kind: 'demo', name: step.view.dataset } : { kind: 'files', name: step.view.dataset, files: [] };
    storyActions.start({ chorusStory: STORY_VERSION, title: 'Untitled story', dataset, steps: [step] });
    return;
  }
  if (ofStoryDataset(story, step, 'add')) storyActions.addStep(step);
}

/** The selected step's view replaced by the view on screen (its caption and notes stay). */
export function updateStepFromCurrentView(k: number): void {
  const step = stepOfCurrentView();
  const story = storyStore.getState().story;
  if (!step || !story) return;
  if (ofStoryDataset(story, step, 'update')) storyActions.update(k, { view: step.view });
}

const previewer = new StoryPlayer(() => undefined);

/** Shows a step in the workspace as the presentation would reach it (its transition and playback; no auto-advance). */
export function previewStep(k: number): void {
  const step = storyStore.getState().story?.steps[k];
  const timeline = viewStore.getState().timeline;
  if (!step || !timeline) return;
  const shown = previewer.show({ ...step, advanceAfterSeconds: null }, timeline, true);
  if (!shown.applied || shown.notes.length > 0) {
    viewActions.setViewNotice({ kind: shown.applied ? 'warning' : 'error', title: `Step ${k + 1} ${shown.applied ? 'shown as far as this dataset allows' : 'could not be shown'}`, lines: shown.notes });
  }
}

/** Writes the draft as `<title>.chorus-story.json`, naming its dataset's files with their sizes and hashes. */
export async function saveStory(): Promise<boolean> {
  const story = storyStore.getState().story;
  if (!story) return false;
  let dataset: StoryDataset = story.dataset;
  if (dataset.kind === 'files') {
    const shown = await shownDataset();
    if (shown?.kind !== 'files' || shown.name !== dataset.name) {
      viewActions.setViewNotice({ kind: 'error', title: `Could not save "${story.title}"`, lines: [`its dataset "${dataset.name}" is no longer open, and a story names its files by their contents: open it again to save`] });
      return false;
    }
    dataset = { kind: 'files', name: shown.name, files: [...shown.files] };
  }
  const complete: Story = { ...story, dataset };
  let text: string;
  try {
    text = storyFileText(complete);
  } catch (error) {
    viewActions.setViewNotice({ kind: 'error', title: `Could not save "${story.title}"`, lines: [(error as Error).message] });
    return false;
  }
  storyStore.setState({ story: complete });
  download(new Blob([text], { type: 'application/json' }), storyFileName(story.title));
  storyActions.saved();
  return true;
}

/**
 * Opens a story file for the dataset on screen: one of another dataset (or of other file contents) is
 * refused with a message saying which, and the draft in the editor stays as it was.
 */
export function openStoryFile(): void {
  if (hasUnsavedChanges() && !window.confirm('The story in the editor has unsaved changes. Open another and lose them?')) return;
  void chorus.openTextFile('story').then((file) => file && openStoryText(file.name, file.text));
}

export async function openStoryText(name: string, text: string): Promise<boolean> {
  let story: Story;
  try {
    story = parseStoryFile(text);
  } catch (error) {
    viewActions.setViewNotice({ kind: 'error', title: `Could not open the story ${name}`, lines: [`it is not a Chorus story file: ${(error as Error).message}`] });
    return false;
  }
  const problem = storyDatasetProblem(story.dataset, await shownDataset());
  if (problem) {
    viewActions.setViewNotice({ kind: 'error', title: `Could not open the story ${name}`, lines: [problem] });
    return false;
  }
  storyActions.opened(story);
  viewActions.setViewNotice(null);
  return true;
}

/** A new, empty editor (after asking, when the draft has unsaved changes). */
export function newStory(): void {
  if (hasUnsavedChanges() && !window.confirm('The story in the editor has unsaved changes. Start a new one and lose them?')) return;
  storyActions.close();
}

/** "3. Day 10: the same neurons…" for the step list. */
export function stepTitle(step: StoryStep, k: number): string {
  const first = captionText(step.caption).split('\n')[0]!.trim();
  return `${k + 1}. ${first || '(no caption yet)'}`;
}
