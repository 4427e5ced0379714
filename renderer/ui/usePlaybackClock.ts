import { useEffect } from 'react';
import { viewActions, viewStore } from '../state/viewStore';
import { createPlaybackClock } from './playbackClock';

/** Advances playback by wall-clock time on animation frames while playing; idle otherwise (no work when paused). */
export function usePlaybackClock(): void {
  useEffect(() => {
    const clock = createPlaybackClock();
    let handle = 0;
    const tick = (now: number) => {
      viewActions.advance(clock.tick(now));
      handle = requestAnimationFrame(tick);
    };
    const start = () => {
      if (handle === 0) {
        clock.restart();
        handle = requestAnimationFrame(tick);
      }
    };
    const stop = () => {
      cancelAnimationFrame(handle);
      handle = 0;
    };
    // A hidden page gets no animation frames; on its return, play on from where it was.
    const onVisibility = () => clock.restart();
    document.addEventListener('visibilitychange', onVisibility);
    if (viewStore.getState().playing) start();
    const unsubscribe = viewStore.subscribe((state, previous) => {
      if (state.playing && !previous.playing) start();
      if (!state.playing && previous.playing) stop();
    });
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisibility);
      stop();
    };
  }, []);
}
