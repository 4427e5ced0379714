import type { Timeline } from '../../shared/network/timeline';
import { stepFrames, type StoryStep } from '../../shared/story/storyFile';
import { cameraAt, eased, lerp } from '../../shared/story/transition';
import { applyViewSettings } from '../state/viewFile';
import { sceneActions, sceneStore } from '../state/sceneStore';
import { viewStore } from '../state/viewStore';

/** What showing a step found: its view's notes (names the dataset lacks) or why it was refused. */
export interface StepShown {
  readonly applied: boolean;
  readonly notes: readonly string[];
}

/**
 * Moves the view to a story step: the step's settings at once (condition, filter, colours, selection,
 * view mode, theme), its layout by the scene's own blend, and camera and frame together over the step's
 * transition (the camera on an arc, see cameraAt); then the step's playback, frame by frame on the GPU
 * blend; then, if the step says so, the next step after its time. One step moves at a time: showing
 * another stops the one before where it is, and the next transition starts from there.
 */
export class StoryPlayer {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly onAdvance: () => void) {}

  show(step: StoryStep, timeline: Timeline, animate: boolean): StepShown {
    this.stop();
    const fromCamera = sceneStore.getState().camera;
    const fromLayout = sceneStore.getState().layout;
    const fromCondition = viewStore.getState().conditionIndex;
    const fromPosition = viewStore.getState().position;
    const motion = applyViewSettings(step.view, timeline);
    if (!motion.applied) return motion;
    const { conditionIndex } = viewStore.getState();
    if (animate && fromLayout !== step.view.layout) sceneStore.setState({ layoutFrom: fromLayout, layoutSince: performance.now() });
    const frames = stepFrames(step, timeline.sessionsPerCondition[conditionIndex]!, timeline.epochs);
    // Frames of another condition are not on the way: the frame changes at once there, the camera still flies.
    const startPosition = fromCondition === conditionIndex ? fromPosition : frames.start;
    const seconds = animate ? step.transition.seconds : 0;
    const began = performance.now();
    const playback = step.playback;
    // The camera reaches its place once; a presenter may orbit it during the playback after that.
    let arrived = false;
    const arrive = () => {
      if (!arrived) sceneActions.moveCamera(motion.camera, 'story');
      arrived = true;
    };

    const tick = (now: number) => {
      const elapsed = (now - began) / 1000;
      if (elapsed < seconds) {
        const s = eased(step.transition.easing, elapsed / seconds);
        sceneActions.moveCamera(cameraAt(fromCamera, motion.camera, s), 'story');
        viewStore.setState({ position: lerp(startPosition, frames.start, s) });
        this.frame = requestAnimationFrame(tick);
        return;
      }
      const played = playback ? (elapsed - seconds) * playback.framesPerSecond : 0;
      const span = Math.abs(frames.end - frames.start);
      if (played < span) {
        arrive();
        viewStore.setState({ position: frames.start + Math.sign(frames.end - frames.start) * played });
        this.frame = requestAnimationFrame(tick);
        return;
      }
      arrive();
      this.finish(step, frames.end);
    };
    if (seconds === 0 && !playback) {
      arrive();
      this.finish(step, frames.end);
    }
    else this.frame = requestAnimationFrame(tick);
    return { applied: true, notes: [...motion.notes, ...frames.notes] };
  }

  /** The step's last frame; the next step starts by itself after the step's time, if it has one. */
  private finish(step: StoryStep, position: number): void {
    this.frame = 0;
    viewStore.setState({ position });
    if (step.advanceAfterSeconds !== null) this.timer = setTimeout(this.onAdvance, step.advanceAfterSeconds * 1000);
  }

  stop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
