import { describe, expect, it } from 'vitest';
import { decodeTimelineFile, encodeTimelineFile } from '../../../shared/network/timelineFile';
import { pointEstimateTimeline } from '../../../shared/network/pointTimeline';
import { simulateLearningDataset, DEMO_SEED } from '../../../shared/simulate/learningDemo';
import { demoTimelineBytes } from '../../../node/demoTimelineFile';
import type { Timeline } from '../../../shared/network/timeline';

/** A copy of the bytes in a buffer of their own, as fetch hands them over. */
const asBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

describe('the timeline file (the demo shipped with the app)', () => {
  it('gives back every field: typed arrays of each kind, NaN and ±Infinity, nested objects, nulls', () => {
    const content = {
      timeline: {
        datasetName: 'probe',
        edges: Uint32Array.from([0, 1, 1, 2, 4_000_000_000, 3]),
        edgeWeights: Float32Array.from([0.5, Number.NaN, -1.25]),
        nodeUsed: Uint8Array.from([1, 0, 1]),
        odd: Float32Array.from([1, 2, 3]), // 12 bytes: the next array must still be aligned
        layouts: { anatomical: Float32Array.from([1, 2, 3, 4, 5, 6]) },
        frames: [{ population: { redundancy: Number.NaN, fisher: Number.POSITIVE_INFINITY, other: Number.NEGATIVE_INFINITY, ok: 0.25 } }],
        edgeSignificant: null,
        comparison: { task: 0, passive: 1 },
      } as unknown as Timeline,
      warnings: ['one neuron never fires'],
      source: 'demo',
    };
    const decoded = decodeTimelineFile(asBuffer(encodeTimelineFile(content)));
    expect(decoded).toEqual(content);
    const timeline = decoded.timeline as unknown as typeof content.timeline & { odd: Float32Array };
    expect(timeline.edges).toBeInstanceOf(Uint32Array);
    expect(timeline.edges[4]).toBe(4_000_000_000);
    expect(Number.isNaN(timeline.edgeWeights[1])).toBe(true);
    expect(timeline.frames[0]!.population).toEqual({ redundancy: Number.NaN, fisher: Infinity, other: -Infinity, ok: 0.25 });
    // Viewed in place: every array is a window on the one buffer, each 8-byte aligned.
    for (const array of [timeline.edges, timeline.edgeWeights, timeline.nodeUsed, timeline.odd, timeline.layouts.anatomical]) expect(array.byteOffset % 8).toBe(0);
  });

  it('refuses what it did not write, naming the file', () => {
    const good = encodeTimelineFile({ timeline: { edges: Uint32Array.from([1, 2]) } as unknown as Timeline, warnings: [], source: 'demo' });
    expect(() => decodeTimelineFile(asBuffer(new TextEncoder().encode('<html>not found</html>')), 'demo-timeline.bin')).toThrow(
      /^demo-timeline\.bin: not a Chorus timeline file$/,
    );
    const newer = good.slice();
    new DataView(newer.buffer).setUint32(8, 2, true);
    expect(() => decodeTimelineFile(asBuffer(newer), 'demo-timeline.bin')).toThrow(/format version 2, this Chorus reads version 1/);
    expect(() => decodeTimelineFile(asBuffer(good.subarray(0, good.length - 4)), 'demo-timeline.bin')).toThrow(/Uint32Array of 2 runs past the end of the file/);
    expect(() => decodeTimelineFile(asBuffer(good.subarray(0, 20)), 'demo-timeline.bin')).toThrow(/header runs past the end/);
  });

  it("holds the demo's point-estimate timeline exactly as the app's worker computes it", async () => {
    const computed = await pointEstimateTimeline(simulateLearningDataset({ seed: DEMO_SEED }), []);
    const shipped = decodeTimelineFile(asBuffer(await demoTimelineBytes()));
    expect(shipped.source).toBe('demo');
    expect(shipped.warnings).toEqual(computed.warnings);
    expect(shipped.timeline).toEqual(computed.timeline);
    expect(shipped.timeline.edges.length).toBeGreaterThan(1000);
  }, 60_000);
});
