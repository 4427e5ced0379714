import { describe, expect, it } from 'vitest';
import { linksPerFrameInput, storedLinkCount, thresholdInput } from '../../../../renderer/state/linkFilterInput';
import { syntheticTimeline } from '../../../../shared/network/syntheticTimeline';

/** 30 neurons (435 pairs), 40 links kept. */
const timeline = { ...syntheticTimeline(30, 40, 2, 2, 3), options: { topPerFrame: 25, maxEdges: 20_000 } };

describe('typing "Links per frame"', () => {
  it('takes a whole number from 1 to the links kept as typed, saying nothing', () => {
    expect(storedLinkCount(timeline)).toBe(40);
    expect(linksPerFrameInput('1', 300, timeline)).toEqual({ value: 1, message: null });
    expect(linksPerFrameInput(' 40 ', 300, timeline)).toEqual({ value: 40, message: null });
  });

  it('refuses 0, −5, 2.5, empty and text, keeping the current value, and says so', () => {
    for (const text of ['0', '-5', '2.5', '', 'many', 'Infinity']) {
      const input = linksPerFrameInput(text, 30, timeline);
      expect(input.value).toBeNull();
      expect(input.message).toBe('Links per frame is a whole number from 1 to 40; still showing the 30 strongest.');
    }
  });

  it('clamps 5000 to the 40 links kept and says why no frame has more', () => {
    expect(linksPerFrameInput('5000', 30, timeline)).toEqual({
      value: 40,
      message: "Showing 40, the most there are: this dataset's timeline keeps 40 links (each frame's 25 strongest of its 435 pairs, 20000 at most).",
    });
  });
});

describe('typing "Threshold |R|"', () => {
  it('takes 0 and above; refuses negative and non-numbers, keeping the current value', () => {
    expect(thresholdInput('0', 0.2)).toEqual({ value: 0, message: null });
    expect(thresholdInput('0.35', 0.2)).toEqual({ value: 0.35, message: null });
    expect(thresholdInput('-1', 0.2)).toEqual({ value: null, message: 'The threshold is a number of 0 or more; still showing links with |R| ≥ 0.2.' });
    expect(thresholdInput('', 0.2).value).toBeNull();
  });
});
