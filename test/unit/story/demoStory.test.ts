import { describe, expect, it } from 'vitest';
import { demoStory } from '../../../shared/story/demoStory';
import { parseStoryFile, stepFrames, storyFileText } from '../../../shared/story/storyFile';
import { captionText } from '../../../shared/story/caption';
import { pointEstimateTimeline } from '../../../shared/network/pointTimeline';
import { demoDatasetName, simulateLearningDataset } from '../../../shared/simulate/learningDemo';

describe('the built-in demo story', async () => {
  // A smaller demo than the app's (same model, fewer neurons and days): the story is built from whatever timeline it is given.
  const { timeline } = await pointEstimateTimeline(simulateLearningDataset({ seed: 3, neurons: 30, sessions: 4, trialsPerSide: 40, zeroSignalTrials: 20 }), []);
  const story = demoStory(timeline);

  it('is a valid story of 8–12 steps over the demo, each with a caption', () => {
    expect(story.dataset).toEqual({ kind: 'demo', name: demoDatasetName(3) });
    expect(story.steps.length).toBeGreaterThanOrEqual(8);
    expect(story.steps.length).toBeLessThanOrEqual(12);
    expect(parseStoryFile(storyFileText(story))).toEqual(story);
    for (const step of story.steps) expect(captionText(step.caption).trim().length).toBeGreaterThan(20);
  });

  it("tells the study's result: early and late learning in the task, passive viewing, the decision epoch, relevant neurons, the comparison", () => {
    const task = timeline.conditions[timeline.comparison!.task]!;
    const passive = timeline.conditions[timeline.comparison!.passive]!;
    const epochs = timeline.epochs.length;
    const decision = timeline.epochs.findIndex((e) => /decision/.test(e));
    const views = story.steps.map((s) => s.view);
    expect(views.some((v) => v.condition === task && v.position === decision)).toBe(true); // day 1
    expect(views.some((v) => v.condition === task && v.position === (4 - 1) * epochs + decision)).toBe(true); // the last day
    expect(views.some((v) => v.condition === passive && v.viewMode === 'single')).toBe(true);
    expect(views.map((v) => v.viewMode)).toEqual(expect.arrayContaining(['split', 'difference']));
    expect(story.steps.filter((s) => s.playback !== null).length).toBeGreaterThanOrEqual(2);
    for (const step of story.steps) {
      const frames = stepFrames(step, timeline.sessionsPerCondition[0]!, timeline.epochs);
      expect(frames.notes).toEqual([]);
      if (step.playback) expect(frames.end).toBeGreaterThan(frames.start);
    }
  });

  it("points at the data's own strongest link and most relevant neuron", () => {
    const selections = story.steps.map((s) => s.view.selection).filter((s) => s !== null);
    const link = selections.find((s) => s.kind === 'link')!;
    const neuron = selections.find((s) => s.kind === 'neuron')!;
    expect(timeline.neuronIds).toEqual(expect.arrayContaining([link.a, link.b]));
    const relevance = Array.from(timeline.relevance);
    expect(timeline.neuronIds.indexOf(neuron.id)).toBe(relevance.indexOf(Math.max(...relevance.filter(Number.isFinite))));
  });
});
