import { describe, expect, it } from 'vitest';
import { motionAt, stepMotion, storyVideoPlan, type StoryTimelineShape } from '../../../shared/story/storyClock';
import type { Story, StoryStep } from '../../../shared/story/storyFile';
import type { CameraState } from '../../../shared/view/viewSchema';
import { aView } from '../../helpers/viewFiles';

const shape: StoryTimelineShape = { sessionsOf: (condition) => (condition === 'task' ? 10 : 5), epochs: ['early', 'late', 'decision'] };
const near: CameraState = { position: [0, 0, 2], target: [0, 0, 0] };
const side: CameraState = { position: [2, 0, 0], target: [0, 0, 0] };
const step = (over: Partial<StoryStep> & { position?: number; camera?: CameraState; condition?: string } = {}): StoryStep => {
  const { position = 0, camera = near, condition = 'task', ...fields } = over;
  return { view: aView({ position, camera, condition }), caption: 'c', notes: '', transition: { seconds: 2, easing: 'linear' }, playback: null, advanceAfterSeconds: null, ...fields };
};

describe('motionAt', () => {
  const motion = stepMotion(step({ position: 2, camera: side, playback: { toSession: 3, toEpoch: null, framesPerSecond: 3 } }), shape, { camera: near, position: 0, condition: 'task' });

  it('runs the transition, then the playback, then rests', () => {
    expect(motionAt(motion, 0)).toEqual({ camera: near, position: 0, arrived: false, done: false });
    const half = motionAt(motion, 1);
    expect(half.position).toBeCloseTo(1, 12);
    expect(half.arrived).toBe(false);
    expect(Math.hypot(...half.camera.position)).toBeCloseTo(2, 12); // on the arc, not through the middle
    expect(motionAt(motion, 2)).toEqual({ camera: side, position: 2, arrived: true, done: false });
    // Frames 2 → 8 (session 3, the view's epoch) at 3 frames per second: 2 s of playback.
    expect(motionAt(motion, 3).position).toBeCloseTo(5, 12);
    expect(motionAt(motion, 4)).toEqual({ camera: side, position: 8, arrived: true, done: true });
    expect(motionAt(motion, 60)).toEqual({ camera: side, position: 8, arrived: true, done: true });
  });

  it('jumps the frame where the condition changes, and does not move at all for the first step', () => {
    const across = stepMotion(step({ position: 4, condition: 'passive' }), shape, { camera: near, position: 20, condition: 'task' });
    expect(motionAt(across, 0.5).position).toBe(4);
    const first = stepMotion(step({ position: 4, camera: side }), shape, null);
    expect(motionAt(first, 0)).toEqual({ camera: side, position: 4, arrived: true, done: true });
  });
});

describe('storyVideoPlan', () => {
  const story: Story = {
    chorusStory: 1,
    title: 't',
    dataset: { kind: 'demo', name: aView().dataset },
    steps: [
      step({ position: 0, camera: near }),
      step({ position: 2, camera: side, playback: { toSession: 3, toEpoch: null, framesPerSecond: 3 } }),
      step({ position: 8, camera: near, advanceAfterSeconds: 1 }),
    ],
  };

  it('has as many frames as the steps take at the frame rate, the same every time', () => {
    const plan = storyVideoPlan(story, shape, 10, 4);
    // Step 1: 4 s held (no transition: the video opens on it); step 2: 2 s transition + 2 s playback + 4 s; step 3: 2 s + 1 s.
    expect(plan.frames).toBe(40 + 80 + 30);
    const again = storyVideoPlan(story, shape, 10, 4);
    for (const k of [0, 39, 40, 63, 119, 120, 149]) expect(again.frameAt(k)).toEqual(plan.frameAt(k));
  });

  it('shows each step, its transition and its playback at the right frames', () => {
    const plan = storyVideoPlan(story, shape, 10, 4);
    expect(plan.frameAt(0)).toEqual({ step: 0, camera: near, position: 0 });
    expect(plan.frameAt(39).step).toBe(0);
    expect(plan.frameAt(40)).toEqual({ step: 1, camera: near, position: 0 });
    expect(plan.frameAt(60)).toEqual({ step: 1, camera: side, position: 2 });
    expect(plan.frameAt(70).position).toBeCloseTo(5, 12);
    expect(plan.frameAt(119)).toEqual({ step: 1, camera: side, position: 8 });
    expect(plan.frameAt(149)).toEqual({ step: 2, camera: near, position: 8 });
    expect(plan.frameAt(10_000)).toEqual(plan.frameAt(149));
  });
});
