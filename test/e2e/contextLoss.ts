import type { Page } from 'playwright-core';

/**
 * Loses the scene's WebGL context (restored by the browser after `restoreAfterMs`, or never: null) and
 * returns the milliseconds, on the page's clock, until a canvas draws the network again.
 */
export function loseContext(page: Page, restoreAfterMs: number | null): Promise<number> {
  return page.evaluate(async (restoreAfter) => {
    const drawn = (canvas: HTMLCanvasElement) => {
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [canvas.width, canvas.height];
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      let count = 0;
      for (let k = 0; k < data.length; k += 4) if (Math.abs(data[k]! - data[0]!) + Math.abs(data[k + 1]! - data[1]!) + Math.abs(data[k + 2]! - data[2]!) > 30) count++;
      return count;
    };
    const canvas = document.querySelector('[data-scene] canvas') as HTMLCanvasElement;
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGL2RenderingContext;
    const extension = gl.getExtension('WEBGL_lose_context')!;
    const lostAt = performance.now();
    extension.loseContext();
    if (restoreAfter !== null) setTimeout(() => extension.restoreContext(), restoreAfter);
    // Wait out the loss itself: a lost context's canvas still holds its last picture for a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (;;) {
      const shown = document.querySelector('[data-scene] canvas') as HTMLCanvasElement | null;
      // The scene is always drawn again in a new canvas (useContextRecovery.ts), restored context or not.
      if (shown && shown !== canvas && drawn(shown) > 1000) return performance.now() - lostAt;
      if (performance.now() - lostAt > 20_000) return Infinity;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, restoreAfterMs);
}
