import { useRef, useState } from 'react';
import { VIDEO_FORMATS, type VideoFormat } from '../../shared/video/videoSettings';
import { download } from '../platform/download';
import type { VideoPlan } from './renderVideo';

/** A video being made: frames done of all, since when (for the time left), and its Cancel. */
export interface VideoProgress {
  readonly done: number;
  readonly total: number;
  readonly startedAt: number;
  readonly controller: AbortController;
}

export type VideoOutcome =
  | { readonly kind: 'saved'; readonly name: string; readonly frames: number; readonly notes: readonly string[] }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string; readonly alternative: VideoFormat | null };

export interface VideoSettings {
  readonly plan: VideoPlan;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly format: VideoFormat;
  /** The file's name without its extension. */
  readonly name: string;
}

/**
 * Runs a video export for the dialog: progress and Cancel while it renders, then the file handed to the
 * user (a download; Electron asks where to save it) or what went wrong. The encoder and muxer are loaded
 * on first use, so the app's start does not carry them.
 */
export function useVideoExport(): { progress: VideoProgress | null; outcome: VideoOutcome | null; start(settings: VideoSettings): void; clear(): void } {
  const [progress, setProgress] = useState<VideoProgress | null>(null);
  const [outcome, setOutcome] = useState<VideoOutcome | null>(null);
  const running = useRef(false);
  const start = (settings: VideoSettings) => {
    if (running.current) return;
    running.current = true;
    const controller = new AbortController();
    const startedAt = performance.now();
    setOutcome(null);
    setProgress({ done: 0, total: settings.plan.frames, startedAt, controller });
    document.body.classList.add('exporting-video');
    void (async () => {
      try {
        const { renderVideo } = await import('./renderVideo');
        const video = await renderVideo({
          ...settings,
          signal: controller.signal,
          onProgress: (done, total) => setProgress({ done, total, startedAt, controller }),
        });
        const name = `${settings.name}${VIDEO_FORMATS[settings.format].extension}`;
        download(video.blob, name);
        setOutcome({ kind: 'saved', name, frames: video.frames, notes: video.notes });
      } catch (error) {
        const failure = error as Error & { alternative?: VideoFormat | null };
        if (failure.name === 'AbortError') setOutcome({ kind: 'cancelled' });
        else setOutcome({ kind: 'failed', message: failure.message, alternative: failure.alternative ?? null });
      } finally {
        document.body.classList.remove('exporting-video');
        running.current = false;
        setProgress(null);
      }
    })();
  };
  return { progress, outcome, start, clear: () => setOutcome(null) };
}

/** Whether this browser encodes each format at a size and rate (null while it is being asked). */
export async function formatSupport(width: number, height: number, fps: number): Promise<Record<VideoFormat, boolean>> {
  const { canEncode } = await import('./renderVideo');
  const [mp4, webm] = await Promise.all([canEncode('mp4', width, height, fps), canEncode('webm', width, height, fps)]);
  return { mp4, webm };
}
