import { useEffect, useRef, useState } from 'react';
import { ATTRACT, onInput, onTick, type IdleSettings, type KioskClockState, type KioskPhase } from '../../shared/kiosk/idleClock';

/**
 * The kiosk's phase on the page's clock (shared/kiosk/idleClock.ts): any touch, click, key or wheel on
 * the page is input; a tick four times a second moves a visit on to its countdown and its reset, where
 * `onReset` puts everything back for the next visitor. `timeScale` (shared/kiosk/timeScale.ts, 1 on an
 * exhibit) runs the clock faster for the soak, its tick as often as the scale asks (at least every 16 ms).
 */
export function useKioskClock(settings: IdleSettings, onReset: () => void, timeScale = 1): { phase: KioskPhase; secondsLeft: number | null } {
  const [view, setView] = useState<{ phase: KioskPhase; secondsLeft: number | null }>({ phase: 'attract', secondsLeft: null });
  const state = useRef<KioskClockState>(ATTRACT);
  const reset = useRef(onReset);
  reset.current = onReset;
  useEffect(() => {
    const now = () => performance.now() * timeScale;
    const input = () => {
      state.current = onInput(state.current, now());
      setView((shown) => (shown.phase === 'visitor' ? shown : { phase: 'visitor', secondsLeft: null }));
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    // Capture: a visitor's first touch counts before any control handles it.
    for (const name of events) window.addEventListener(name, input, { capture: true, passive: true });
    const timer = setInterval(() => {
      const tick = onTick(state.current, now(), settings);
      state.current = tick.state;
      if (tick.reset) reset.current();
      setView((shown) => (shown.phase === tick.state.phase && shown.secondsLeft === tick.secondsLeft ? shown : { phase: tick.state.phase, secondsLeft: tick.secondsLeft }));
    }, Math.max(16, 250 / timeScale));
    return () => {
      for (const name of events) window.removeEventListener(name, input, { capture: true });
      clearInterval(timer);
    };
  }, [settings, timeScale]);
  return view;
}
