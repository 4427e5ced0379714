import type { Timeline } from '../../shared/network/timeline';
import { storyVideoPlan, timelineShape } from '../../shared/story/storyClock';
import { orbitVideoPlan } from '../../shared/story/orbitVideoPlan';
import type { Story } from '../../shared/story/storyFile';
import { reachableCamera, sceneStore } from '../state/sceneStore';
import type { VideoPlan } from './renderVideo';

/** A story as a video's frames, each step's camera brought within reach as presenting it does. */
export function storyPlan(story: Story, timeline: Timeline, fps: number): VideoPlan {
  const steps = story.steps.map((step) => ({ ...step, view: { ...step.view, camera: reachableCamera(step.view.camera).camera } }));
  const plan = storyVideoPlan({ ...story, steps }, timelineShape(timeline), fps);
  return { frames: plan.frames, frameAt: (index) => plan.frameAt(index), steps };
}

/** The view on screen as a video: frames `from` → `to` of its condition while the camera turns `orbitDegrees`. */
export function orbitPlan(range: { from: number; to: number; seconds: number; orbitDegrees: number }, fps: number): VideoPlan {
  const { position, target } = sceneStore.getState().camera;
  const plan = orbitVideoPlan({ ...range, camera: { position, target }, fps });
  return { frames: plan.frames, frameAt: (index) => plan.frameAt(index), steps: null };
}

/** Whether a story shows links by significance, which needs the statistics pass's results. */
export function needsSignificance(story: Story | null): boolean {
  return story?.steps.some((step) => step.view.filter.mode === 'significant') ?? sceneStore.getState().filter.mode === 'significant';
}
