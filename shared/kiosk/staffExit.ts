/**
 * The staff exit's PIN pad, as a pure state: digits typed so far and whether the last try was wrong.
 * A long press in the top-left corner opens it (renderer/kiosk/StaffExit.tsx); the right PIN leaves the
 * kiosk for the workspace, a wrong one clears the pad, and the pad closes by itself with the visit.
 */
export interface PinPad {
  readonly typed: string;
  readonly wrong: boolean;
}

export const EMPTY_PAD: PinPad = { typed: '', wrong: false };

/** A digit pressed: the pad says whether that completes the PIN (`open`), was wrong (cleared), or waits for more. */
export function pressDigit(pad: PinPad, digit: string, pin: string): { pad: PinPad; open: boolean } {
  const typed = `${pad.typed}${digit}`.slice(0, pin.length);
  if (typed.length < pin.length) return { pad: { typed, wrong: false }, open: false };
  return typed === pin ? { pad: EMPTY_PAD, open: true } : { pad: { typed: '', wrong: true }, open: false };
}

/** Seconds a press in the corner must last to open the pad (a visitor's tap never does). */
export const STAFF_PRESS_SECONDS = 3;
