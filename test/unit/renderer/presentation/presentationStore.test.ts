import { beforeEach, describe, expect, it } from 'vitest';
import { presentationActions, presentationStore } from '../../../../renderer/state/presentationStore';
import type { Story, StoryStep } from '../../../../shared/story/storyFile';
import { aView } from '../../../helpers/viewFiles';

const step = (caption: string): StoryStep => ({ view: aView(), caption, notes: '', transition: { seconds: 0, easing: 'linear' }, playback: null, advanceAfterSeconds: null });
const story: Story = { chorusStory: 1, title: 'Talk', dataset: { kind: 'demo', name: aView().dataset }, steps: [step('one'), step('two'), step('three')] };

describe('the presentation store', () => {
  beforeEach(() => presentationActions.leave());

  it('moves between steps and stops at either end', () => {
    presentationActions.present(story);
    expect(presentationStore.getState()).toMatchObject({ story, step: 0, blank: null });
    presentationActions.previous();
    expect(presentationStore.getState().step).toBe(0);
    presentationActions.next();
    presentationActions.next();
    presentationActions.next();
    expect(presentationStore.getState().step).toBe(2);
    presentationActions.first();
    expect(presentationStore.getState().step).toBe(0);
    presentationActions.last();
    expect(presentationStore.getState().step).toBe(2);
  });

  it('blanks the screen, and the next key brings it back before moving on', () => {
    presentationActions.present(story, 1);
    presentationActions.toggleBlank('black');
    expect(presentationStore.getState().blank).toBe('black');
    presentationActions.toggleBlank('white');
    expect(presentationStore.getState().blank).toBe('white');
    presentationActions.next();
    expect(presentationStore.getState()).toMatchObject({ blank: null, step: 1 });
    presentationActions.next();
    expect(presentationStore.getState().step).toBe(2);
    presentationActions.toggleBlank('black');
    presentationActions.toggleBlank('black');
    expect(presentationStore.getState().blank).toBeNull();
  });

  it('starts again from a step (Shift+F5) keeping the elapsed time, and replays a step entered again', () => {
    presentationActions.present(story, 2);
    const { startedAt, moves } = presentationStore.getState();
    presentationActions.present(story, 2);
    expect(presentationStore.getState()).toMatchObject({ step: 2, startedAt, moves: moves + 1 });
    presentationActions.present(story, 99);
    expect(presentationStore.getState().step).toBe(2);
    presentationActions.leave();
    expect(presentationStore.getState().story).toBeNull();
  });
});
