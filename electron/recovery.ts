/**
 * When a window reloads its page after the page crashed or hung, for the kiosk (kioskWindow.ts) and the
 * workspace (window.ts) alike.
 */

/** What to do after the page crashed or hung: reload at once, or after a pause when it keeps failing. */
export interface RecoveryPlan {
  readonly reloadAfterMs: number;
  /** Failures in the last `windowMs`, this one included (for the log). */
  readonly recent: number;
}

export const RECOVERY_WINDOW_MS = 10 * 60_000;

/**
 * Reload a page after a crash or a hang (the kiosk's into its attract loop), at once for the first few
 * in ten minutes and then after a growing pause (up to a minute), so a page that fails at start does not
 * spin a core all night. `failures` are the times of earlier failures (ms), `now` this one's.
 */
export function recoveryPlan(failures: readonly number[], now: number): RecoveryPlan {
  const recent = failures.filter((t) => now - t < RECOVERY_WINDOW_MS && t <= now).length + 1;
  const reloadAfterMs = recent <= 3 ? 0 : Math.min(60_000, 2_000 * 2 ** (recent - 4));
  return { reloadAfterMs, recent };
}

/**
 * A page's failures, counted: each one is logged with its plan and the reload carried out (or skipped
 * when the window is gone meanwhile).
 */
export function pageRecovery(reload: () => void, log: (line: string) => void, schedule: (run: () => void, ms: number) => void = setTimeout) {
  const failures: number[] = [];
  return {
    failed(what: string, now = Date.now()): RecoveryPlan {
      const plan = recoveryPlan(failures, now);
      failures.push(now);
      while (failures.length > 50) failures.shift();
      log(`${what}; reloading in ${plan.reloadAfterMs} ms (${plan.recent} in the last 10 minutes)`);
      schedule(reload, plan.reloadAfterMs);
      return plan;
    },
    /** Failures so far (the last 50). */
    get count(): number {
      return failures.length;
    },
  };
}
