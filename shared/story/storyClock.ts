import type { CameraState } from '../view/viewSchema';
import type { Timeline } from '../network/timeline';
import { stepFrames, type Story, type StoryStep } from './storyFile';
import { cameraAt, eased, lerp } from './transition';

/**
 * Where a story step's motion is at a given time after the step starts: the transition (camera on its
 * arc, frame blended, eased), then the playback (frame by frame at the step's speed), then rest. One
 * pure function serves the live presentation (StoryPlayer, on the page's clock) and a video's frames
 * (storyVideoPlan, on a frame counter), so a video shows what the presentation does.
 */
export interface StepMotion {
  readonly fromCamera: CameraState;
  readonly toCamera: CameraState;
  /** The frame the transition leaves from (the step's own start when the condition changes: no way between). */
  readonly fromPosition: number;
  readonly start: number;
  readonly end: number;
  readonly transition: StoryStep['transition'];
  /** Frames per second of the playback (0: none). */
  readonly framesPerSecond: number;
  /** What the timeline could not take of the step's playback (stepFrames' notes). */
  readonly notes: readonly string[];
}

export interface MotionState {
  readonly camera: CameraState;
  readonly position: number;
  /** The transition is over: the camera is where the step puts it (a presenter may move it from there). */
  readonly arrived: boolean;
  /** Transition and playback are over. */
  readonly done: boolean;
}

/** Seconds of a step's transition and of its playback. */
export function motionSeconds(motion: StepMotion): { transition: number; playback: number } {
  const span = Math.abs(motion.end - motion.start);
  return { transition: motion.transition.seconds, playback: motion.framesPerSecond > 0 ? span / motion.framesPerSecond : 0 };
}

export function motionAt(motion: StepMotion, seconds: number): MotionState {
  const { transition, playback } = motionSeconds(motion);
  if (seconds < transition) {
    const s = eased(motion.transition.easing, seconds / transition);
    return { camera: cameraAt(motion.fromCamera, motion.toCamera, s), position: lerp(motion.fromPosition, motion.start, s), arrived: false, done: false };
  }
  const played = Math.min(seconds - transition, playback);
  const position = playback > 0 ? motion.start + Math.sign(motion.end - motion.start) * played * motion.framesPerSecond : motion.end;
  return { camera: motion.toCamera, position: played >= playback ? motion.end : position, arrived: true, done: played >= playback };
}

/** What a timeline offers a story: each condition's session count, and the epochs. */
export interface StoryTimelineShape {
  readonly sessionsOf: (condition: string) => number;
  readonly epochs: readonly string[];
}

/** What a timeline offers a story: a condition it lacks is shown as its first (as applying a view does). */
export function timelineShape(timeline: Pick<Timeline, 'conditions' | 'sessionsPerCondition' | 'epochs'>): StoryTimelineShape {
  return { sessionsOf: (condition) => timeline.sessionsPerCondition[Math.max(0, timeline.conditions.indexOf(condition))] ?? 0, epochs: timeline.epochs };
}

/** The motion of step k of a story when the step before it ended at `from` (camera, frame, condition). */
export function stepMotion(step: StoryStep, shape: StoryTimelineShape, from: { camera: CameraState; position: number; condition: string } | null): StepMotion {
  const frames = stepFrames(step, shape.sessionsOf(step.view.condition), shape.epochs);
  const sameCondition = from !== null && from.condition === step.view.condition;
  return {
    fromCamera: from?.camera ?? step.view.camera,
    toCamera: step.view.camera,
    fromPosition: sameCondition ? from.position : frames.start,
    start: frames.start,
    end: frames.end,
    transition: from === null ? { seconds: 0, easing: step.transition.easing } : step.transition,
    framesPerSecond: step.playback?.framesPerSecond ?? 0,
    notes: frames.notes,
  };
}

/** One frame of a story's video: which step, its caption, the camera and the timeline position. */
export interface VideoFrame {
  readonly step: number;
  readonly camera: CameraState;
  readonly position: number;
}

/**
 * A story as a video at `fps`: each step runs its transition and playback, then holds for its
 * auto-advance time (or `holdSeconds` when it waits for a key); the first step starts on its own view.
 * The frame count and every frame follow from the inputs alone (no clock), so the same story renders
 * the same frames every time.
 */
export function storyVideoPlan(story: Story, shape: StoryTimelineShape, fps: number, holdSeconds = 4): { readonly frames: number; frameAt(index: number): VideoFrame } {
  const steps: { motion: StepMotion; firstFrame: number; frames: number }[] = [];
  let from: { camera: CameraState; position: number; condition: string } | null = null;
  let total = 0;
  story.steps.forEach((step) => {
    const motion = stepMotion(step, shape, from);
    const { transition, playback } = motionSeconds(motion);
    const seconds = transition + playback + (step.advanceAfterSeconds ?? holdSeconds);
    const frames = Math.max(1, Math.round(seconds * fps));
    steps.push({ motion, firstFrame: total, frames });
    total += frames;
    from = { camera: motion.toCamera, position: motion.end, condition: step.view.condition };
  });
  return {
    frames: total,
    frameAt(index: number): VideoFrame {
      const frame = Math.max(0, Math.min(total - 1, Math.floor(index)));
      let k = steps.length - 1;
      while (k > 0 && steps[k]!.firstFrame > frame) k--;
      const { motion, firstFrame } = steps[k]!;
      const state = motionAt(motion, (frame - firstFrame) / fps);
      return { step: k, camera: state.camera, position: state.position };
    },
  };
}
