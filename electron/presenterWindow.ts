import { isAppUrl } from './security';

/** A display's usable area (Electron's Display: id and workArea), as the placement needs it. */
export interface DisplayArea {
  readonly id: number;
  readonly workArea: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface WindowBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The presenter view's window: the app's own page with `?presenter`, and nothing else the page asks to open. */
export function isPresenterUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const { pathname, searchParams } = new URL(url);
  return (pathname === '/' || pathname === '/index.html') && searchParams.has('presenter');
}

/**
 * Where the presenter view opens: filling the work area of a display other than the presentation's
 * (the laptop's screen while the projector shows the talk), else a 960 × 640 window in the middle of
 * the presentation's own display.
 */
export function presenterBounds(displays: readonly DisplayArea[], presentationDisplayId: number): WindowBounds {
  const other = displays.find((d) => d.id !== presentationDisplayId);
  if (other) return { ...other.workArea };
  const own = displays.find((d) => d.id === presentationDisplayId)?.workArea ?? { x: 0, y: 0, width: 960, height: 640 };
  const width = Math.min(960, own.width);
  const height = Math.min(640, own.height);
  return { x: Math.round(own.x + (own.width - width) / 2), y: Math.round(own.y + (own.height - height) / 2), width, height };
}
