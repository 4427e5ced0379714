import { lowerBound } from '../math/lowerBound';

/**
 * From raw events to the per-trial responses Chorus analyses (issue 4: never inside a reader).
 * Spike times are sorted first (real files are not always sorted); each response is the spike count in
 * a window [trial event + start, trial event + end).
 */
export interface EpochWindow {
  readonly name: string;
  /** Per-trial window [from, to) in absolute seconds; NaN where the trial lacks the event. */
  readonly from: Float64Array;
  readonly to: Float64Array;
}

/** Windows at fixed offsets [start, end) from a per-trial anchor event. */
export function windowAround(name: string, anchors: ArrayLike<number>, start: number, end: number): EpochWindow {
  return {
    name,
    from: Float64Array.from({ length: anchors.length }, (_, t) => anchors[t]! + start),
    to: Float64Array.from({ length: anchors.length }, (_, t) => anchors[t]! + end),
  };
}

/**
 * Spike times in ascending order, NaNs dropped. Most files are sorted already: one pass checks, and only
 * unsorted trains (or ones with NaN) pay for a copy and a sort.
 */
export function sortedSpikeTimes(times: ArrayLike<number>): Float64Array {
  let ordered = true;
  let nan = false;
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    if (Number.isNaN(t)) nan = true;
    else if (k > 0 && t < times[k - 1]!) ordered = false;
  }
  if (ordered && !nan) return times instanceof Float64Array ? times : Float64Array.from(times);
  return Float64Array.from(times).filter((t) => !Number.isNaN(t)).sort();
}

/** Spike counts of each unit (sorted times) in each window, laid out [trial][epoch][unit]. */
export function binSpikeCounts(units: readonly Float64Array[], windows: readonly EpochWindow[], trials: number): Float32Array {
  const out = new Float32Array(trials * windows.length * units.length);
  for (let t = 0; t < trials; t++) {
    windows.forEach((window, e) => {
      const from = window.from[t]!;
      const to = window.to[t]!;
      units.forEach((times, u) => {
        const count = Number.isFinite(from) && Number.isFinite(to) && to > from ? lowerBound(times, to) - lowerBound(times, from) : 0;
        out[(t * windows.length + e) * units.length + u] = count;
      });
    });
  }
  return out;
}

/**
 * Event columns of a trials table may be absolute (session clock) or relative to each trial's start.
 * Absolute times fall inside [start, next start) for most trials; relative ones do not. Returns the
 * absolute times and which reading was assumed.
 */
export function absoluteEventTimes(
  event: ArrayLike<number>,
  trialStart: ArrayLike<number>,
  trialEnd: ArrayLike<number>,
): { times: Float64Array; assumed: 'absolute' | 'relative to trial start' } {
  let inside = 0;
  let finite = 0;
  for (let t = 0; t < event.length; t++) {
    if (!Number.isFinite(event[t]!)) continue;
    finite++;
    if (event[t]! >= trialStart[t]! && event[t]! <= trialEnd[t]!) inside++;
  }
  const absolute = finite > 0 && inside / finite >= 0.5;
  const times = Float64Array.from({ length: event.length }, (_, t) => (absolute ? event[t]! : trialStart[t]! + event[t]!));
  return { times, assumed: absolute ? 'absolute' : 'relative to trial start' };
}

/** Trial ends where stop_time is missing: the next trial's start; the last trial gets the median duration. */
export function trialEnds(start: ArrayLike<number>, stop: ArrayLike<number> | null): { ends: Float64Array; fellBack: boolean } {
  const n = start.length;
  const usable = stop !== null && Array.from({ length: n }, (_, t) => stop[t]!).some(Number.isFinite);
  if (usable) return { ends: Float64Array.from({ length: n }, (_, t) => stop![t]!), fellBack: false };
  const ends = new Float64Array(n);
  const durations: number[] = [];
  for (let t = 0; t + 1 < n; t++) {
    ends[t] = start[t + 1]!;
    durations.push(start[t + 1]! - start[t]!);
  }
  durations.sort((a, b) => a - b);
  const length = durations.length;
  const median = length === 0 ? 1 : (durations[(length - 1) >> 1]! + durations[length >> 1]!) / 2;
  if (n > 0) ends[n - 1] = start[n - 1]! + median;
  return { ends, fellBack: true };
}

/** Frames × ROIs of imaging traces, in either layout, with each frame's time in seconds. */
export interface TraceMatrix {
  readonly values: ArrayLike<number>;
  readonly frames: number;
  readonly rois: number;
  /** true: [roi][frame] (suite2p F.npy); false: [frame][roi] (NWB RoiResponseSeries). */
  readonly roiMajor: boolean;
  /** Ascending frame times (seconds). */
  readonly times: Float64Array;
}

/**
 * Mean trace of each ROI in each window, laid out [trial][epoch][roi]; NaN where a window holds no frame
 * (the caller names the trial and epoch). Frames inside [from, to) count.
 */
export function binTraceMeans(trace: TraceMatrix, windows: readonly EpochWindow[], trials: number): Float32Array {
  const { values, frames, rois, roiMajor, times } = trace;
  const out = new Float32Array(trials * windows.length * rois);
  for (let t = 0; t < trials; t++) {
    windows.forEach((window, e) => {
      const first = Number.isFinite(window.from[t]!) ? lowerBound(times, window.from[t]!) : frames;
      const last = Number.isFinite(window.to[t]!) ? lowerBound(times, window.to[t]!) : frames;
      const n = last - first;
      const base = (t * windows.length + e) * rois;
      for (let r = 0; r < rois; r++) {
        if (n <= 0) {
          out[base + r] = Number.NaN;
          continue;
        }
        let sum = 0;
        for (let f = first; f < last; f++) sum += values[roiMajor ? r * frames + f : f * rois + r]!;
        out[base + r] = sum / n;
      }
    });
  }
  return out;
}
