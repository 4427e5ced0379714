import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { countPixels, startApp, type RunningApp } from './harness';

/**
 * Issue 13 (first part): the museum kiosk at /?kiosk, with touch emulated — the attract loop, a tap into
 * a visit, the learning slider and the watching / doing toggle changing the network, a tapped neuron's
 * partners, the language buttons, and the idle reset back to the attract loop as it started.
 */
const config = join(mkdtempSync(join(tmpdir(), 'chorus-kiosk-')), 'kiosk.json');
writeFileSync(config, JSON.stringify({ chorusKiosk: 1, idleTimeoutSeconds: 30, countdownSeconds: 3, attractStepSeconds: 5, languages: ['en', 'es'], exitPin: '2468' }));

let app: RunningApp;
let page: Page;
const errors: string[] = [];
beforeAll(async () => {
  app = await startApp({ kioskConfig: config });
  page = await app.browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  page.on('pageerror', (error) => errors.push(error.message));
  // Headless Chromium refuses screen wake locks: a stand-in records what the kiosk asks for.
  await page.addInitScript(() => {
    const asked: string[] = [];
    (window as unknown as { __wakeLocks: string[] }).__wakeLocks = asked;
    Object.defineProperty(navigator, 'wakeLock', { value: { request: async (type: string) => (asked.push(type), { release: async () => {} }) } });
  });
  await page.goto(`${app.url}?kiosk`);
  await page.getByRole('region', { name: 'Story' }).waitFor({ timeout: 90_000 });
});
afterAll(async () => app?.close());

const status = () => page.getByRole('status', { name: 'Current frame' }).innerText();
const story = () => page.getByRole('region', { name: 'Story' }).innerText();
/** The network's pixels once the scene has drawn what the stores hold (two frames). */
async function pixels() {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return countPixels(page);
}

