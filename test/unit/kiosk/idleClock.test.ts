import { describe, expect, it } from 'vitest';
import { ATTRACT, onInput, onTick } from '../../../shared/kiosk/idleClock';

const settings = { idleTimeoutSeconds: 90, countdownSeconds: 10 };

describe('kiosk idle clock', () => {
  it('stays in the attract loop until someone touches, whatever the time', () => {
    expect(onTick(ATTRACT, 1e9, settings)).toEqual({ state: ATTRACT, reset: false, secondsLeft: null });
    expect(onInput(ATTRACT, 5_000)).toEqual({ phase: 'visitor', lastInputAt: 5_000 });
  });

  it('counts down after the idle timeout, then resets to the attract loop exactly once', () => {
    const visit = onInput(ATTRACT, 0);
    expect(onTick(visit, 89_999, settings)).toMatchObject({ state: { phase: 'visitor' }, reset: false });
    const counting = onTick(visit, 90_000, settings);
    expect(counting).toMatchObject({ state: { phase: 'countdown' }, reset: false, secondsLeft: 10 });
    expect(onTick(counting.state, 95_500, settings).secondsLeft).toBe(5);
    expect(onTick(counting.state, 99_999, settings).secondsLeft).toBe(1);
    const reset = onTick(counting.state, 100_000, settings);
    expect(reset).toMatchObject({ state: { phase: 'attract' }, reset: true, secondsLeft: null });
    expect(onTick(reset.state, 200_000, settings).reset).toBe(false);
  });

  it('a touch during the countdown keeps the visit going, with a whole idle time again', () => {
    const counting = onTick(onInput(ATTRACT, 0), 92_000, settings).state;
    const kept = onInput(counting, 93_000);
    expect(kept).toEqual({ phase: 'visitor', lastInputAt: 93_000 });
    expect(onTick(kept, 93_000 + 89_000, settings).state.phase).toBe('visitor');
  });

  it('without a countdown, resets as the idle time runs out', () => {
    const visit = onInput(ATTRACT, 0);
    expect(onTick(visit, 30_000, { idleTimeoutSeconds: 30, countdownSeconds: 0 })).toMatchObject({ reset: true, state: { phase: 'attract' } });
  });
});

describe('staff exit PIN pad', async () => {
  const { EMPTY_PAD, pressDigit } = await import('../../../shared/kiosk/staffExit');
  it('opens on the right PIN only, clearing after a wrong one', () => {
    let pad = EMPTY_PAD;
    for (const digit of '246') {
      const step = pressDigit(pad, digit, '2468');
      expect(step.open).toBe(false);
      pad = step.pad;
    }
    expect(pressDigit(pad, '8', '2468')).toEqual({ pad: EMPTY_PAD, open: true });
    const wrong = pressDigit(pad, '9', '2468');
    expect(wrong).toEqual({ pad: { typed: '', wrong: true }, open: false });
    expect(pressDigit(wrong.pad, '2', '2468').pad).toEqual({ typed: '2', wrong: false });
  });
});
