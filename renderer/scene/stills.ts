import * as THREE from 'three';

/**
 * Stills: each scene registers how to render itself offscreen at a scale of its window size (so a 1080p
 * window gives a 4K still at 2×), and what to change for it (line widths are in pixels). saveImage
 * composes the scene(s) with the frame stamp and legend into one PNG.
 */
export interface StillHooks {
  /** Sets what depends on pixels for a still at `scale`, rendered into a tile of this size. */
  beforeStill(scale: number, tile: { width: number; height: number }): void;
}

interface StillScene {
  gl?: THREE.WebGLRenderer;
  scene?: THREE.Scene;
  camera?: THREE.Camera;
  size?: { width: number; height: number };
  hooks?: StillHooks;
}

const scenes = new Map<string, StillScene>();

export function registerStill(id: string, hooks: StillHooks): void {
  scenes.set(id, { ...scenes.get(id), hooks });
}

export function registerStillRenderer(id: string, parts: Required<Omit<StillScene, 'hooks'>>): void {
  scenes.set(id, { ...scenes.get(id), ...parts });
}

export function unregisterStill(id: string): void {
  scenes.delete(id);
}

/** The largest scale a still may have (the "up to 4× the window size"). */
export const MAX_STILL_SCALE = 4;

/** Pixels a side of one tile: small enough that each tile is a short task even with software WebGL. */
export const STILL_TILE = 256;

/** How a still is being made: tiles done of all, and a way to stop it. */
export interface StillProgress {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Lets the page run between tiles (the default: one turn of the event loop). */
  readonly pause?: () => Promise<void>;
}

/** A turn of the event loop: input and the page's own frames run between tiles, without waiting for a frame. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Renders one scene offscreen at `scale` × its size, in tiles of STILL_TILE pixels (each a sub-frustum
 * of a copy of the camera, camera.setViewOffset), yielding to the page between tiles: a 4× still of a
 * 1100 × 760 window is 200 short tasks instead of one of 20–40 s that froze the page. The camera is
 * copied at the start, so an orbit's damping tail does not move the still between tiles.
 */
export async function renderStill(id: string, scale: number, into: { context: CanvasRenderingContext2D; x: number }, progress: StillProgress = {}): Promise<void> {
  const still = scenes.get(id);
  if (!still?.gl || !still.scene || !still.camera || !still.size) throw new Error(`no scene "${id}" to render`);
  const { gl, scene } = still;
  const camera = still.camera.clone() as THREE.PerspectiveCamera;
  const { width, height } = stillSize(id, scale);
  const limit = gl.capabilities.maxTextureSize;
  const { context } = into;
  const tile = Math.min(STILL_TILE, limit);
  const columns = Math.ceil(width / tile);
  const rows = Math.ceil(height / tile);
  const target = new THREE.WebGLRenderTarget(tile, tile, { samples: 4, type: THREE.UnsignedByteType });
  target.texture.colorSpace = THREE.SRGBColorSpace;
  const pixels = new Uint8Array(tile * tile * 4);
  try {
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) {
        if (progress.signal?.aborted) throw new DOMException('the still was cancelled', 'AbortError');
        const [x, y] = [column * tile, row * tile];
        const [w, h] = [Math.min(tile, width - x), Math.min(tile, height - y)];
        camera.setViewOffset(width, height, x, y, w, h);
        // The scene's own frames reset these between tiles: set them for this tile each time.
        still.hooks?.beforeStill(scale, { width: w, height: h });
        target.setSize(w, h);
        const previous = gl.getRenderTarget();
        try {
          gl.setRenderTarget(target);
          gl.render(scene, camera);
          gl.readRenderTargetPixels(target, 0, 0, w, h, pixels);
        } finally {
          gl.setRenderTarget(previous);
        }
        const image = context.createImageData(w, h);
        // WebGL rows run bottom-up.
        for (let line = 0; line < h; line++) image.data.set(pixels.subarray((h - 1 - line) * w * 4, (h - line) * w * 4), line * w * 4);
        context.putImageData(image, into.x + x, y);
        progress.onProgress?.(row * columns + column + 1, rows * columns);
        await (progress.pause ?? nextTurn)();
      }
    }
  } finally {
    target.dispose();
  }
}

/** A scene's still size in pixels at `scale`. */
function stillSize(id: string, scale: number): { width: number; height: number } {
  const size = scenes.get(id)?.size;
  if (!size) throw new Error(`no scene "${id}" to render`);
  const [width, height] = [Math.round(size.width * scale), Math.round(size.height * scale)];
  if (width > 32_767 || height > 32_767) throw new Error(`a ${width} × ${height} still is larger than an image can be (32767 pixels a side); choose a smaller scale`);
  return { width, height };
}

