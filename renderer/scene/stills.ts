import * as THREE from 'three';
import type { Timeline } from '../../shared/network/timeline';
import { drawStillOverlay, type StillOverlay } from './stillOverlay';
import type { StillComposerReply, StillComposerRequest } from '../workers/stillProtocol';

export type { StillOverlay } from './stillOverlay';

/**
 * Stills: each scene registers how to render itself offscreen at a scale of its window size (so a 1080p
 * window gives a 4K still at 2×), and what to change for it (line widths are in pixels). saveImage
 * composes the scene(s) with the frame stamp and legend into one PNG.
 */
export interface StillHooks {
  /** Sets what depends on pixels for a still at `scale`, rendered into a tile of this size. */
  beforeStill(scale: number, tile: { width: number; height: number }): void;
  /** Brings the scene up to the stores now, as a drawn frame does (a video's frame, drawn offscreen). */
  update(): void;
  /** What the graph was last rendered with: a video waits for the scene to show the view it set. */
  readonly timeline: Timeline;
  readonly difference: boolean;
  /** The neuron names the scene shows, placed for this camera on a picture of this size (pixels). */
  labelsAt(camera: THREE.Camera, width: number, height: number): { x: number; y: number; text: string; selected: boolean }[];
}

/** What an offscreen renderer (a video's frames) needs of a scene: its renderer, scene, camera and hooks. */
export interface OffscreenScene {
  readonly gl: THREE.WebGLRenderer;
  readonly scene: THREE.Scene;
  readonly camera: THREE.Camera;
  readonly hooks: StillHooks;
}

/** The scene registered as `id`, once its renderer and its graph are both there; null until then. */
export function offscreenScene(id: string): OffscreenScene | null {
  const still = scenes.get(id);
  return still?.gl && still.scene && still.camera && still.hooks ? { gl: still.gl, scene: still.scene, camera: still.camera, hooks: still.hooks } : null;
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

/**
 * Compiles the shader programs a still of this scene renders with (drawing into a target takes other
 * programs than the canvas: linear output), without waiting on them. Called when the page is idle after
 * a network is shown: the GPU links them in the background, where the first tile of the first still
 * would otherwise wait ~0.3 s for them (software WebGL). Issuing them costs the page almost nothing.
 */
export function prepareStillPrograms(id: string): void {
  const still = scenes.get(id);
  if (!still?.gl || !still.scene || !still.camera) return;
  const { gl } = still;
  const target = new THREE.WebGLRenderTarget(1, 1, { samples: 4, type: THREE.UnsignedByteType });
  target.texture.colorSpace = THREE.SRGBColorSpace;
  const previous = gl.getRenderTarget();
  try {
    gl.setRenderTarget(target);
    gl.compile(still.scene, still.camera);
  } finally {
    gl.setRenderTarget(previous);
    target.dispose();
  }
}

/** Resolves once the GPU has done every command issued so far, polling a fence between turns of the page. */
export async function gpuCaughtUp(context: WebGL2RenderingContext): Promise<void> {
  const fence = context.fenceSync(context.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!fence) return;
  context.flush();
  try {
    while (context.clientWaitSync(fence, 0, 0) === context.TIMEOUT_EXPIRED) await new Promise((resolve) => setTimeout(resolve, 8));
  } finally {
    context.deleteSync(fence);
  }
}

/** How a still is being made: tiles done of all, and a way to stop it. */
export interface StillProgress {
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Lets the page run between tiles (the default: one turn of the event loop). */
  readonly pause?: () => Promise<void>;
}

/** A turn of the event loop: input and the page's own frames run between tiles, without waiting for a frame. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Takes one tile of a scene's still: its place, its size and its pixels (rows top-down). */
export type TileSink = (x: number, y: number, width: number, height: number, pixels: Uint8ClampedArray<ArrayBuffer>) => void;

/**
 * Renders one scene offscreen at `scale` × its size, in tiles of STILL_TILE pixels (each a sub-frustum
 * of a copy of the camera, camera.setViewOffset), yielding to the page between tiles: a 4× still of a
 * 1100 × 760 window is 200 short tasks instead of one of 20–40 s that froze the page. The camera is
 * copied at the start, so an orbit's damping tail does not move the still between tiles.
 */
export async function renderStill(id: string, scale: number, sink: TileSink, progress: StillProgress = {}): Promise<void> {
  const still = scenes.get(id);
  if (!still?.gl || !still.scene || !still.camera || !still.size) throw new Error(`no scene "${id}" to render`);
  const { gl, scene } = still;
  const camera = still.camera.clone() as THREE.PerspectiveCamera;
  const { width, height } = stillSize(id, scale);
  const limit = gl.capabilities.maxTextureSize;
  const tile = Math.min(STILL_TILE, limit);
  const columns = Math.ceil(width / tile);
  const rows = Math.ceil(height / tile);
  const target = new THREE.WebGLRenderTarget(tile, tile, { samples: 4, type: THREE.UnsignedByteType });
  target.texture.colorSpace = THREE.SRGBColorSpace;
  const pixels = new Uint8Array(tile * tile * 4);
  let checkShaderErrors: boolean | null = null;
  try {
    // The programs for drawing into a target (prepared when the page was idle, or now), linked before
    // the first tile: waiting on a fence lets the page run meanwhile, where the first tile's draw held it
    // ~0.3 s (software WebGL). Their info logs are not read at first use either (that waits on the GPU).
    prepareStillPrograms(id);
    await gpuCaughtUp(gl.getContext() as WebGL2RenderingContext);
    checkShaderErrors = gl.debug.checkShaderErrors;
    gl.debug.checkShaderErrors = false;
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) {
        if (progress.signal?.aborted) throw new DOMException('the still was cancelled', 'AbortError');
        const [x, y] = [column * tile, row * tile];
        const [w, h] = [Math.min(tile, width - x), Math.min(tile, height - y)];
        camera.setViewOffset(width, height, x, y, w, h);
        // The scene's own frames reset these between tiles: set them for this tile each time.
        still.hooks?.beforeStill(scale, { width: w, height: h });
        target.setSize(w, h);
        renderInto(gl, scene, camera, target);
        // Read back through a pixel buffer and a fence: the page goes on while the GPU draws and copies.
        await gl.readRenderTargetPixelsAsync(target, 0, 0, w, h, pixels);
        sink(x, y, w, h, rowsTopDown(pixels, w, h));
        progress.onProgress?.(row * columns + column + 1, rows * columns);
        await (progress.pause ?? nextTurn)();
      }
    }
  } finally {
    if (checkShaderErrors !== null) gl.debug.checkShaderErrors = checkShaderErrors;
    target.dispose();
  }
}

