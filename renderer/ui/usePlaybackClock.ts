import { useEffect } from 'react';
import { viewActions, viewStore } from '../state/viewStore';

/** Advances playback on animation frames while playing; idle otherwise (no work when paused). */
export function usePlaybackClock(): void {
  useEffect(() => {
    let handle = 0;
    let last: number | null = null;
    const tick = (now: number) => {
      if (last !== null) viewActions.advance(Math.min(0.25, (now - last) / 1000));
      last = now;
      handle = requestAnimationFrame(tick);
    };
    const start = () => {
      if (handle === 0) {
        last = null;
        handle = requestAnimationFrame(tick);
      }
    };
    const stop = () => {
      cancelAnimationFrame(handle);
      handle = 0;
    };
    if (viewStore.getState().playing) start();
    const unsubscribe = viewStore.subscribe((state, previous) => {
      if (state.playing && !previous.playing) start();
      if (!state.playing && previous.playing) stop();
    });
    return () => {
      unsubscribe();
      stop();
    };
  }, []);
}
