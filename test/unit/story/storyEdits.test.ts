import { describe, expect, it } from 'vitest';
import { duplicateStep, insertStep, moveStep, removeStep, updateStep } from '../../../shared/story/storyEdits';
import type { Story, StoryStep } from '../../../shared/story/storyFile';
import { aView } from '../../helpers/viewFiles';

const step = (caption: string): StoryStep => ({ view: aView(), caption, notes: '', transition: { seconds: 1, easing: 'linear' }, playback: null, advanceAfterSeconds: null });
const story: Story = { chorusStory: 1, title: 'Talk', dataset: { kind: 'demo', name: aView().dataset }, steps: ['a', 'b', 'c'].map(step) };
const captions = (s: Story) => s.steps.map((x) => x.caption).join('');

describe('story edits', () => {
  it('insert after the selected step, or at the end', () => {
    expect(insertStep(story, step('x'), 0)).toMatchObject({ selected: 1 });
    expect(captions(insertStep(story, step('x'), 0).story)).toBe('axbc');
    expect(captions(insertStep(story, step('x'), -1).story)).toBe('abcx');
    expect(captions(insertStep(story, step('x'), 9).story)).toBe('abcx');
    expect(captions(story)).toBe('abc');
  });

  it('duplicate a step as an independent copy right after it', () => {
    const { story: doubled, selected } = duplicateStep(story, 1);
    expect(captions(doubled)).toBe('abbc');
    expect(selected).toBe(2);
    expect(doubled.steps[2]).toEqual(doubled.steps[1]);
    expect(doubled.steps[2]!.view).not.toBe(doubled.steps[1]!.view);
  });

  it('remove a step but never the last one', () => {
    expect(removeStep(story, 2)).toMatchObject({ selected: 1, removed: true });
    expect(captions(removeStep(story, 0).story)).toBe('bc');
    const single = removeStep(removeStep(story, 0).story, 0).story;
    expect(removeStep(single, 0)).toMatchObject({ removed: false, selected: 0 });
  });

  it('move a step anywhere in the list (drag and drop, Move up / down), clamped', () => {
    expect(captions(moveStep(story, 0, 2).story)).toBe('bca');
    expect(captions(moveStep(story, 2, 0).story)).toBe('cab');
    expect(moveStep(story, 1, 0)).toMatchObject({ selected: 0 });
    expect(captions(moveStep(story, 0, -5).story)).toBe('abc');
    expect(captions(moveStep(story, 1, 99).story)).toBe('acb');
  });

  it('update the fields of one step', () => {
    const { story: edited } = updateStep(story, 1, { caption: 'B', notes: 'say it slowly' });
    expect(captions(edited)).toBe('aBc');
    expect(edited.steps[1]!.notes).toBe('say it slowly');
    expect(story.steps[1]!.caption).toBe('b');
  });
});