describe('kiosk', () => {
  let firstCaption = '';
  let firstStatus = '';

  it('plays the story on a loop with its captions and a call to touch, and no workspace controls', async () => {
    firstCaption = await story();
    firstStatus = await status();
    expect(firstCaption).toMatch(/neurons/);
    expect(await page.getByText('Touch to explore').isVisible()).toBe(true);
    await expect.poll(story, { timeout: 30_000 }).not.toBe(firstCaption);
    // The camera never rests in the attract loop: transitions, then a slow orbit while a step holds.
    const camera = () => page.locator('[data-scene]').getAttribute('data-camera');
    const seen = await camera();
    await expect.poll(camera, { timeout: 5_000 }).not.toBe(seen);
    for (const name of ['Open dataset…', 'Export video…', 'Present', 'Story editor']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    expect(await page.getByRole('slider').count()).toBe(0);
  });

  it('a tap starts a visit: the slider and the toggle change the network', async () => {
    await page.touchscreen.tap(640, 120);
    const slider = page.getByRole('slider', { name: 'Learning' });
    await slider.waitFor();
    await expect.poll(status).toBe('Day 1 of 10 · Doing the task');
    const before = await pixels();
    await slider.fill('10');
    await expect.poll(status).toBe('Day 10 of 10 · Doing the task');
    const after = await pixels();
    // Learning thickens the links: more link pixels on day 10.
    expect(after.link).toBeGreaterThan(before.link * 1.2);
    await page.getByRole('button', { name: 'Watching' }).tap();
    await expect.poll(status).toBe('Day 10 of 10 · Watching');
    expect((await pixels()).link).toBeLessThan(after.link / 1.2);
    expect(await page.getByRole('button', { name: 'Watching' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Doing the task' }).tap();
  });

  it('every visitor control is a touch target of 64 px or more, and the page is locked down', async () => {
    const controls = page.locator('.kiosk').getByRole('button').or(page.getByRole('slider'));
    expect(await controls.count()).toBeGreaterThanOrEqual(5);
    for (const control of await controls.all()) {
      const box = (await control.boundingBox())!;
      const name = (await control.getAttribute('aria-label')) ?? (await control.innerText());
      expect(Math.min(box.width, box.height), name).toBeGreaterThanOrEqual(64);
    }
    const locked = await page.evaluate(() => {
      const canvas = document.querySelector('[data-scene] canvas')!;
      const cancelled = (target: EventTarget, event: Event) => !target.dispatchEvent(event);
      const key = (init: KeyboardEventInit) => cancelled(window, new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      const style = getComputedStyle(document.querySelector('.kiosk')!);
      return {
        contextMenu: cancelled(canvas, new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
        ctrlWheel: cancelled(canvas, new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 })),
        zoomKeys: [key({ key: '+', ctrlKey: true }), key({ key: '-', ctrlKey: true }), key({ key: '0', ctrlKey: true })],
        historyKeys: [key({ key: 'ArrowLeft', altKey: true }), key({ key: 'BrowserBack' })],
        plainKey: key({ key: 'a' }),
        userSelect: style.userSelect,
        touchAction: style.touchAction,
        links: document.querySelectorAll('a[href], area[href]').length,
      };
    });
    expect(await page.evaluate(() => (window as unknown as { __wakeLocks: string[] }).__wakeLocks)).toContain('screen');
    expect(locked).toEqual({ contextMenu: true, ctrlWheel: true, zoomKeys: [true, true, true], historyKeys: [true, true], plainKey: false, userSelect: 'none', touchAction: 'none', links: 0 });
  });

  it('a tap on a neuron names it and its partners in one sentence', async () => {
    // The scene names its largest neurons beside them; a name sits 8 px right of and above its node.
    const label = page.locator('.node-labels span:not([hidden])').first();
    const box = (await label.boundingBox())!;
    const name = (await label.innerText()).trim();
    await page.touchscreen.tap(box.x - 8, box.y + 8);
    await expect.poll(() => page.getByRole('region', { name: 'What you see' }).innerText(), { timeout: 10_000 }).toMatch(new RegExp(`Neuron ${name} shares (information with \\d+ other neuron|little information)`));
  });

  it('one finger turns the network and two fingers pinch it closer (touch, as pointer events)', async () => {
    const box = (await page.locator('[data-scene] canvas').boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height * 0.6];
    const cdp = await page.context().newCDPSession(page);
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([px, py], id) => ({ x: px, y: py, id })) });
    const gesture = async (from: [number, number][], to: [number, number][]) => {
      await touch('touchStart', from);
      for (let k = 1; k <= 10; k++) await touch('touchMove', from.map(([fx, fy], i) => [fx + ((to[i]![0] - fx) * k) / 10, fy + ((to[i]![1] - fy) * k) / 10]));
      await touch('touchEnd', []);
      await page.waitForTimeout(600); // the orbit's damping settles
    };
    const seen = () => page.locator('[data-scene]').getAttribute('data-camera').then((text) => JSON.parse(text!) as { position: number[]; target: number[] });
    const distance = ({ position, target }: { position: number[]; target: number[] }) => Math.hypot(...position.map((v, k) => v - target[k]!));
    const start = await seen();
    await gesture([[x, y]], [[x + 180, y]]);
    const turned = await seen();
    expect(turned.position).not.toEqual(start.position);
    expect(distance(turned)).toBeCloseTo(distance(start), 2);
    await gesture([[x - 40, y], [x + 40, y]], [[x - 200, y], [x + 200, y]]);
    expect(distance(await seen())).toBeLessThan(distance(turned) * 0.9);
    await cdp.detach();
  });

  it('the language buttons switch every visitor-facing text', async () => {
    await page.getByRole('button', { name: 'Español' }).tap();
    await expect.poll(status).toBe('Día 10 de 10 · Haciendo la tarea');
    expect(await page.getByRole('slider', { name: 'Aprendizaje' }).count()).toBe(1);
    for (const name of ['Mirando', 'Haciendo la tarea']) expect(await page.getByRole('button', { name }).count(), name).toBe(1);
    expect(await page.getByRole('region', { name: 'What you see' }).innerText()).toMatch(/El mono está haciendo la tarea/);
    expect(await page.getByRole('group', { name: 'Idiomas' }).count()).toBe(1);
    expect(await page.getByText(/Learning|Watching|Doing the task|Neuron /).count()).toBe(0);
  });

  it('after the idle timeout and its countdown, the attract loop returns as it started', { timeout: 90_000 }, async () => {
    const countdown = page.getByRole('alert');
    await countdown.waitFor({ timeout: 45_000 });
    expect(await countdown.innerText()).toMatch(/¿Sigues ahí\?[\s\S]*Volvemos a empezar en \d s/);
    await page.getByRole('region', { name: 'Story' }).waitFor({ timeout: 10_000 });
    expect(await story()).toBe(firstCaption);
    expect(await status()).toBe(firstStatus);
    expect(await page.getByRole('slider').count()).toBe(0);
    expect(await page.locator('.kiosk').getAttribute('lang')).toBe('en');
    expect(await page.evaluate(() => document.querySelectorAll('.node-labels span.selected:not([hidden])').length)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a long press in the corner opens the staff exit; the PIN leaves for the workspace, a wrong one does not', { timeout: 60_000 }, async () => {
    await page.mouse.move(20, 20);
    await page.mouse.down();
    await page.waitForTimeout(3300);
    await page.mouse.up();
    const pad = page.getByRole('dialog', { name: 'Staff exit' });
    await pad.waitFor();
    for (const digit of '2469') await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.getByText('Wrong PIN').waitFor();
    for (const digit of '2468') await pad.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Open dataset…' }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).search).toBe('');
  });
});
