import { describe, expect, it } from 'vitest';
import { largestNodes } from '../../../shared/network/labelledNodes';

describe('the nodes named in a frame', () => {
  it('are the k largest, largest first, ties by index', () => {
    expect(largestNodes([0.1, 0.5, 0.3, 0.5], 3, [1, 1, 1, 1])).toEqual([1, 3, 2]);
  });

  it('never include a neuron not measured in the frame, however large its drawn size', () => {
    // Neuron 0 recorded only in the other session: drawn at the base size, named never.
    expect(largestNodes([0.9, 0.2], 5, [0, 1])).toEqual([1]);
    expect(largestNodes([0.9, 0.2], 5, [0, 0])).toEqual([]);
  });
});
