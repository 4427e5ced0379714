import type { Story, StoryStep } from './storyFile';

/**
 * The story editor's edits, as pure functions of a story: each returns a new story (the old one is
 * untouched, so the editor's undo and its "unsaved changes" are plain comparisons) and the index of
 * the step to select afterwards.
 */
export interface Edited {
  readonly story: Story;
  readonly selected: number;
}

const withSteps = (story: Story, steps: StoryStep[]): Story => ({ ...story, steps });

/** A new step after `after` (at the end when after is -1 or past it). */
export function insertStep(story: Story, step: StoryStep, after: number): Edited {
  const at = after < 0 || after >= story.steps.length ? story.steps.length : after + 1;
  return { story: withSteps(story, [...story.steps.slice(0, at), step, ...story.steps.slice(at)]), selected: at };
}

/** A copy of step k right after it. */
export function duplicateStep(story: Story, k: number): Edited {
  const step = story.steps[k];
  // Steps are JSON data (what the file holds): a JSON copy is a deep one.
  return step ? insertStep(story, JSON.parse(JSON.stringify(step)) as StoryStep, k) : { story, selected: k };
}

/** Step k removed; a story keeps at least one step (the last is not removed: `removed` false). */
export function removeStep(story: Story, k: number): Edited & { readonly removed: boolean } {
  if (story.steps.length <= 1 || !story.steps[k]) return { story, selected: Math.min(k, story.steps.length - 1), removed: false };
  const steps = story.steps.filter((_, j) => j !== k);
  return { story: withSteps(story, steps), selected: Math.min(k, steps.length - 1), removed: true };
}

/** Step `from` moved to index `to` (drag and drop, or Move up / down), clamped to the list. */
export function moveStep(story: Story, from: number, to: number): Edited {
  const step = story.steps[from];
  const target = Math.max(0, Math.min(story.steps.length - 1, to));
  if (!step || target === from) return { story, selected: from };
  const rest = story.steps.filter((_, j) => j !== from);
  return { story: withSteps(story, [...rest.slice(0, target), step, ...rest.slice(target)]), selected: target };
}

/** Step k with some of its fields replaced. */
export function updateStep(story: Story, k: number, fields: Partial<StoryStep>): Edited {
  if (!story.steps[k]) return { story, selected: k };
  return { story: withSteps(story, story.steps.map((step, j) => (j === k ? { ...step, ...fields } : step))), selected: k };
}
