/**
 * Where a kiosk is in its day, as a pure function of the visitor's inputs and the clock: the attract loop
 * (no one there), a visit, or the "Still there?" countdown after the idle timeout, ending in a reset to
 * the attract loop. Times are in milliseconds of any monotonic clock (the soak runs it faster).
 */
export type KioskPhase = 'attract' | 'visitor' | 'countdown';

export interface KioskClockState {
  readonly phase: KioskPhase;
  /** When the visitor last touched, clicked or pressed a key (ms). */
  readonly lastInputAt: number;
}

export interface IdleSettings {
  readonly idleTimeoutSeconds: number;
  readonly countdownSeconds: number;
}

export const ATTRACT: KioskClockState = { phase: 'attract', lastInputAt: 0 };

/** Any input: the attract loop gives way to a visit, and a visit (or its countdown) starts its idle time again. */
export function onInput(_state: KioskClockState, now: number): KioskClockState {
  return { phase: 'visitor', lastInputAt: now };
}

export interface Tick {
  readonly state: KioskClockState;
  /** The visit ended now: everything the visitor changed goes back to the start. */
  readonly reset: boolean;
  /** Whole seconds left of the countdown (null outside it). */
  readonly secondsLeft: number | null;
}

/** The phase at `now`: a visit idle past the timeout counts down, and a countdown run out resets to the attract loop. */
export function onTick(state: KioskClockState, now: number, settings: IdleSettings): Tick {
  if (state.phase === 'attract') return { state, reset: false, secondsLeft: null };
  const idle = (now - state.lastInputAt) / 1000;
  const end = settings.idleTimeoutSeconds + settings.countdownSeconds;
  if (idle >= end) return { state: { phase: 'attract', lastInputAt: state.lastInputAt }, reset: true, secondsLeft: null };
  if (idle >= settings.idleTimeoutSeconds) return { state: { ...state, phase: 'countdown' }, reset: false, secondsLeft: Math.ceil(end - idle) };
  return { state: { ...state, phase: 'visitor' }, reset: false, secondsLeft: null };
}
