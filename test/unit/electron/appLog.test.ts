import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logRotation, rotatingLog } from '../../../electron/appLog';

let folder = '';
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('the rotating log', () => {
  it('plans the moves: current → .1 → .2 …, the oldest dropped', () => {
    expect(logRotation('chorus.log', 3)).toEqual([
      { from: 'chorus.log.3', to: null },
      { from: 'chorus.log.2', to: 'chorus.log.3' },
      { from: 'chorus.log.1', to: 'chorus.log.2' },
      { from: 'chorus.log', to: 'chorus.log.1' },
    ]);
  });

  it('writes time-stamped lines, rotates past the size and keeps only `keep` old files', () => {
    folder = mkdtempSync(join(tmpdir(), 'chorus-log-'));
    const file = join(folder, 'logs', 'chorus.log');
    const log = rotatingLog(file, 200, 2, () => new Date(Date.UTC(2026, 11, 2)));
    for (let i = 0; i < 40; i++) log(`line ${i} ${'x'.repeat(20)}`);
    expect(readdirSync(join(folder, 'logs')).sort()).toEqual(['chorus.log', 'chorus.log.1', 'chorus.log.2']);
    const current = readFileSync(file, 'utf8');
    expect(current).toMatch(/^2026-12-02T00:00:00\.000Z line \d+ x+\n/);
    expect(current).toContain('line 39 ');
    expect(readFileSync(`${file}.2`, 'utf8')).not.toContain('line 0 ');
  });

  it('a log it cannot write is skipped without throwing', () => {
    folder = mkdtempSync(join(tmpdir(), 'chorus-log-'));
    const log = rotatingLog(join(folder, '\0bad', 'x.log'));
    expect(() => log('nothing')).not.toThrow();
    expect(existsSync(join(folder, 'x.log'))).toBe(false);
  });
});
