import { describe, expect, it } from 'vitest';
import { pageRecovery, recoveryPlan, RECOVERY_WINDOW_MS } from '../../../electron/recovery';

describe('page recovery after a crash or a hang', () => {
  it('reloads at once after a crash or hang, then waits longer when failures repeat, up to a minute', () => {
    const now = 50 * RECOVERY_WINDOW_MS;
    expect(recoveryPlan([], now)).toEqual({ reloadAfterMs: 0, recent: 1 });
    expect(recoveryPlan([now - 1000, now - 500], now)).toEqual({ reloadAfterMs: 0, recent: 3 });
    expect(recoveryPlan([now - 3000, now - 2000, now - 1000], now)).toEqual({ reloadAfterMs: 2000, recent: 4 });
    expect(recoveryPlan(Array.from({ length: 20 }, (_, k) => now - k * 1000 - 1), now).reloadAfterMs).toBe(60_000);
    // Failures long ago do not count.
    expect(recoveryPlan([now - RECOVERY_WINDOW_MS - 1, now - 2 * RECOVERY_WINDOW_MS], now)).toEqual({ reloadAfterMs: 0, recent: 1 });
  });

  it('counts each failure, logs it with its plan and reloads when the plan says', () => {
    const logged: string[] = [];
    const scheduled: number[] = [];
    let reloads = 0;
    const recovery = pageRecovery(
      () => reloads++,
      (line) => logged.push(line),
      (run, ms) => (scheduled.push(ms), run()),
    );
    const t0 = 10 * RECOVERY_WINDOW_MS;
    for (let k = 0; k < 5; k++) recovery.failed(`crash ${k}`, t0 + k * 1000);
    expect(recovery.count).toBe(5);
    expect(reloads).toBe(5);
    expect(scheduled).toEqual([0, 0, 0, 2000, 4000]);
    expect(logged[3]).toBe('crash 3; reloading in 2000 ms (4 in the last 10 minutes)');
  });
});
