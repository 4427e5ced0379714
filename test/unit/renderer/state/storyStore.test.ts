import { beforeEach, describe, expect, it } from 'vitest';
import { hasUnsavedChanges, storyActions, storyStore } from '../../../../renderer/state/storyStore';
import type { Story, StoryStep } from '../../../../shared/story/storyFile';
import { aView } from '../../../helpers/viewFiles';

const step = (caption: string): StoryStep => ({ view: aView(), caption, notes: '', transition: { seconds: 1, easing: 'linear' }, playback: null, advanceAfterSeconds: null });
const story: Story = { chorusStory: 1, title: 'Talk', dataset: { kind: 'demo', name: aView().dataset }, steps: [step('a')] };

describe('the story draft', () => {
  beforeEach(() => storyActions.close());

  it('has unsaved changes until saved, and again after any edit; an edit undone by hand is saved again', () => {
    expect(hasUnsavedChanges()).toBe(false);
    storyActions.start(story);
    expect(hasUnsavedChanges()).toBe(true);
    storyActions.saved();
    expect(hasUnsavedChanges()).toBe(false);
    storyActions.update(0, { caption: 'b' });
    expect(hasUnsavedChanges()).toBe(true);
    storyActions.update(0, { caption: 'a' });
    expect(hasUnsavedChanges()).toBe(false);
  });

  it('selects each new step, and a story opened from a file is saved as it is', () => {
    storyActions.opened(story);
    expect(hasUnsavedChanges()).toBe(false);
    storyActions.addStep(step('b'));
    storyActions.addStep(step('c'));
    expect(storyStore.getState().story!.steps.map((s) => s.caption)).toEqual(['a', 'b', 'c']);
    expect(storyStore.getState().selected).toBe(2);
    expect(storyActions.remove(2)).toBe(true);
    expect(storyStore.getState().selected).toBe(1);
    storyActions.setTitle('New title');
    expect(storyStore.getState().story!.title).toBe('New title');
    expect(hasUnsavedChanges()).toBe(true);
  });
});
