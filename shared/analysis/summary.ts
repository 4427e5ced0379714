import { seededRandom } from '../random/seededRandom';
import { deriveSeed, linearSlope, pairedSignFlipTest, type PairedTest } from './stats';
import { weightedMeanTest, weightedTrendTest, type WeightedTrend } from './metaRegression';
import { spearman, type SessionBehaviour } from './behaviour';
import { Z_95 } from './populationIntervals';
import type { FrameAnalysis } from './frameAnalysis';
import type { AnalysisSettings } from './settings';
import type { ConditionRoles } from '../dataset/conditionRoles';

/** What the summary reads of a frame (a full FrameAnalysis or the app's compact FrameStatistics). */
export type SummaryFrame = Pick<FrameAnalysis, 'condition' | 'epoch' | 'epochIndex' | 'order' | 'session' | 'fixedSize' | 'population' | 'intervals'>;

/** Which number of a frame the summary tests: the fixed-N median when there is one (so N does not drift). */
export function comparableRedundancy(frame: SummaryFrame): number {
  return frame.fixedSize?.redundancy.median ?? frame.population.redundancy;
}

export interface LearningTrend extends WeightedTrend {
  readonly condition: string;
  readonly epoch: string;
  readonly measure: 'redundancy';
  /** How the slope was tested: weighted by each session's precision (meta-regression), or least squares without intervals. */
  readonly test: 'meta-regression (Knapp–Hartung)' | 'least squares';
}

/** The variances when every one is known and positive, else null (the tests then go unweighted). */
function allKnown(variances: readonly (number | null)[]): number[] | null {
  return variances.every((v): v is number => v !== null && v > 0) ? [...variances] : null;
}

/** The sampling variance of the redundancy the summary tests (comparableRedundancy), from its 95% interval (null without one). */
function redundancyVariance(frame: SummaryFrame): number | null {
  const interval = frame.fixedSize ? frame.fixedSize.intervals?.redundancy : frame.intervals?.redundancy;
  return interval ? ((interval.high - interval.low) / (2 * Z_95)) ** 2 : null;
}

export interface ConditionComparison extends PairedTest {
  readonly epoch: string;
  readonly conditions: readonly [string, string];
  /** The precision-weighted mean difference; `p` tests it (weighted, Knapp–Hartung, or a t test without intervals). */
  readonly weightedMeanDifference: number;
  /** The paired sign-flip test of the plain mean (exact; with few days it cannot reach small p) and the paired t test. */
  readonly signFlipP: number;
  readonly pairedTP: number;
}

export interface WithinTrialTrend {
  readonly condition: string;
  /** Mean over sessions of the slope of redundancy over epoch index. */
  readonly meanSlope: number;
  /** Weighted by each session's precision, as the task − passive test. */
  readonly p: number;
  readonly signFlipP: number;
  readonly sessions: number;
}

/** Redundancy against behaviour across the sessions of one condition and epoch (Spearman). */
export interface BehaviourCorrelation {
  readonly condition: string;
  readonly epoch: string;
  readonly rho: number | null;
  readonly p: number | null;
  readonly sessions: number;
}

export interface NoiseCorrelationTrend extends WeightedTrend {
  readonly condition: string;
  readonly epoch: string;
}

export interface AnalysisSummary {
  readonly measure: string;
  /** Percent correct per session with behaviour (task sessions), and redundancy's rank correlation with it. */
  readonly behaviour: readonly SessionBehaviour[];
  readonly redundancyVsBehaviour: readonly BehaviourCorrelation[];
  readonly learning: readonly LearningTrend[];
  /**
   * The trend of the mean noise correlation over sessions, per condition and epoch (least squares on
   * session order, t on k − 2 degrees of freedom): a hypothesis of decorrelation predicts it falls, with
   * or without redundancy changing (README, "Two hypotheses").
   */
  readonly noiseCorrelationTrend: readonly NoiseCorrelationTrend[];
  readonly taskVsPassive: readonly ConditionComparison[];
  readonly withinTrial: readonly WithinTrialTrend[];
}

/**
 * Across frames (SCIENCE.md, "Statistics users expect"): the learning trend of redundancy as a
 * regression on session order, each session weighted by its precision (metaRegression.ts: a permutation
 * p assumed sessions exchangeable, which growing trial counts break); task vs passive as a paired sign-flip test across
 * sessions of the same order; the within-trial trend as each session's slope over epochs, tested
 * across sessions.
 */
