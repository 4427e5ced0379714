import type { FrameAnalysis } from './frameAnalysis';

/** What the app's summary panel needs of a frame: population measures with their intervals, no pair arrays. */
export interface FrameStatistics {
  readonly session: string;
  readonly condition: string;
  readonly order: number;
  readonly epoch: string;
  readonly epochIndex: number;
  readonly population: FrameAnalysis['population'];
  readonly intervals: FrameAnalysis['intervals'];
  readonly fixedSize: FrameAnalysis['fixedSize'];
  readonly decoders: FrameAnalysis['decoders'];
  readonly relevance: FrameAnalysis['relevance'];
  readonly meanSignalCorrelation: number | null;
  readonly significantPairs: number | null;
}

export function frameStatistics(frame: FrameAnalysis): FrameStatistics {
  return {
    session: frame.session,
    condition: frame.condition,
    order: frame.order,
    epoch: frame.epoch,
    epochIndex: frame.epochIndex,
    population: frame.population,
    intervals: frame.intervals,
    fixedSize: frame.fixedSize,
    decoders: frame.decoders,
    relevance: frame.relevance,
    meanSignalCorrelation: frame.meanSignalCorrelation,
    significantPairs: frame.pairSignificant ? frame.pairSignificant.reduce((sum, flag) => sum + flag, 0) : null,
  };
}
