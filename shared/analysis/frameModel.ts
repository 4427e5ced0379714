import type { FrameData } from './frameData';
import { discriminations, isSignedDesign, zeroSignalTrials, type Discrimination } from './discrimination';
import { chooseCovariance, levelStatistics, type CovarianceSource, type LevelStatistics } from './levelStatistics';
import { classScatters, type ClassScatter } from './classScatter';
import type { AnalysisSettings } from './settings';

/** One frame's data with everything its estimators share: discriminations, covariance source, per-level f′ and Σ̂. */
export interface FrameModel {
  readonly frame: FrameData;
  readonly discriminations: Discrimination[];
  readonly source: CovarianceSource;
  readonly zeroTrials: number[];
  readonly levels: LevelStatistics[];
  readonly scatters: ClassScatter[];
}

/** `scatters`, when given, are the frame's class scatters computed elsewhere (an accelerator's: frameMeasuresAsync). */
export function frameModel(frame: FrameData, settings: AnalysisSettings, source?: CovarianceSource, scatters: ClassScatter[] = classScatters(frame)): FrameModel {
  const zeroTrials = zeroSignalTrials(frame.stimulus);
  const chosen = source ?? chooseCovariance(settings.covariance, isSignedDesign(frame.stimulus), zeroTrials.length, frame.neurons.length);
  const levels = discriminations(frame.stimulus, settings);
  return { frame, discriminations: levels, source: chosen, zeroTrials, levels: levelStatistics(frame, levels, chosen, zeroTrials, scatters), scatters };
}
