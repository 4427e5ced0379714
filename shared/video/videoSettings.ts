/**
 * What a video export is asked for, checked the same way by the app's dialog and `chorus render`: a size
 * (independent of the window), a frame rate, and a container with its codec. H.264 in MP4 for slides and
 * players everywhere; VP9 in WebM where H.264 is not offered (some Linux builds of Chromium).
 */
export const VIDEO_FORMATS = {
  mp4: { codec: 'avc', label: 'MP4 (H.264)', mimeType: 'video/mp4', extension: '.mp4' },
  webm: { codec: 'vp9', label: 'WebM (VP9)', mimeType: 'video/webm', extension: '.webm' },
} as const;
export type VideoFormat = keyof typeof VIDEO_FORMATS;

/** Frame rates a talk's slides and players take without resampling. */
export const VIDEO_FRAME_RATES = [24, 25, 30, 60] as const;

/** The sizes the dialog offers; any even size up to 3840 × 2160 may be asked for on the command line. */
export const VIDEO_SIZES = [
  { width: 640, height: 360, label: '640 × 360 (preview)' },
  { width: 1280, height: 720, label: '1280 × 720 (720p)' },
  { width: 1920, height: 1080, label: '1920 × 1080 (1080p)' },
  { width: 3840, height: 2160, label: '3840 × 2160 (4K)' },
] as const;

export const MAX_VIDEO_WIDTH = 3840;
export const MAX_VIDEO_HEIGHT = 2160;
export const MIN_VIDEO_SIDE = 64;

export interface VideoSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Reads "1920x1080" (or "1920×1080"): whole even numbers (H.264 and VP9 code colour at half size, so an
 * odd side cannot be encoded), at least 64 and at most 3840 × 2160 (in either orientation). Throws a
 * message naming what is wrong.
 */
export function parseVideoSize(text: string): VideoSize {
  const match = /^\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*$/i.exec(text);
  if (!match) throw new Error(`a video size is WIDTHxHEIGHT, such as 1920x1080; got "${text}"`);
  const size = { width: Number(match[1]), height: Number(match[2]) };
  const problem = videoSizeProblem(size);
  if (problem) throw new Error(problem);
  return size;
}

/** Why a size cannot be encoded, or null when it can. */
export function videoSizeProblem({ width, height }: VideoSize): string | null {
  if (!Number.isInteger(width) || !Number.isInteger(height)) return `a video's width and height are whole pixels; got ${width} × ${height}`;
  if (Math.min(width, height) < MIN_VIDEO_SIDE) return `a video is at least ${MIN_VIDEO_SIDE} pixels a side; got ${width} × ${height}`;
  const [long, short] = width >= height ? [width, height] : [height, width];
  if (long > MAX_VIDEO_WIDTH || short > MAX_VIDEO_HEIGHT) return `a video is at most ${MAX_VIDEO_WIDTH} × ${MAX_VIDEO_HEIGHT}; got ${width} × ${height}`;
  if (width % 2 !== 0 || height % 2 !== 0) return `a video's width and height must be even (the codecs store colour at half size); got ${width} × ${height}`;
  return null;
}

export function parseFrameRate(text: string): number {
  const fps = Number(text);
  if (!Number.isInteger(fps) || fps < 1 || fps > 60) throw new Error(`a frame rate is a whole number of frames per second from 1 to 60 (24, 25, 30 or 60 for talks); got "${text}"`);
  return fps;
}

/** The format a file name asks for by its extension (.mp4 or .webm), or null. */
export function formatOfFileName(name: string): VideoFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.mp4')) return 'mp4';
  if (lower.endsWith('.webm')) return 'webm';
  return null;
}

/** The other format, offered when the platform cannot encode the one asked for. */
export function otherFormat(format: VideoFormat): VideoFormat {
  return format === 'mp4' ? 'webm' : 'mp4';
}

/**
 * How large text and lines are drawn on a video of this height, relative to a screen at 1× (900 pixels
 * of scene height): legible at 360p, not crowding the picture at 4K.
 */
export function videoTextScale(height: number): number {
  return Math.max(0.6, height / 900);
}

/** "1 min 05 s" / "12 s": what is left, for a progress line. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '…';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  return `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
}
