import { describe, expect, it } from 'vitest';
import { shownPartners } from '../../../shared/kiosk/partners';
import { syntheticTimeline } from '../../../shared/network/syntheticTimeline';

describe('a tapped neuron’s partners', () => {
  // Four neurons, every pair a link: edges and weights written out so the answer is known.
  const base = syntheticTimeline(4, 6, 1, 1, 1);
  const edges = Uint32Array.from([0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3]);
  // One frame: pair (0,3) unmeasured (0), pair (1,2) weakest.
  const edgeWeights = Float32Array.from([0.5, -0.4, 0, 0.01, 0.3, 0.2]);
  const edgeRank = Float32Array.from([0, 1, 5, 4, 2, 3]);
  const timeline = { ...base, edges, edgeWeights, edgeRank, edgeSignificant: Uint8Array.from([1, 0, 0, 0, 1, 0]) };

  it('counts the links the filter shows, of either sign, never an unmeasured pair', () => {
    expect(shownPartners(timeline, 0, 0, { mode: 'top', count: 6 })).toEqual([1, 2]);
    expect(shownPartners(timeline, 0, 0, { mode: 'top', count: 1 })).toEqual([1]);
    expect(shownPartners(timeline, 0, 3, { mode: 'threshold', value: 0.25 })).toEqual([1]);
    expect(shownPartners(timeline, 0, 1, { mode: 'significant' })).toEqual([0, 3]);
    expect(shownPartners(timeline, 0, 2, { mode: 'top', count: 3 })).toEqual([0]);
  });
});