/** Draws a scene into a render target, leaving the renderer drawing where it drew before. */
export function renderInto(gl: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.Camera, target: THREE.WebGLRenderTarget): void {
  const previous = gl.getRenderTarget();
  try {
    gl.setRenderTarget(target);
    gl.render(scene, camera);
  } finally {
    gl.setRenderTarget(previous);
  }
}

/** WebGL's rows run bottom-up; a canvas takes them top-down: a copy in a buffer of its own (a sink may transfer it). */
export function rowsTopDown(pixels: Uint8Array, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
  const rows = new Uint8ClampedArray(width * height * 4);
  for (let line = 0; line < height; line++) rows.set(pixels.subarray((height - 1 - line) * width * 4, (height - line) * width * 4), line * width * 4);
  return rows;
}

/** A scene's still size in pixels at `scale`. */
function stillSize(id: string, scale: number): { width: number; height: number } {
  const size = scenes.get(id)?.size;
  if (!size) throw new Error(`no scene "${id}" to render`);
  const [width, height] = [Math.round(size.width * scale), Math.round(size.height * scale)];
  if (width > 32_767 || height > 32_767) throw new Error(`a ${width} × ${height} still is larger than an image can be (32767 pixels a side); choose a smaller scale`);
  return { width, height };
}

/**
 * Where the still is put together: the tiles as they come, then the overlay, then the PNG. In a worker
 * where workers can draw (OffscreenCanvas): the page never holds the whole still, whose snapshot and
 * encoding were tasks of 0.4–1 s on the page; otherwise on the page.
 */
interface StillCanvas {
  readonly putTile: TileSink;
  finish(overlay: StillOverlay, widths: readonly number[], scale: number): Promise<Blob>;
  /** Frees it (the worker ends) however the still ended. */
  close(): void;
}

function workerCanvas(width: number, height: number): StillCanvas {
  const worker = new Worker(new URL('../workers/stillComposer.worker.ts', import.meta.url), { type: 'module' });
  const post = (message: StillComposerRequest, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  // A failure while tiles are sent (out of memory for the canvas, say) is kept for finish to report.
  const outcome = new Promise<Blob>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<StillComposerReply>) => (event.data.kind === 'done' ? resolve(event.data.blob) : reject(new Error(event.data.message))));
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'the still could not be composed')));
  });
  outcome.catch(() => {});
  post({ kind: 'start', width, height });
  return {
    putTile: (x, y, w, h, pixels) => post({ kind: 'tile', x, y, width: w, height: h, pixels }, [pixels.buffer]),
    finish: (overlay, widths, scale) => {
      post({ kind: 'finish', overlay, widths, scale });
      return outcome;
    },
    close: () => worker.terminate(),
  };
}

function pageCanvas(width: number, height: number): StillCanvas {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  return {
    putTile: (x, y, w, h, pixels) => context.putImageData(new ImageData(pixels, w, h), x, y),
    finish: (overlay, widths, scale) => {
      drawStillOverlay(context, overlay, widths, height, scale);
      return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the still could not be encoded'))), 'image/png'));
    },
    close: () => {},
  };
}

/**
 * The scenes side by side with captions, the neuron labels on screen, the frame stamp and the legend,
 * as a PNG blob: what the screen shows (stillOverlay.ts).
 */
export async function composeStill(ids: readonly string[], scale: number, overlay: StillOverlay, progress: StillProgress = {}): Promise<Blob> {
  const sizes = ids.map((id) => stillSize(id, scale));
  const width = sizes.reduce((sum, p) => sum + p.width, 0);
  const height = Math.max(...sizes.map((p) => p.height));
  const still = typeof OffscreenCanvas === 'undefined' ? pageCanvas(width, height) : workerCanvas(width, height);
  try {
    let offset = 0;
    for (const [k, id] of ids.entries()) {
      const left = offset;
      await renderStill(id, scale, (x, y, w, h, pixels) => still.putTile(left + x, y, w, h, pixels), {
        ...progress,
        onProgress: (done, total) => progress.onProgress?.(k * total + done, ids.length * total),
      });
      offset += sizes[k]!.width;
    }
    return await still.finish(overlay, sizes.map((p) => p.width), scale);
  } finally {
    still.close();
  }
}
