import * as THREE from 'three';

/**
 * Stills: each scene registers how to render itself offscreen at a scale of its window size (so a 1080p
 * window gives a 4K still at 2×), and what to change for it (line widths are in pixels). saveImage
 * composes the scene(s) with the frame stamp and legend into one PNG.
 */
export interface StillHooks {
  beforeStill(scale: number): void;
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

/** Renders one scene offscreen at `scale` × its size; the pixels as a canvas. */
export function renderStill(id: string, scale: number): HTMLCanvasElement {
  const still = scenes.get(id);
  if (!still?.gl || !still.scene || !still.camera || !still.size) throw new Error(`no scene "${id}" to render`);
  const { gl, scene, camera, size } = still;
  const width = Math.round(size.width * scale);
  const height = Math.round(size.height * scale);
  const limit = gl.capabilities.maxTextureSize;
  if (width > limit || height > limit) throw new Error(`a ${width} × ${height} still is larger than this GPU allows (${limit} pixels a side); choose a smaller scale`);
  const target = new THREE.WebGLRenderTarget(width, height, { samples: 4, type: THREE.UnsignedByteType });
  target.texture.colorSpace = THREE.SRGBColorSpace;
  still.hooks?.beforeStill(scale);
  const previous = gl.getRenderTarget();
  try {
    gl.setRenderTarget(target);
    gl.render(scene, camera);
    const pixels = new Uint8Array(width * height * 4);
    gl.readRenderTargetPixels(target, 0, 0, width, height, pixels);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d')!;
    const image = context.createImageData(width, height);
    // WebGL rows run bottom-up.
    for (let row = 0; row < height; row++) image.data.set(pixels.subarray((height - 1 - row) * width * 4, (height - row) * width * 4), row * width * 4);
    context.putImageData(image, 0, 0);
    return canvas;
  } finally {
    gl.setRenderTarget(previous);
    target.dispose();
  }
}

export interface StillOverlay {
  readonly stamp: string;
  readonly legend: readonly { readonly label: string; readonly colour: string | null }[];
  readonly captions: readonly string[];
}

/** The scenes side by side with captions, the frame stamp and the legend, as a PNG blob. */
export async function composeStill(ids: readonly string[], scale: number, overlay: StillOverlay): Promise<Blob> {
  const parts = ids.map((id) => renderStill(id, scale));
  const width = parts.reduce((sum, p) => sum + p.width, 0);
  const height = Math.max(...parts.map((p) => p.height));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  let x = 0;
  const font = (px: number) => `${Math.round(px * scale)}px system-ui, sans-serif`;
  parts.forEach((part, k) => {
    context.drawImage(part, x, 0);
    if (overlay.captions[k]) {
      context.font = font(16);
      context.fillStyle = '#c9d1d9';
      context.fillText(overlay.captions[k]!, x + 16 * scale, 28 * scale);
    }
    x += part.width;
  });
  context.font = font(15);
  context.fillStyle = 'rgba(13, 17, 23, 0.75)';
  const pad = 10 * scale;
  const line = 20 * scale;
  const legendWidth = 300 * scale;
  const legendHeight = pad * 2 + line * overlay.legend.length;
  context.fillRect(width - legendWidth - pad, pad, legendWidth, legendHeight);
  overlay.legend.forEach((entry, k) => {
    const y = pad * 2 + line * k + line * 0.6;
    if (entry.colour) {
      context.fillStyle = entry.colour;
      context.fillRect(width - legendWidth, y - line * 0.45, 14 * scale, 10 * scale);
    }
    context.fillStyle = '#e6edf3';
    context.fillText(entry.label, width - legendWidth + 22 * scale, y);
  });
  context.fillStyle = 'rgba(13, 17, 23, 0.75)';
  context.fillRect(pad, height - line - pad * 2, context.measureText(overlay.stamp).width + pad * 2, line + pad);
  context.fillStyle = '#e6edf3';
  context.fillText(overlay.stamp, pad * 2, height - pad * 1.6);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the still could not be encoded'))), 'image/png'));
}
