/**
 * The time the scenes animate by (ms): the page's clock, or a video's frame clock while one renders
 * (renderVideo.ts), so a layout blend takes the same frames of a video however long each frame takes
 * to draw.
 */
let videoTime: number | null = null;

export function sceneNow(): number {
  return videoTime ?? performance.now();
}

/** Sets the video's frame clock (ms), or null to return to the page's clock. */
export function setVideoClock(ms: number | null): void {
  videoTime = ms;
}
