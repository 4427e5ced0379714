/**
 * The first pass of every dataset shown: point estimates of every frame, built into the timeline the
 * scene draws, with the notices to show beside it and the context the statistics pass keeps (the
 * frames' plans, fixed N, the relevance split). One function for the app's worker and for the demo
 * timeline built with the app, so the shipped demo is the demo the worker would compute.
 */
import type { Dataset, DatasetIssue } from '../dataset/types';
import { noticeLines } from '../dataset/issueOrder';
import { NO_ANALYSIS_CHOICES, POINT_ESTIMATES_ONLY, resolveSettings, type AnalysisChoices } from '../analysis/settings';
import { runAnalysis, type AnalysisRunOptions, type RunContext } from '../analysis/engine/runAnalysis';
import { buildTimeline, DEFAULT_TIMELINE_OPTIONS, type Timeline } from './timeline';

export interface PointTimeline {
  readonly timeline: Timeline;
  /** The reader's warnings and every frame's issues, most important first. */
  readonly warnings: string[];
  readonly context: RunContext;
}

export async function pointEstimateTimeline(
  dataset: Dataset,
  readWarnings: readonly DatasetIssue[],
  options: Pick<AnalysisRunOptions, 'pool' | 'signal' | 'onProgress' | 'file'> = {},
  choices: AnalysisChoices = NO_ANALYSIS_CHOICES,
): Promise<PointTimeline> {
  const output = await runAnalysis(dataset, resolveSettings({ ...POINT_ESTIMATES_ONLY, ...choices }), options);
  const timeline = buildTimeline(dataset, output.frames, DEFAULT_TIMELINE_OPTIONS, output.relevance);
  const warnings = noticeLines([...readWarnings, ...output.frames.flatMap((frame) => frame.issues)]);
  const context: RunContext = { fixedNeurons: output.fixedNeurons, highRelevance: output.highRelevance, relevance: output.relevance, plans: output.plans };
  return { timeline, warnings, context };
}
