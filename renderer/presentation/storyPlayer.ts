import type { Timeline } from '../../shared/network/timeline';
import type { StoryStep } from '../../shared/story/storyFile';
import { motionAt, stepMotion, type StoryTimelineShape } from '../../shared/story/storyClock';
import { applyViewSettings } from '../state/viewFile';
import { sceneActions, sceneStore } from '../state/sceneStore';
import { viewStore } from '../state/viewStore';
import { sceneNow } from '../state/sceneClock';

/** What showing a step found: its view's notes (names the dataset lacks) or why it was refused. */
export interface StepShown {
  readonly applied: boolean;
  readonly notes: readonly string[];
}

/**
 * Moves the view to a story step on the page's clock: the step's settings at once (condition, filter,
 * colours, selection, view mode, theme), its layout by the scene's own blend, then camera and frame as
 * motionAt has them (the same motion a video of the story shows, storyClock.ts): the transition, the
 * playback, and, if the step says so, the next step after its time. One step moves at a time: showing
 * another stops the one before where it is, and the next transition starts from there.
 */
export class StoryPlayer {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `onAdvance`: the step's auto-advance time has passed; `onSettled`: its transition and playback are
   * over (the kiosk's attract loop then orbits); `timeScale`: story seconds per second of the page's
   * clock (1; the kiosk's soak runs faster, shared/kiosk/timeScale.ts).
   */
  constructor(
    private readonly onAdvance: () => void,
    private readonly onSettled: () => void = () => {},
    private readonly timeScale = 1,
  ) {}

  show(step: StoryStep, timeline: Timeline, animate: boolean): StepShown {
    this.stop();
    const view = viewStore.getState();
    const from = { camera: sceneStore.getState().camera, position: view.position, condition: timeline.conditions[view.conditionIndex] ?? '' };
    const fromLayout = sceneStore.getState().layout;
    const settings = applyViewSettings(step.view, timeline);
    if (!settings.applied) return settings;
    const { conditionIndex } = viewStore.getState();
    if (animate && fromLayout !== step.view.layout) sceneStore.setState({ layoutFrom: fromLayout, layoutSince: sceneNow() });
    // A condition the dataset lacks was shown as its first (applyViewSettings says so): its sessions count.
    const shape: StoryTimelineShape = { sessionsOf: () => timeline.sessionsPerCondition[conditionIndex]!, epochs: timeline.epochs };
    const motion = stepMotion({ ...step, view: { ...step.view, camera: settings.camera } }, shape, animate ? from : null);
    const began = performance.now();
    let arrived = false;
    const tick = (now: number) => {
      const state = motionAt(motion, ((now - began) * this.timeScale) / 1000);
      // The camera reaches its place once; a presenter may orbit it during the playback after that.
      if (!state.arrived || !arrived) sceneActions.moveCamera(state.camera, 'story');
      arrived = state.arrived;
      viewStore.setState({ position: state.position });
      if (!state.done) this.frame = requestAnimationFrame(tick);
      else this.finish(step);
    };
    tick(began);
    return { applied: true, notes: [...settings.notes, ...motion.notes] };
  }

  /** The step's motion is over; the next step starts by itself after the step's time, if it has one. */
  private finish(step: StoryStep): void {
    this.frame = 0;
    this.onSettled();
    if (step.advanceAfterSeconds !== null) this.timer = setTimeout(this.onAdvance, (step.advanceAfterSeconds * 1000) / this.timeScale);
  }

  stop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
