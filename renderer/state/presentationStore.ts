import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Story } from '../../shared/story/storyFile';

export type BlankScreen = 'black' | 'white' | null;

/** What moves a running presentation, from its keys or from the presenter view. */
export const PRESENTATION_MOVES = ['next', 'previous', 'first', 'last', 'black', 'white', 'leave'] as const;
export type PresentationMove = (typeof PRESENTATION_MOVES)[number];

/**
 * A story being presented: which step is on screen, and whether the screen is blanked (B / W, as in
 * PowerPoint). The workspace's panels are hidden while `story` is set; the story player (StoryPlayer)
 * moves the view to each step, and the presenter view follows this store over a BroadcastChannel.
 */
export interface PresentationState {
  readonly story: Story | null;
  readonly step: number;
  readonly blank: BlankScreen;
  /** Date.now() when the presentation started: the presenter view's elapsed time (in its own window). */
  readonly startedAt: number;
  /** Bumped on every move, so re-entering the same step (F5 on step 1) replays its transition. */
  readonly moves: number;
}

export const presentationStore = createStore<PresentationState>(() => ({ story: null, step: 0, blank: null, startedAt: 0, moves: 0 }));

export function usePresentation<T>(selector: (state: PresentationState) => T): T {
  return useStore(presentationStore, selector);
}

const go = (step: number) =>
  presentationStore.setState((state) => {
    if (!state.story) return {};
    const clamped = Math.max(0, Math.min(state.story.steps.length - 1, step));
    // A blanked screen comes back first (any key does, as in PowerPoint); the step stays.
    if (state.blank !== null) return { blank: null };
    return clamped === state.step ? {} : { step: clamped, moves: state.moves + 1 };
  });

export const presentationActions = {
  present(story: Story, step = 0): void {
    presentationStore.setState((state) => ({
      story,
      step: Math.max(0, Math.min(story.steps.length - 1, step)),
      blank: null,
      startedAt: state.story ? state.startedAt : Date.now(),
      moves: state.moves + 1,
    }));
  },
  next(): void {
    go(presentationStore.getState().step + 1);
  },
  previous(): void {
    go(presentationStore.getState().step - 1);
  },
  first(): void {
    go(0);
  },
  last(): void {
    go(Number.MAX_SAFE_INTEGER);
  },
  /** B / W: blank the screen in that colour, or bring it back if it already is. */
  toggleBlank(blank: 'black' | 'white'): void {
    presentationStore.setState((state) => ({ blank: state.blank === blank ? null : blank }));
  },
  leave(): void {
    presentationStore.setState({ story: null, blank: null });
  },
  /** One move, whichever window's key or button asked for it. */
  run(move: PresentationMove): void {
    if (move === 'black' || move === 'white') presentationActions.toggleBlank(move);
    else presentationActions[move]();
  },
};