/** PNG-encodes a canvas in a worker (stillEncoder.worker.ts), falling back to the page's own toBlob. */
async function encodePng(canvas: HTMLCanvasElement): Promise<Blob> {
  if (typeof OffscreenCanvas === 'undefined') return pageEncode(canvas);
  const bitmap = await createImageBitmap(canvas);
  const worker = new Worker(new URL('../workers/stillEncoder.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<Blob>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<{ blob?: Blob; error?: string }>) => (event.data.blob ? resolve(event.data.blob) : reject(new Error(event.data.error ?? 'the still could not be encoded'))));
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'the still encoder stopped')));
      worker.postMessage({ bitmap }, [bitmap]);
    });
  } finally {
    worker.terminate();
  }
}

function pageEncode(canvas: HTMLCanvasElement): Promise<Blob> {
  return encodePng(canvas);
}

export interface StillOverlay {
  readonly stamp: string;
  readonly legend: readonly { readonly label: string; readonly colour: string | null }[];
  readonly captions: readonly string[];
  /** The neuron names shown beside nodes, per scene: where they are in the scene (CSS pixels) and the text. */
  readonly labels: readonly (readonly { readonly x: number; readonly y: number; readonly text: string; readonly selected: boolean }[])[];
}

/**
 * The scenes side by side with captions, the neuron labels on screen, the frame stamp and the legend,
 * as a PNG blob: what the screen shows. The legend's box is as wide as its longest line (a fixed width
 * clipped long lines at the right edge).
 */
export async function composeStill(ids: readonly string[], scale: number, overlay: StillOverlay, progress: StillProgress = {}): Promise<Blob> {
  // The tiles go straight into the one canvas of the still: no copy of a whole scene's pixels.
  const sizes = ids.map((id) => stillSize(id, scale));
  const width = sizes.reduce((sum, p) => sum + p.width, 0);
  const height = Math.max(...sizes.map((p) => p.height));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: false })!;
  let offset = 0;
  for (const [k, id] of ids.entries()) {
    await renderStill(id, scale, { context, x: offset }, { ...progress, onProgress: (done, total) => progress.onProgress?.(k * total + done, ids.length * total) });
    offset += sizes[k]!.width;
  }
  let x = 0;
  const font = (px: number, weight = '') => `${weight}${Math.round(px * scale)}px system-ui, sans-serif`;
  sizes.forEach((part, k) => {
    // Neuron labels as the scene's label layer draws them: name at the node, offset up and right.
    context.font = font(12);
    for (const label of overlay.labels[k] ?? []) {
      context.font = font(12, label.selected ? '600 ' : '');
      context.fillStyle = 'rgba(13, 17, 23, 0.7)';
      const w = context.measureText(label.text).width;
      context.fillRect(x + label.x * scale - 2 * scale, label.y * scale - 11 * scale, w + 4 * scale, 14 * scale);
      context.fillStyle = label.selected ? '#ffd33d' : '#e6edf3';
      context.fillText(label.text, x + label.x * scale, label.y * scale);
    }
    if (overlay.captions[k]) {
      context.font = font(16);
      context.fillStyle = '#c9d1d9';
      context.fillText(overlay.captions[k]!, x + 16 * scale, 28 * scale);
    }
    x += part.width;
  });
  context.font = font(15);
  const pad = 10 * scale;
  const line = 20 * scale;
  const swatch = 22 * scale;
  const legendWidth = Math.min(width - 2 * pad, Math.max(...overlay.legend.map((entry) => context.measureText(entry.label).width)) + swatch + 2 * pad);
  const legendHeight = pad * 2 + line * overlay.legend.length;
  const left = width - legendWidth - pad;
  context.fillStyle = 'rgba(13, 17, 23, 0.75)';
  context.fillRect(left, pad, legendWidth, legendHeight);
  overlay.legend.forEach((entry, k) => {
    const y = pad * 2 + line * k + line * 0.6;
    if (entry.colour) {
      context.fillStyle = entry.colour;
      context.fillRect(left + pad, y - line * 0.45, 14 * scale, 10 * scale);
    }
    context.fillStyle = '#e6edf3';
    context.fillText(entry.label, left + pad + swatch, y, legendWidth - swatch - 2 * pad);
  });
  context.fillStyle = 'rgba(13, 17, 23, 0.75)';
  context.fillRect(pad, height - line - pad * 2, context.measureText(overlay.stamp).width + pad * 2, line + pad);
  context.fillStyle = '#e6edf3';
  context.fillText(overlay.stamp, pad * 2, height - pad * 1.6);
  return encodePng(canvas);
}
