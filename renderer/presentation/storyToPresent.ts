import { demoStory } from '../../shared/story/demoStory';
import { DEFAULT_TRANSITION, STORY_VERSION, type Story } from '../../shared/story/storyFile';
import { currentView } from '../state/viewFile';
import { viewStore } from '../state/viewStore';
import { storyStore } from '../state/storyStore';

/**
 * What Present shows: the story in the editor when it is of the dataset on screen; else the built-in
 * story on the demo; else one step of the view on screen captioned with the dataset's name (the talk
 * starts from what the speaker is looking at). Null with no dataset.
 */
export function storyToPresent(): Story | null {
  const { timeline, source } = viewStore.getState();
  const view = currentView();
  if (!timeline || !view) return null;
  const draft = storyStore.getState().story;
  if (draft && draft.dataset.name === timeline.datasetName) return draft;
  if (source === 'demo') return demoStory(timeline);
  return {
    chorusStory: STORY_VERSION,
    title: timeline.datasetName,
    // Held in memory only: a saved story names its files with their sizes and hashes, which the editor adds when it saves.
    dataset: { kind: 'files', name: timeline.datasetName, files: [] },
    steps: [{ view, caption: timeline.datasetName, notes: '', transition: DEFAULT_TRANSITION, playback: null, advanceAfterSeconds: null }],
  };
}
