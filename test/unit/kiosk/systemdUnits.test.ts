import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KIOSK_JS_FLAGS } from '../../../shared/kiosk/kioskEngineFlags';

/** The systemd user units of build/kiosk/ (the README's "Running a kiosk"): the two agree with each other and with `npm start`. */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** A unit file's keys per section (the last value of a key given twice). */
function unit(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let section = '';
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(trimmed);
    if (header) sections[(section = header[1]!)] = {};
    else {
      const at = trimmed.indexOf('=');
      expect(at, `"${trimmed}" is not key=value`).toBeGreaterThan(0);
      sections[section]![trimmed.slice(0, at)] = trimmed.slice(at + 1);
    }
  }
  return sections;
}

describe('kiosk systemd units', () => {
  const server = unit(read('build/kiosk/chorus-kiosk.service'));
  const browser = unit(read('build/kiosk/chorus-kiosk-browser.service'));

  it('run the browser with the kiosk’s V8 flags, as the README’s command does', () => {
    expect(browser.Service!.ExecStart).toContain(` --js-flags=${KIOSK_JS_FLAGS} `);
    expect(read('README.md')).toContain(`chromium --kiosk --js-flags=${KIOSK_JS_FLAGS} `);
  });

  it('restart what exits, and the browser starts after the server it needs', () => {
    for (const u of [server, browser]) {
      expect(u.Service!.Restart).toBe('always');
      expect(Number(u.Service!.RestartSec)).toBeGreaterThan(0);
      expect(u.Install!.WantedBy).toBeTruthy();
    }
    expect(browser.Unit!.Requires).toBe('chorus-kiosk.service');
    expect(browser.Unit!.After).toContain('chorus-kiosk.service');
  });

  it('serve the kiosk with its configuration on the port the browser opens, with the kiosk flags npm start prints', () => {
    const serve = server.Service!.ExecStart!.split(/\s+/);
    expect(serve.slice(0, 5)).toEqual(['/usr/bin/npm', 'start', '--', '--kiosk', '--kiosk-config']);
    const port = serve[serve.indexOf('--port') + 1];
    const open = browser.Service!.ExecStart!.split(/\s+/);
    expect(open.at(-1)).toBe(`http://127.0.0.1:${port}/?kiosk`);
    expect(browser.Service!.ExecStartPre).toContain(`http://127.0.0.1:${port}/`);
    const printed = /chromium (--[^']*)'/.exec(read('scripts/start.mjs'))![1]!.trim().split(/\s+/);
    for (const flag of printed) expect(open, flag).toContain(flag);
  });

  it('are the ones the README shows', () => {
    const readme = read('README.md');
    for (const path of ['build/kiosk/chorus-kiosk.service', 'build/kiosk/chorus-kiosk-browser.service']) expect(readme).toContain(path);
    expect(readme).toContain(browser.Service!.ExecStart!);
  });
});
