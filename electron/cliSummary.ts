import type { FrameAnalysis } from '../shared/analysis/frameAnalysis';

/**
 * A few human lines after `analyze --out`: per condition and epoch, the population redundancy at the
 * first and the last session, so a person sees the learning effect without opening the JSON.
 */
export function learningSummaryLines(frames: readonly FrameAnalysis[]): string[] {
  const groups = new Map<string, FrameAnalysis[]>();
  for (const frame of frames) {
    const key = `${frame.condition} · ${frame.epoch}`;
    groups.set(key, [...(groups.get(key) ?? []), frame]);
  }
  const lines: string[] = [];
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.order - b.order);
    const first = sorted[0]!.population;
    const last = sorted[sorted.length - 1]!.population;
    lines.push(
      `${key.padEnd(32)} redundancy ${first.redundancy.toFixed(3)} → ${last.redundancy.toFixed(3)} over ${sorted.length} sessions (I_bc ${first.fisher.toFixed(3)} → ${last.fisher.toFixed(3)})`,
    );
  }
  return lines;
}
