/**
 * Stops the shown dataset's work in the background (its statistics pass) from outside the workspace (the
 * analysis client belongs to App): `chorus render` stops it when the story does not filter links by
 * significance, so the pass does not take the cores the video's frames are drawn with.
 */
let stop: (() => void) | null = null;

export function setStatisticsStopper(stopper: (() => void) | null): void {
  stop = stopper;
}

export function stopStatistics(): void {
  stop?.();
}
