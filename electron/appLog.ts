import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Which log files to keep when the current one reaches `maxBytes`: it becomes .1, .1 becomes .2, …; the oldest beyond `keep` goes. */
export function logRotation(name: string, keep: number): { from: string; to: string | null }[] {
  const moves: { from: string; to: string | null }[] = [{ from: `${name}.${keep}`, to: null }];
  for (let k = keep - 1; k >= 1; k--) moves.push({ from: `${name}.${k}`, to: `${name}.${k + 1}` });
  moves.push({ from: name, to: `${name}.1` });
  return moves;
}

export const LOG_MAX_BYTES = 1 << 20;
export const LOG_KEEP = 5;

/**
 * A log file that rotates at `maxBytes` (name.1 … name.keep kept): the app's (chorus.log: main's and the
 * page's errors, crash reloads, settings set aside) and the kiosk's (kiosk.log). One line a call, time first.
 */
export function rotatingLog(file: string, maxBytes = LOG_MAX_BYTES, keep = LOG_KEEP, now: () => Date = () => new Date()): (line: string) => void {
  return (line: string) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      if (existsSync(file) && statSync(file).size > maxBytes) {
        for (const { from, to } of logRotation(file, keep)) {
          if (!existsSync(from)) continue;
          if (to === null) rmSync(from);
          else renameSync(from, to);
        }
      }
      appendFileSync(file, `${now().toISOString()} ${line}\n`);
    } catch {
      // A full or read-only disk must not take the app down with it.
    }
  };
}