export function summarize(
  frames: readonly SummaryFrame[],
  settings: AnalysisSettings,
  roles: Pick<ConditionRoles, 'task' | 'passive'>,
  behaviour: readonly SessionBehaviour[] = [],
): AnalysisSummary {
  const random = seededRandom(deriveSeed(settings.seed, 0x5eed));
  const conditions = [...new Set(frames.map((f) => f.condition))];
  const epochs = [...new Set(frames.map((f) => f.epoch))];
  const learning: LearningTrend[] = [];
  const noiseCorrelationTrend: NoiseCorrelationTrend[] = [];
  for (const condition of conditions) {
    for (const epoch of epochs) {
      const series = frames.filter((f) => f.condition === condition && f.epoch === epoch).sort((a, b) => a.order - b.order);
      if (series.length < 3) continue;
      const variances = series.map(redundancyVariance);
      const weighted = variances.every((v): v is number => v !== null && v > 0);
      const test = weightedTrendTest(series.map((f) => f.order), series.map(comparableRedundancy), weighted ? variances : null);
      learning.push({ condition, epoch, measure: 'redundancy', ...test, test: weighted ? 'meta-regression (Knapp–Hartung)' : 'least squares' });
      const correlated = series.filter((f) => f.population.meanNoiseCorrelation !== null);
      if (correlated.length >= 3) {
        noiseCorrelationTrend.push({ condition, epoch, ...weightedTrendTest(correlated.map((f) => f.order), correlated.map((f) => f.population.meanNoiseCorrelation!), null) });
      }
    }
  }
  const taskVsPassive: ConditionComparison[] = [];
  // The task and passive conditions by role (conditionRoles), whatever the dataset calls them.
  const { task, passive } = roles;
  if (task !== null && passive !== null) {
    for (const epoch of epochs) {
      const differences: number[] = [];
      const variances: (number | null)[] = [];
      for (const a of frames.filter((f) => f.condition === task && f.epoch === epoch)) {
        const b = frames.find((f) => f.condition === passive && f.epoch === epoch && f.order === a.order);
        if (!b) continue;
        differences.push(comparableRedundancy(a) - comparableRedundancy(b));
        const [va, vb] = [redundancyVariance(a), redundancyVariance(b)];
        variances.push(va !== null && vb !== null ? va + vb : null);
      }
      if (differences.length >= 2) {
        const signFlip = pairedSignFlipTest(differences, settings.permutations, random);
        const weighted = weightedMeanTest(differences, allKnown(variances));
        taskVsPassive.push({
          epoch,
          conditions: [task, passive],
          ...signFlip,
          p: weighted.p,
          weightedMeanDifference: weighted.mean,
          signFlipP: signFlip.p,
          pairedTP: weightedMeanTest(differences, null).p,
        });
      }
    }
  }
  const withinTrial: WithinTrialTrend[] = [];
  if (epochs.length >= 2) {
    for (const condition of conditions) {
      const slopes: number[] = [];
      const variances: (number | null)[] = [];
      for (const session of new Set(frames.filter((f) => f.condition === condition).map((f) => f.session))) {
        const series = frames.filter((f) => f.session === session).sort((a, b) => a.epochIndex - b.epochIndex);
        if (series.length < 2) continue;
        const x = series.map((f) => f.epochIndex);
        slopes.push(linearSlope(x, series.map(comparableRedundancy)));
        // Var of a least-squares slope: Σ ((x − x̄)/Sxx)² v_e (epochs of one session taken as independent).
        const mx = x.reduce((s, v) => s + v, 0) / x.length;
        const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
        const v = series.map(redundancyVariance);
        variances.push(v.every((e) => e !== null) ? series.reduce((s, _, e) => s + ((x[e]! - mx) / sxx) ** 2 * v[e]!, 0) : null);
      }
      if (slopes.length >= 2) {
        const signFlip = pairedSignFlipTest(slopes, settings.permutations, random);
        const weighted = weightedMeanTest(slopes, allKnown(variances));
        withinTrial.push({ condition, meanSlope: signFlip.meanDifference, p: weighted.p, signFlipP: signFlip.p, sessions: slopes.length });
      }
    }
  }
  const redundancyVsBehaviour: BehaviourCorrelation[] = [];
  const scored = new Map(behaviour.map((b) => [b.session, b.percentCorrect]));
  for (const condition of conditions) {
    for (const epoch of epochs) {
      const series = frames.filter((f) => f.condition === condition && f.epoch === epoch && scored.has(f.session));
      if (series.length < 3) continue;
      const { rho, p } = spearman(series.map(comparableRedundancy), series.map((f) => scored.get(f.session)!));
      redundancyVsBehaviour.push({ condition, epoch, rho, p, sessions: series.length });
    }
  }
  return {
    measure: 'population redundancy I_shuffle − I (median over fixed-N subsets where computed)',
    behaviour: [...behaviour],
    redundancyVsBehaviour,
    learning,
    noiseCorrelationTrend,
    taskVsPassive,
    withinTrial,
  };
}
