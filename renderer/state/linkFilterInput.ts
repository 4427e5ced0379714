import type { Timeline } from '../../shared/network/timeline';

/** What a typed "Links per frame" or "Threshold |R|" value does: the value to apply (null: keep the current one) and what to say. */
export interface FilterInput {
  readonly value: number | null;
  /** Why the value was refused or changed; null when it was taken as typed. */
  readonly message: string | null;
}

/** The most links any frame can show: the timeline keeps the union of each frame's strongest pairs. */
export function storedLinkCount(timeline: Timeline): number {
  return timeline.edges.length / 2;
}

/**
 * A typed "Links per frame": a whole number from 1 to the links the timeline keeps. Zero, negative,
 * fractional or non-numeric text is refused with the current value kept (it used to be kept silently);
 * a number above the links kept is clamped to them, and the message says why no frame has more.
 */
export function linksPerFrameInput(text: string, current: number, timeline: Timeline): FilterInput {
  const stored = storedLinkCount(timeline);
  const typed = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(typed) || typed < 1 || !Number.isInteger(typed)) {
    return { value: null, message: `Links per frame is a whole number from 1 to ${stored}; still showing the ${current} strongest.` };
  }
  if (typed > stored) {
    const pairs = (timeline.neuronIds.length * (timeline.neuronIds.length - 1)) / 2;
    const kept = stored < pairs ? ` (each frame's ${timeline.options.topPerFrame} strongest of its ${pairs} pairs, ${timeline.options.maxEdges} at most)` : '';
    return { value: stored, message: `Showing ${stored}, the most there are: this dataset's timeline keeps ${stored} links${kept}.` };
  }
  return { value: typed, message: null };
}

/** A typed "Threshold |R|": a number ≥ 0; anything else is refused with the current value kept. */
export function thresholdInput(text: string, current: number): FilterInput {
  const typed = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(typed) || typed < 0) return { value: null, message: `The threshold is a number of 0 or more; still showing links with |R| ≥ ${current}.` };
  return { value: typed, message: null };
}
