/**
 * The kiosk's test-only speed factor: `/?kiosk&timeScale=N` runs the kiosk's own clock N times faster —
 * the attract loop's steps, holds and orbit, the idle timeout and its countdown — so the soak (`npm run
 * soak -- --kiosk`) goes through a thousand attract cycles, visits and idle resets in minutes. The frames
 * still take their real time to draw. An exhibit never sets it; anything but a number from 1 to
 * MAX_TIME_SCALE is read as 1.
 */
export const MAX_TIME_SCALE = 1000;

export function kioskTimeScale(search: string): number {
  const given = /[?&]timeScale=([^&#]*)/.exec(search)?.[1];
  const scale = given === undefined || given.trim() === '' ? NaN : Number(given);
  return Number.isFinite(scale) && scale >= 1 && scale <= MAX_TIME_SCALE ? scale : 1;
}
