import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Timeline } from '../../shared/network/timeline';
import type { AppStatistics } from '../workers/protocol';

/**
 * View state only (what is shown, where playback is). Data comes from the worker as a Timeline.
 * `position` is a fractional frame index within the current condition: the scene blends between
 * floor(position) and the next frame, and reads it in useFrame — it never drives React renders.
 */
export interface Notice {
  readonly kind: 'error' | 'warning';
  readonly title: string;
  readonly lines: readonly string[];
  /** For "never fires" errors: reopen the same file leaving those neurons out. */
  readonly retryWithoutSilent?: () => void;
}

export interface AnalysisJob {
  readonly id: number;
  /** What the job does, as the progress line says it (default "Analysing"; saved results are "Opening"). */
  readonly action?: string;
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly step: string;
}

export interface ViewState {
  readonly timeline: Timeline | null;
  /** Increments with every loaded timeline, so the scene rebuilds its buffers. */
  readonly timelineVersion: number;
  /** Increments with every new dataset (not when its statistics refine the timeline): the view starts over. */
  readonly datasetVersion: number;
  readonly source: string | null;
  readonly conditionIndex: number;
  readonly position: number;
  readonly playing: boolean;
  /** Frames per second of playback. */
  readonly speed: number;
  /** Playback starts over at the end; otherwise it stops at the last frame. */
  readonly loop: boolean;
  readonly job: AnalysisJob | null;
  /** About the data: set (and cleared) as each dataset loads or fails. */
  readonly notice: Notice | null;
  /**
   * About a view (a #view= link, a view file): apart from `notice`, so a dataset loading — which sets or
   * clears its own notice right after it is shown — never hides what is wrong with the view.
   */
  readonly viewNotice: Notice | null;
  /** The statistics pass (intervals, summary) of the current timeline, when done. */
  readonly statistics: AppStatistics | null;
  readonly statisticsProgress: { readonly done: number; readonly total: number } | null;
}

export const viewStore = createStore<ViewState>(() => ({
  timeline: null,
  timelineVersion: 0,
  datasetVersion: 0,
  source: null,
  conditionIndex: 0,
  position: 0,
  playing: false,
  speed: 1.2,
  loop: true,
  job: null,
  notice: null,
  viewNotice: null,
  statistics: null,
  statisticsProgress: null,
}));

export function useView<T>(selector: (state: ViewState) => T): T {
  return useStore(viewStore, selector);
}

/** Frames in the current condition (sessions × epochs). */
export function framesInCondition(state: ViewState): number {
  const t = state.timeline;
  return t ? t.sessionsPerCondition[state.conditionIndex]! * t.epochs.length : 0;
}

export function currentFrame(state: ViewState): { sessionOrdinal: number; epochIndex: number } {
  const epochs = state.timeline?.epochs.length ?? 1;
  const frame = Math.round(state.position);
  return { sessionOrdinal: Math.floor(frame / epochs), epochIndex: frame % epochs };
}

export const viewActions = {
  showTimeline(timeline: Timeline, source: string): void {
    viewStore.setState((state) => ({
      timeline,
      timelineVersion: state.timelineVersion + 1,
      datasetVersion: state.datasetVersion + 1,
      source,
      conditionIndex: timeline.comparison?.task ?? 0,
      position: 0,
      playing: false,
      statistics: null,
      statisticsProgress: null,
    }));
  },
  setCondition(conditionIndex: number): void {
    viewStore.setState((state) => {
      const t = state.timeline;
      if (!t) return {};
      const last = t.sessionsPerCondition[conditionIndex]! * t.epochs.length - 1;
      return { conditionIndex, position: Math.min(Math.round(state.position), last) };
    });
  },
  setSession(sessionOrdinal: number): void {
    viewStore.setState((state) => ({
      position: sessionOrdinal * (state.timeline?.epochs.length ?? 1) + currentFrame(state).epochIndex,
    }));
  },
  setEpoch(epochIndex: number): void {
    viewStore.setState((state) => ({
      position: currentFrame(state).sessionOrdinal * (state.timeline?.epochs.length ?? 1) + epochIndex,
    }));
  },
  step(delta: number): void {
    viewStore.setState((state) => {
      const count = framesInCondition(state);
      if (count === 0) return {};
      return { playing: false, position: (((Math.round(state.position) + delta) % count) + count) % count };
    });
  },
  togglePlay(): void {
    // One frame has nothing to play (advance would stop at once); Space does nothing there either.
    viewStore.setState((state) => ({ playing: framesInCondition(state) >= 2 && !state.playing }));
  },
  /** Advances playback by dt seconds, looping over the condition's frames (a long tick may wrap more than once). */
  advance(seconds: number): void {
    viewStore.setState((state) => {
      const count = framesInCondition(state);
      if (!state.playing || count < 2 || !(seconds > 0)) return {};
      const next = state.position + seconds * state.speed;
      if (next < count - 1) return { position: next };
      return state.loop ? { position: next % (count - 1) } : { position: count - 1, playing: false };
    });
  },
  setSpeed(speed: number): void {
    viewStore.setState({ speed });
  },
  setLoop(loop: boolean): void {
    viewStore.setState({ loop });
  },
  setJob(job: AnalysisJob | null): void {
    viewStore.setState({ job });
  },
  setNotice(notice: Notice | null): void {
    viewStore.setState({ notice });
  },
  setViewNotice(viewNotice: Notice | null): void {
    viewStore.setState({ viewNotice });
  },
  setStatistics(statistics: AppStatistics | null, statisticsProgress: ViewState['statisticsProgress'] = null): void {
    viewStore.setState({ statistics, statisticsProgress });
  },
  /**
   * The statistics pass's timeline of the dataset on screen: the same frames with significance (and every
   * significant pair as an edge). Playback, condition and position stay; the scene rebuilds its buffers.
   */
  showStatistics(statistics: AppStatistics, timeline: Timeline): void {
    viewStore.setState((state) => {
      const same = state.timeline !== null && state.timeline.frames.length === timeline.frames.length && state.timeline.neuronIds.length === timeline.neuronIds.length;
      return same ? { statistics, statisticsProgress: null, timeline, timelineVersion: state.timelineVersion + 1 } : { statistics, statisticsProgress: null };
    });
  },
  /** Jumps to a session (by order) of a condition, keeping the epoch. */
  showSession(conditionIndex: number, sessionOrdinal: number): void {
    viewStore.setState((state) => ({
      conditionIndex,
      playing: false,
      position: sessionOrdinal * (state.timeline?.epochs.length ?? 1) + currentFrame(state).epochIndex,
    }));
  },
};
