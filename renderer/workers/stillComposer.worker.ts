/// <reference lib="webworker" />
/**
 * Composes and encodes a still off the page's thread: the page renders the scenes in tiles and sends each
 * tile's pixels here as it is read; this worker holds the still's one canvas (a 4× still is ~13
 * megapixels), draws the overlay and encodes the PNG. On the page, the whole-canvas steps (a 13-MP
 * canvas's snapshot, its encoding) were tasks of 0.4–1 s that froze the window.
 */
import { drawStillOverlay, type StillOverlay } from '../scene/stillOverlay';
import type { StillComposerReply, StillComposerRequest } from './stillProtocol';

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

const reply = (message: StillComposerReply) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<StillComposerRequest>) => {
  const message = event.data;
  try {
    if (message?.kind === 'start' && valid(message.width) && valid(message.height)) {
      canvas = new OffscreenCanvas(message.width, message.height);
      context = canvas.getContext('2d');
      if (!context) throw new Error('no 2D canvas in this worker');
    } else if (message?.kind === 'tile' && context && valid(message.width) && valid(message.height)) {
      const { x, y, width, height, pixels } = message;
      if (!(pixels instanceof Uint8ClampedArray) || pixels.length !== width * height * 4) throw new Error('a tile arrived with the wrong number of pixels');
      context.putImageData(new ImageData(pixels, width, height), x, y);
    } else if (message?.kind === 'finish' && canvas && context) {
      drawStillOverlay(context, message.overlay as StillOverlay, message.widths, canvas.height, message.scale);
      void canvas.convertToBlob({ type: 'image/png' }).then(
        (blob) => reply({ kind: 'done', blob }),
        (error: unknown) => reply({ kind: 'failed', message: String(error) }),
      );
    }
  } catch (error) {
    reply({ kind: 'failed', message: (error as Error).message });
  }
});

function valid(size: unknown): size is number {
  return Number.isInteger(size) && (size as number) > 0 && (size as number) <= 32_767;
}
