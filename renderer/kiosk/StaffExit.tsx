import { useEffect, useRef, useState } from 'react';
import { EMPTY_PAD, pressDigit, STAFF_PRESS_SECONDS } from '../../shared/kiosk/staffExit';

/**
 * The staff exit: a press held for three seconds in the top-left corner opens a PIN pad; the kiosk's
 * PIN leaves for the workspace (the same page without ?kiosk). Only where kiosk.json sets `exitPin`.
 * Staff-facing, so in English; visitors never see more than an empty corner.
 */
export function StaffExit({ pin }: { pin: string }) {
  const [open, setOpen] = useState(false);
  const [pad, setPad] = useState(EMPTY_PAD);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const release = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => release, []);
  const press = (digit: string) => {
    const step = pressDigit(pad, digit, pin);
    setPad(step.pad);
    if (step.open) window.location.search = '';
  };
  return (
    <>
      <div
        className="kiosk-staff-corner"
        aria-hidden="true"
        onPointerDown={() => {
          release();
          timer.current = setTimeout(() => setOpen(true), STAFF_PRESS_SECONDS * 1000);
        }}
        onPointerUp={release}
        onPointerLeave={release}
      />
      {open && (
        <div className="kiosk-pin" role="dialog" aria-label="Staff exit">
          <p>{pad.wrong ? 'Wrong PIN' : `PIN: ${'•'.repeat(pad.typed.length)}`}</p>
          <div className="kiosk-pin-digits">
            {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((digit) => (
              <button key={digit} type="button" onClick={() => press(digit)}>
                {digit}
              </button>
            ))}
            <button type="button" onClick={() => (setOpen(false), setPad(EMPTY_PAD))}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}
