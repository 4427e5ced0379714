/**
 * What a still adds to the scenes' pixels, as the screen shows it: the neuron labels beside their nodes,
 * the split view's captions, the legend (as wide as its longest line) and the frame stamp. Plain canvas
 * 2D drawing, so the still's worker (stillComposer.worker.ts) draws it off the page's thread, and the
 * page itself where workers cannot draw.
 */
export interface StillOverlay {
  readonly stamp: string;
  readonly legend: readonly { readonly label: string; readonly colour: string | null }[];
  readonly captions: readonly string[];
  /** The neuron names shown beside nodes, per scene: where they are in the scene (CSS pixels) and the text. */
  readonly labels: readonly (readonly { readonly x: number; readonly y: number; readonly text: string; readonly selected: boolean }[])[];
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws the overlay on a still of scenes side by side (`widths` in still pixels) at `scale` × the screen. */
export function drawStillOverlay(context: Context2D, overlay: StillOverlay, widths: readonly number[], height: number, scale: number): void {
  const width = widths.reduce((sum, w) => sum + w, 0);
  const font = (px: number, weight = '') => `${weight}${Math.round(px * scale)}px system-ui, sans-serif`;
  let x = 0;
  widths.forEach((partWidth, k) => {
    // Neuron labels as the scene's label layer draws them: name at the node, offset up and right.
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
    x += partWidth;
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
}
