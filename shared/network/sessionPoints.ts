/** What the "correlation vs redundancy" chart reads of a frame (a FrameAnalysis or a timeline frame). */
interface PointFrame {
  readonly condition: string;
  readonly order: number;
  readonly epoch: string;
  readonly population: { readonly redundancy: number; readonly meanNoiseCorrelation: number | null };
}

export interface SessionPoint {
  readonly condition: string;
  readonly order: number;
  readonly meanNoiseCorrelation: number;
  readonly redundancy: number;
}

/**
 * One point per session and condition — mean noise correlation against population redundancy — in one
 * epoch (the first when none is named), in learning order: decorrelation moves points left, growing
 * redundancy moves them up, and the chart shows which a dataset (or a model) does.
 */
export function sessionPoints(frames: readonly PointFrame[], epoch: string | null = null): SessionPoint[] {
  const chosen = epoch ?? frames[0]?.epoch ?? null;
  return frames
    .filter((f) => f.epoch === chosen && f.population.meanNoiseCorrelation !== null)
    .map((f) => ({ condition: f.condition, order: f.order, meanNoiseCorrelation: f.population.meanNoiseCorrelation!, redundancy: f.population.redundancy }))
    .sort((a, b) => byCodePoint(a.condition, b.condition) || a.order - b.order);
}

// Not localeCompare: the same order in every locale, and no collator to build (its first use cost
// ~100 ms on the way to the demo's first frame).
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
