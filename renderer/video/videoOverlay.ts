import { layoutCaption } from '../../shared/story/captionLayout';
import type { CaptionRun } from '../../shared/story/caption';
import { drawStillOverlay, type StillOverlay } from '../scene/stillOverlay';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Where a video frame's caption sits: a band across the lower part of the picture (tests read its pixels there). */
export function captionBand(width: number, height: number, scale: number, rows: number): { x: number; y: number; width: number; height: number; fontPx: number; lineHeight: number } {
  const fontPx = Math.max(12, Math.round(height * 0.036));
  const lineHeight = Math.round(fontPx * 1.3);
  const pad = Math.round(fontPx * 0.5);
  const bandHeight = rows * lineHeight + 2 * pad;
  // Above the frame stamp (drawStillOverlay puts it in the bottom-left corner, 40 units high).
  const bottom = height - Math.round(44 * scale);
  const bandWidth = Math.round(width * 0.84);
  return { x: Math.round((width - bandWidth) / 2), y: bottom - bandHeight, width: bandWidth, height: bandHeight, fontPx, lineHeight };
}

const captionFont = (style: CaptionRun, px: number) => `${style.italic ? 'italic ' : ''}${style.bold ? '700 ' : '400 '}${px}px system-ui, sans-serif`;

/**
 * Draws what a video frame shows over the scenes: the still's overlay (neuron labels, pane titles, the
 * legend, the frame stamp) and the step's caption, in large type on a dark band (bold and italic as the
 * caption marks them, wrapped to the band), as presentation mode shows it.
 */
export function drawVideoOverlay(context: Context2D, overlay: StillOverlay, caption: string, widths: readonly number[], height: number, scale: number): void {
  drawStillOverlay(context, overlay, widths, height, scale);
  if (caption.trim() === '') return;
  const width = widths.reduce((sum, w) => sum + w, 0);
  const probe = captionBand(width, height, scale, 1);
  const measure = (text: string, style: CaptionRun) => {
    context.font = captionFont(style, probe.fontPx);
    return context.measureText(text).width;
  };
  const rows = layoutCaption(caption, probe.width - probe.fontPx * 2, measure);
  const band = captionBand(width, height, scale, rows.length);
  context.fillStyle = 'rgba(13, 17, 23, 0.82)';
  context.fillRect(band.x, band.y, band.width, band.height);
  context.textBaseline = 'middle';
  rows.forEach((row, k) => {
    const left = band.x + (band.width - row.width) / 2;
    const y = band.y + Math.round(band.fontPx * 0.5) + band.lineHeight * (k + 0.5);
    for (const run of row.runs) {
      context.font = captionFont(run, band.fontPx);
      context.fillStyle = run.bold ? '#ffffff' : '#e6edf3';
      context.fillText(run.text, left + run.x, y);
    }
  });
  context.textBaseline = 'alphabetic';
}
