import type { WindowBounds } from '../shared/desktop/settings';
import type { DisplayArea } from './presenterWindow';

export const DEFAULT_WINDOW_SIZE = { width: 1400, height: 900 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/**
 * Where the main window opens: where it was last closed, if enough of it (its top strip, where the title
 * bar is) still lands on a display; else the default size, centred by the OS. A monitor unplugged since,
 * or a resolution lowered, must not open Chorus off screen.
 */
export function restoredBounds(saved: WindowBounds | null, displays: readonly DisplayArea[]): { x?: number; y?: number; width: number; height: number; maximized: boolean } {
  if (saved === null) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const strip = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const visible = displays.some(({ workArea: area }) => {
    const overlapX = Math.min(strip.x + strip.width, area.x + area.width) - Math.max(strip.x, area.x);
    const overlapY = Math.min(strip.y + strip.height, area.y + area.height) - Math.max(strip.y, area.y);
    return overlapX >= 100 && overlapY >= 20;
  });
  const width = Math.max(MIN_WINDOW_SIZE.width, saved.width);
  const height = Math.max(MIN_WINDOW_SIZE.height, saved.height);
  return visible ? { x: saved.x, y: saved.y, width, height, maximized: saved.maximized } : { width, height, maximized: saved.maximized };
}
