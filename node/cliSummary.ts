import type { AnalysisOutput } from '../shared/analysis/engine/runAnalysis';
import { comparableRedundancy } from '../shared/analysis/summary';

/**
 * A few human lines after `analyze --out`: per condition and epoch, the population redundancy at the
 * first and the last session with the learning slope and its permutation p; for a condition with one
 * session, each frame's population values (there is no trend to give); then task vs passive.
 */
export function learningSummaryLines(output: AnalysisOutput): string[] {
  const lines: string[] = [];
  if (output.fixedNeurons !== null) lines.push(`redundancy at a fixed N = ${output.fixedNeurons} neurons (median over subsets)`);
  for (const trend of output.summary.learning) {
    const series = output.frames.filter((f) => f.condition === trend.condition && f.epoch === trend.epoch).sort((a, b) => a.order - b.order);
    const first = comparableRedundancy(series[0]!);
    const last = comparableRedundancy(series[series.length - 1]!);
    lines.push(
      `${`${trend.condition} · ${trend.epoch}`.padEnd(28)} redundancy ${first.toFixed(3)} → ${last.toFixed(3)} over ${series.length} sessions; slope ${trend.slope >= 0 ? '+' : ''}${trend.slope.toFixed(4)}/session, p = ${trend.p.toPrecision(2)}`,
    );
  }
  // Where there is no trend (one session of a condition), what there is: each frame's population values.
  const trended = new Set(output.summary.learning.map((t) => `${t.condition}\u0000${t.epoch}`));
  for (const frame of output.frames) {
    if (trended.has(`${frame.condition}\u0000${frame.epoch}`)) continue;
    const { fisher, fisherShuffled, meanNoiseCorrelation } = frame.population;
    lines.push(
      `${`${frame.condition} · ${frame.epoch}`.padEnd(28)} session ${frame.session}: redundancy ${comparableRedundancy(frame).toFixed(3)}, I ${fisher.toFixed(3)}, I_shuffle ${fisherShuffled.toFixed(3)}, mean noise correlation ${meanNoiseCorrelation === null ? 'undefined (fewer than 2 neurons)' : meanNoiseCorrelation.toFixed(3)}; one session, no learning trend`,
    );
  }
  for (const test of output.summary.taskVsPassive) {
    lines.push(`${`${test.conditions[0]} − ${test.conditions[1]} · ${test.epoch}`.padEnd(28)} mean difference ${test.meanDifference >= 0 ? '+' : ''}${test.meanDifference.toFixed(3)} over ${test.pairs} days, p = ${test.p.toPrecision(2)}`);
  }
  return lines;
}
