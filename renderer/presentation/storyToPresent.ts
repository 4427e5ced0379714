import { demoStory } from '../../shared/story/demoStory';
import { STORY_VERSION, type Story } from '../../shared/story/storyFile';
import { stepOfCurrentView } from './storyCommands';
import { viewStore } from '../state/viewStore';
import { storyStore } from '../state/storyStore';

/**
 * What Present shows: the story in the editor when it is of the dataset on screen; else the built-in
 * story on the demo; else one step of the view on screen captioned with the dataset's name (the talk
 * starts from what the speaker is looking at). Null with no dataset.
 */
export function storyToPresent(): Story | null {
  const { timeline, source } = viewStore.getState();
  if (!timeline) return null;
  const draft = storyStore.getState().story;
  if (draft && draft.dataset.name === timeline.datasetName) return draft;
  if (source === 'demo') return demoStory(timeline);
  const step = stepOfCurrentView(timeline.datasetName);
  return step && {
    chorusStory: STORY_VERSION,
    title: timeline.datasetName,
    // Held in memory only: a saved story names its files with their sizes and hashes, which the editor adds when it saves.
    dataset: { kind: 'files', name: timeline.datasetName, files: [] },
    steps: [step],
  };
}
