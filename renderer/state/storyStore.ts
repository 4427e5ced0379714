import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Story, StoryStep } from '../../shared/story/storyFile';
import { duplicateStep, insertStep, moveStep, removeStep, updateStep, type Edited } from '../../shared/story/storyEdits';

/**
 * The story being written in the editor: the draft, the selected step, and the text last saved (or
 * opened), so "unsaved changes" is a comparison with it rather than a flag to keep in step.
 */
export interface StoryDraftState {
  readonly story: Story | null;
  readonly selected: number;
  /** The draft's file text when it was last saved or opened; null for a story never saved. */
  readonly savedText: string | null;
  /** The editor panel is shown. */
  readonly open: boolean;
}

export const storyStore = createStore<StoryDraftState>(() => ({ story: null, selected: 0, savedText: null, open: false }));

export function useStoryDraft<T>(selector: (state: StoryDraftState) => T): T {
  return useStore(storyStore, selector);
}

/** Whether the draft differs from what was last saved or opened (a draft never saved counts once it has a step). */
export function hasUnsavedChanges(state: StoryDraftState = storyStore.getState()): boolean {
  if (!state.story) return false;
  return state.savedText === null || state.savedText !== JSON.stringify(state.story);
}

const apply = (edit: (story: Story, selected: number) => Edited) =>
  storyStore.setState((state) => {
    if (!state.story) return {};
    const { story, selected } = edit(state.story, state.selected);
    return { story, selected };
  });

export const storyActions = {
  toggleEditor(): void {
    storyStore.setState((state) => ({ open: !state.open }));
  },
  /** A new story with one step; `story` already holds it (title, dataset, step). */
  start(story: Story): void {
    storyStore.setState({ story, selected: 0, savedText: null, open: true });
  },
  /** A story opened from a file: saved as it is. */
  opened(story: Story): void {
    storyStore.setState({ story, selected: 0, savedText: JSON.stringify(story), open: true });
  },
  saved(): void {
    storyStore.setState((state) => ({ savedText: state.story ? JSON.stringify(state.story) : null }));
  },
  close(): void {
    storyStore.setState({ story: null, selected: 0, savedText: null });
  },
  select(selected: number): void {
    storyStore.setState({ selected });
  },
  setTitle(title: string): void {
    storyStore.setState((state) => (state.story ? { story: { ...state.story, title } } : {}));
  },
  addStep(step: StoryStep): void {
    apply((story, selected) => insertStep(story, step, selected));
  },
  duplicate(k: number): void {
    apply((story) => duplicateStep(story, k));
  },
  remove(k: number): boolean {
    let removed = false;
    apply((story) => {
      const edit = removeStep(story, k);
      removed = edit.removed;
      return edit;
    });
    return removed;
  },
  move(from: number, to: number): void {
    apply((story) => moveStep(story, from, to));
  },
  update(k: number, fields: Partial<StoryStep>): void {
    apply((story) => updateStep(story, k, fields));
  },
};
