import type { StillOverlay } from '../scene/stillOverlay';

/** Messages from the page to the still's worker (stillComposer.worker.ts), in this order: start, tiles, finish. */
export type StillComposerRequest =
  | { readonly kind: 'start'; readonly width: number; readonly height: number }
  /** One tile's pixels, rows top-down, at (x, y) of the still. */
  | { readonly kind: 'tile'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly pixels: Uint8ClampedArray<ArrayBuffer> }
  | { readonly kind: 'finish'; readonly overlay: StillOverlay; readonly widths: readonly number[]; readonly scale: number };

export type StillComposerReply = { readonly kind: 'done'; readonly blob: Blob } | { readonly kind: 'failed'; readonly message: string };
