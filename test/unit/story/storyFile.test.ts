import { describe, expect, it } from 'vitest';
import { parseStoryFile, stepFrames, storyFileName, storyFileText, type Story, type StoryStep } from '../../../shared/story/storyFile';
import { aView } from '../../helpers/viewFiles';

const step = (over: Partial<StoryStep> = {}): StoryStep => ({
  view: aView(),
  caption: 'A **caption**',
  notes: '',
  transition: { seconds: 1.5, easing: 'ease-in-out' },
  playback: null,
  advanceAfterSeconds: null,
  ...over,
});
const story = (over: Partial<Story> = {}): Story => ({ chorusStory: 1, title: 'A talk', dataset: { kind: 'demo', name: aView().dataset }, steps: [step()], ...over });

describe('story files', () => {
  it('round-trip through their text, with defaults filled for what a hand-written file leaves out', () => {
    const written = story({ steps: [step(), step({ playback: { toSession: 3, toEpoch: null, framesPerSecond: 2 }, advanceAfterSeconds: 5 })] });
    expect(parseStoryFile(storyFileText(written))).toEqual(written);
    const minimal = JSON.stringify({ chorusStory: 1, title: 'Short', dataset: { kind: 'demo', name: aView().dataset }, steps: [{ view: aView(), caption: 'Hi' }] });
    expect(parseStoryFile(minimal).steps[0]).toEqual(step({ caption: 'Hi' }));
  });

  it('name the field that is wrong, a step of another dataset, a bad hash and an unknown version', () => {
    const bad = story();
    const text = (value: unknown) => JSON.stringify(value);
    expect(() => parseStoryFile(text({ ...bad, steps: [{ ...step(), transition: { seconds: -1, easing: 'ease-in-out' } }] }))).toThrow(/steps\[0\]\.transition\.seconds/);
    expect(() => parseStoryFile(text({ ...bad, steps: [{ ...step(), view: { ...aView(), dataset: 'other' } }] }))).toThrow(/steps\[0\]\.view\.dataset: is "other", not the story's dataset/);
    expect(() => parseStoryFile(text({ ...bad, dataset: { kind: 'files', name: 'x', files: [{ name: 'a.nwb', bytes: 3, sha256: 'abc' }] } }))).toThrow(/dataset\.files\[0\]\.sha256: expected a SHA-256/);
    expect(() => parseStoryFile(text({ ...bad, chorusStory: 2 }))).toThrow(/chorusStory/);
    expect(() => parseStoryFile(text({ ...bad, steps: [] }))).toThrow(/steps/);
    expect(() => parseStoryFile('[1]')).toThrow(/a JSON array, not a Chorus story/);
    expect(() => parseStoryFile('{')).toThrow(/not valid JSON/);
  });

  it('name files after their title', () => {
    expect(storyFileName('Learning in V4: the talk')).toBe('learning-in-v4-the-talk.chorus-story.json');
    expect(storyFileName('Réseau — ∆')).toBe('reseau.chorus-story.json');
    expect(storyFileName('!!!')).toBe('story.chorus-story.json');
  });
});

describe('stepFrames', () => {
  const epochs = ['early', 'late', 'decision'];
  it("plays from the view's frame to a session, in the view's epoch or a named one", () => {
    expect(stepFrames(step({ view: aView({ position: 2 }) }), 10, epochs)).toEqual({ start: 2, end: 2, notes: [] });
    expect(stepFrames(step({ view: aView({ position: 2 }), playback: { toSession: 10, toEpoch: null, framesPerSecond: 4 } }), 10, epochs)).toEqual({ start: 2, end: 29, notes: [] });
    expect(stepFrames(step({ view: aView({ position: 27 }), playback: { toSession: 10, toEpoch: 'decision', framesPerSecond: 1 } }), 10, epochs)).toEqual({ start: 27, end: 29, notes: [] });
  });

  it('says what the dataset cannot take and plays what it can', () => {
    const frames = stepFrames(step({ view: aView({ position: 40 }), playback: { toSession: 12, toEpoch: 'feedback', framesPerSecond: 4 } }), 10, epochs);
    expect(frames.start).toBe(29);
    expect(frames.end).toBe(29);
    expect(frames.notes).toEqual([
      'playback to session 12, but the condition has 10; it plays to the last',
      'playback to epoch "feedback", which this dataset lacks (early, late, decision); it plays to the view\'s epoch',
    ]);
  });
});
