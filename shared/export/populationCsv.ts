import { csvText } from './csvText';
import type { FrameAnalysis } from '../analysis/frameAnalysis';

/**
 * The population values of every frame as a CSV table, one row per session × epoch, for a spreadsheet:
 * the same numbers as the results JSON's `population` and `intervals` (empty where undefined, e.g. a
 * noise correlation with one neuron, or an interval the statistics pass did not compute).
 */
export function populationCsv(frames: readonly FrameAnalysis[]): string {
  const header = [
    'session', 'condition', 'order', 'epoch', 'trials', 'neurons',
    'fisher', 'fisher_low', 'fisher_high', 'fisher_shuffled', 'fisher_shuffled_low', 'fisher_shuffled_high',
    'redundancy', 'redundancy_low', 'redundancy_high', 'redundancy_percent', 'mean_noise_correlation',
  ];
  const rows = frames.map((f) => {
    const { population: p, intervals: i } = f;
    return [
      f.session, f.condition, f.order, f.epoch, f.trials, f.neuronsUsed,
      p.fisher, i?.fisher.low, i?.fisher.high, p.fisherShuffled, i?.fisherShuffled.low, i?.fisherShuffled.high,
      p.redundancy, i?.redundancy.low, i?.redundancy.high, p.redundancyPercent, p.meanNoiseCorrelation,
    ];
  });
  return csvText(header, rows);
}
