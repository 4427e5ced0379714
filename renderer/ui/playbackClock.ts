/**
 * Playback time from animation-frame timestamps: each tick is the wall-clock time since the previous
 * one, so a slow renderer (software WebGL at ~1 fps) skips drawn frames and never playback time — a
 * chosen 1.2 frames/s advances 1.2 frames in a second however few frames were drawn. (An earlier
 * clock capped a tick at 0.25 s, and at 1 fps played one frame in 8 s.) Time while the page is hidden
 * is not played: the browser stops animation frames then, and `restart` forgets the last timestamp.
 */
export interface PlaybackClock {
  /** Seconds to advance at this animation frame (0 on the first after a restart). */
  tick(nowMs: number): number;
  restart(): void;
}

export function createPlaybackClock(): PlaybackClock {
  let last: number | null = null;
  return {
    tick(nowMs) {
      const seconds = last === null ? 0 : Math.max(0, (nowMs - last) / 1000);
      last = nowMs;
      return seconds;
    },
    restart() {
      last = null;
    },
  };
}
