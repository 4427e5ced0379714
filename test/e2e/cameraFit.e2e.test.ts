import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, startApp, type RunningApp } from './harness';

/**
 * Issue 11, item 11: the camera fits the layout — in a portrait window (540 × 1500: its scene is taller than wide) the
 * whole network is on screen; the tuning ring is seen from across its plane; "Fit view" brings a
 * zoomed-in camera back. Measured on the canvas's pixels: where the network is drawn.
 */
let app: RunningApp;
let page: Page;
beforeAll(async () => {
  app = await startApp();
  ({ page } = await openApp(app, { width: 540, height: 1500 }));
});
afterAll(async () => app?.close());

/** The drawn pixels' bounding box in the main canvas, as fractions of its size (null: nothing drawn). */
async function drawnBox(): Promise<{ left: number; right: number; top: number; bottom: number } | null> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-scene="main"] canvas') as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height);
    const [br, bg, bb] = [data[0]!, data[1]!, data[2]!];
    let [left, right, top, bottom] = [width, -1, height, -1];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const k = 4 * (y * width + x);
        if (Math.abs(data[k]! - br) + Math.abs(data[k + 1]! - bg) + Math.abs(data[k + 2]! - bb) <= 30) continue;
        [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
      }
    }
    return right < 0 ? null : { left: left / width, right: (right + 1) / width, top: top / height, bottom: (bottom + 1) / height };
  });
}

/** The camera at rest: two readings of data-camera a few frames apart agree. */
async function cameraAtRest(): Promise<void> {
  const camera = () => page.locator('[data-scene="main"]').getAttribute('data-camera');
  await expect
    .poll(async () => {
      const before = await camera();
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      return before === (await camera()) ? 'at rest' : 'moving';
    }, { timeout: 30_000 })
    .toBe('at rest');
}

describe('the camera fits the layout', () => {
  it('a portrait window shows the whole network: nothing drawn at its left or right edge', async () => {
    await cameraAtRest();
    const box = (await drawnBox())!;
    expect(box.left).toBeGreaterThan(0.01);
    expect(box.right).toBeLessThan(0.99);
    // And uses the width: the network spans most of it.
    expect(box.right - box.left).toBeGreaterThan(0.5);
  });

  it('the tuning ring is seen from across its plane: its drawn height is more than half its width', async () => {
    await page.getByLabel('Layout').selectOption('tuning');
    await expect.poll(() => page.locator('[data-scene="main"]').getAttribute('data-layout'), { timeout: 30_000 }).toBe('tuning');
    await cameraAtRest();
    const box = (await drawnBox())!;
    const size = (await page.locator('[data-scene="main"]').boundingBox())!;
    const [width, height] = [(box.right - box.left) * size.width, (box.bottom - box.top) * size.height];
    expect(height / width).toBeGreaterThan(0.5);
    expect(box.left).toBeGreaterThan(0.01);
    expect(box.right).toBeLessThan(0.99);
  });

  it('"Fit view" brings a camera zoomed into the network back to the whole of it', async () => {
    // Wheel events on the canvas itself: in a narrow window the panels cover most of the scene.
    await page.evaluate(() => {
      const canvas = document.querySelector('[data-scene="main"] canvas')!;
      const { left, top, width, height } = canvas.getBoundingClientRect();
      for (let k = 0; k < 8; k++) canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, clientX: left + width / 2, clientY: top + height / 2, bubbles: true, cancelable: true }));
    });
    await cameraAtRest();
    const zoomed = (await drawnBox())!;
    expect(zoomed.left < 0.01 || zoomed.right > 0.99).toBe(true);
    await page.getByRole('button', { name: 'Fit view' }).click();
    await cameraAtRest();
    const fitted = (await drawnBox())!;
    expect(fitted.left).toBeGreaterThan(0.01);
    expect(fitted.right).toBeLessThan(0.99);
  });
});
