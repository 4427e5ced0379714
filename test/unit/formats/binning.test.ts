import { describe, expect, it } from 'vitest';
import { absoluteEventTimes, binSpikeCounts, sortedSpikeTimes, trialEnds, windowAround } from '../../../shared/formats/binning';
import { lowerBound } from '../../../shared/math/lowerBound';

describe('binning spike times into epoch responses', () => {
  it('sorts spike times first, then counts spikes in [anchor + start, anchor + end)', () => {
    const unit = sortedSpikeTimes([3.5, 1.2, 1.0, 2.0, 1.5, Number.NaN]);
    expect(Array.from(unit)).toEqual([1.0, 1.2, 1.5, 2.0, 3.5]);
    expect(lowerBound(unit, 1.5)).toBe(2);
    const counts = binSpikeCounts([unit], [windowAround('early', [1, 3], 0, 0.6)], 2);
    expect(Array.from(counts)).toEqual([3, 1]); // [1.0, 1.6) holds 1.0, 1.2, 1.5; [3.0, 3.6) holds 3.5
  });

  it('passes sorted trains through without a copy, and still drops NaN from sorted ones', () => {
    const sorted = Float64Array.of(0.1, 0.2, 0.2, 5);
    expect(sortedSpikeTimes(sorted)).toBe(sorted);
    expect(Array.from(sortedSpikeTimes([0.1, Number.NaN, 0.3]))).toEqual([0.1, 0.3]);
    expect(Array.from(sortedSpikeTimes([-2, -1e-9, 1e9]))).toEqual([-2, -1e-9, 1e9]);
  });

  it('gives 0 for a trial without the anchoring event', () => {
    const counts = binSpikeCounts([Float64Array.of(1, 2)], [windowAround('x', [Number.NaN], 0, 10)], 1);
    expect(Array.from(counts)).toEqual([0]);
  });

  it('detects event columns relative to the trial start, and absolute ones', () => {
    const start = [100, 130, 160];
    const end = [130, 160, 190];
    expect(absoluteEventTimes([3.7, 4.1, 5], start, end)).toEqual({ times: Float64Array.of(103.7, 134.1, 165), assumed: 'relative to trial start' });
    expect(absoluteEventTimes([103.7, 134.1, 165], start, end).assumed).toBe('absolute');
  });

  it('falls back to the next trial start when stop_time is all NaN, and says so', () => {
    const { ends, fellBack } = trialEnds([0, 10, 25], [Number.NaN, Number.NaN, Number.NaN]);
    expect(fellBack).toBe(true);
    expect(Array.from(ends)).toEqual([10, 25, 37.5]);
    expect(trialEnds([0, 10], [5, 15])).toEqual({ ends: Float64Array.of(5, 15), fellBack: false });
  });
});
