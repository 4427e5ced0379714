import { seededRandom } from '../random/seededRandom';
import { deriveSeed, linearSlope, pairedSignFlipTest, slopePermutationTest, type PairedTest, type TrendTest } from './stats';
import type { FrameAnalysis } from './frameAnalysis';
import type { AnalysisSettings } from './settings';
import type { ConditionRoles } from '../dataset/conditionRoles';

/** What the summary reads of a frame (a full FrameAnalysis or the app's compact FrameStatistics). */
export type SummaryFrame = Pick<FrameAnalysis, 'condition' | 'epoch' | 'epochIndex' | 'order' | 'session' | 'fixedSize' | 'population'>;

/** Which number of a frame the summary tests: the fixed-N median when there is one (so N does not drift). */
export function comparableRedundancy(frame: SummaryFrame): number {
  return frame.fixedSize?.redundancy.median ?? frame.population.redundancy;
}

export interface LearningTrend extends TrendTest {
  readonly condition: string;
  readonly epoch: string;
  readonly measure: 'redundancy';
}

export interface ConditionComparison extends PairedTest {
  readonly epoch: string;
  readonly conditions: readonly [string, string];
}

export interface WithinTrialTrend {
  readonly condition: string;
  /** Mean over sessions of the slope of redundancy over epoch index. */
  readonly meanSlope: number;
  readonly p: number;
  readonly sessions: number;
}

export interface AnalysisSummary {
  readonly measure: string;
  readonly learning: readonly LearningTrend[];
  readonly taskVsPassive: readonly ConditionComparison[];
  readonly withinTrial: readonly WithinTrialTrend[];
}

/**
 * Across frames (SCIENCE.md, "Statistics users expect"): the learning trend of redundancy as a
 * regression on session order with a permutation p; task vs passive as a paired sign-flip test across
 * sessions of the same order; the within-trial trend as each session's slope over epochs, tested
 * across sessions.
 */
export function summarize(frames: readonly SummaryFrame[], settings: AnalysisSettings, roles: Pick<ConditionRoles, 'task' | 'passive'>): AnalysisSummary {
  const random = seededRandom(deriveSeed(settings.seed, 0x5eed));
  const conditions = [...new Set(frames.map((f) => f.condition))];
  const epochs = [...new Set(frames.map((f) => f.epoch))];
  const learning: LearningTrend[] = [];
  for (const condition of conditions) {
    for (const epoch of epochs) {
      const series = frames.filter((f) => f.condition === condition && f.epoch === epoch).sort((a, b) => a.order - b.order);
      if (series.length < 3) continue;
      const test = slopePermutationTest(series.map((f) => f.order), series.map(comparableRedundancy), settings.permutations, random);
      learning.push({ condition, epoch, measure: 'redundancy', ...test });
    }
  }
  const taskVsPassive: ConditionComparison[] = [];
  // The task and passive conditions by role (conditionRoles), whatever the dataset calls them.
  const { task, passive } = roles;
  if (task !== null && passive !== null) {
    for (const epoch of epochs) {
      const differences: number[] = [];
      for (const a of frames.filter((f) => f.condition === task && f.epoch === epoch)) {
        const b = frames.find((f) => f.condition === passive && f.epoch === epoch && f.order === a.order);
        if (b) differences.push(comparableRedundancy(a) - comparableRedundancy(b));
      }
      if (differences.length >= 2) taskVsPassive.push({ epoch, conditions: [task, passive], ...pairedSignFlipTest(differences, settings.permutations, random) });
    }
  }
  const withinTrial: WithinTrialTrend[] = [];
  if (epochs.length >= 2) {
    for (const condition of conditions) {
      const slopes: number[] = [];
      for (const session of new Set(frames.filter((f) => f.condition === condition).map((f) => f.session))) {
        const series = frames.filter((f) => f.session === session).sort((a, b) => a.epochIndex - b.epochIndex);
        if (series.length >= 2) slopes.push(linearSlope(series.map((f) => f.epochIndex), series.map(comparableRedundancy)));
      }
      if (slopes.length >= 2) {
        const test = pairedSignFlipTest(slopes, settings.permutations, random);
        withinTrial.push({ condition, meanSlope: test.meanDifference, p: test.p, sessions: slopes.length });
      }
    }
  }
  return {
    measure: 'population redundancy I_shuffle − I (median over fixed-N subsets where computed)',
    learning,
    taskVsPassive,
    withinTrial,
  };
}
