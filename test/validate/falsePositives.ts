import { runAnalysis } from '../../shared/analysis/engine/runAnalysis';
import { resolveSettings } from '../../shared/analysis/settings';
import type { Dataset, Session } from '../../shared/dataset/types';
import { seededRandom } from '../../shared/random/seededRandom';
import { syntheticDataset } from '../helpers/syntheticDataset';

/**
 * False positives of the summary's tests on null series (`npm run validate`; a seeded subset in
 * test/unit/analysis/falsePositives.test.ts): every session, condition and epoch is drawn from the same
 * population, so no learning trend, no task − passive difference and no within-trial trend is real.
 * Designs: equal trial counts; trial counts growing over sessions (as in every real learning series);
 * and neuron sets that change from session to session (the tests then compare a fixed N).
 */
export interface NullDesign {
  readonly label: string;
  readonly sessions: number;
  readonly neurons: number;
  /** Trials per side of session s (0-based). */
  readonly trialsPerSide: (session: number) => number;
  /** Share of neurons recorded in each session (1 = all, the same set). */
  readonly present: number;
}

export const NULL_DESIGNS: readonly NullDesign[] = [
  { label: 'equal trials', sessions: 6, neurons: 12, trialsPerSide: () => 40, present: 1 },
  { label: 'trials growing 20 → 120', sessions: 6, neurons: 12, trialsPerSide: (s) => 20 + 20 * s, present: 1 },
  { label: 'changing neuron sets (80%), growing trials', sessions: 6, neurons: 15, trialsPerSide: (s) => 25 + 15 * s, present: 0.8 },
];

/** One null series: task and passive sessions on the same days, two epochs, all from one population. */
export function nullSeries(design: NullDesign, seed: number): Dataset {
  const random = seededRandom(seed);
  const sessions: Session[] = [];
  let base: Dataset | null = null;
  for (let s = 0; s < design.sessions; s++) {
    const present = Uint8Array.from({ length: design.neurons }, () => (design.present >= 1 || random.uniform() < design.present ? 1 : 0));
    for (const condition of ['task', 'passive']) {
      const epochs = [0, 1].map((e) => syntheticDataset({ neurons: design.neurons, trialsPerSide: design.trialsPerSide(s), levels: [1.5, 3], epsilon: 0.3, seed: seed * 7919 + s * 31 + (condition === 'task' ? 0 : 17) + e * 5 }));
      base ??= epochs[0]!;
      const [a, b] = epochs.map((d) => d.sessions[0]!) as [Session, Session];
      const n = design.neurons;
      // Two epochs of the same trials: epoch 2's responses are the second draw's, trial for trial.
      const responses = new Float32Array(a.trialCount * 2 * n);
      for (let t = 0; t < a.trialCount; t++) {
        responses.set(a.responses.subarray(t * n, (t + 1) * n), (t * 2) * n);
        responses.set(b.responses.subarray(t * n, (t + 1) * n), (t * 2 + 1) * n);
      }
      sessions.push({
        ...a,
        id: `day${s + 1}-${condition}`,
        order: s + 1,
        condition,
        epochs: [
          { name: 'early', start: 0, end: 0.5 },
          { name: 'late', start: 0.5, end: 1 },
        ],
        present,
        responses,
      });
    }
  }
  return { ...base!, name: 'null series', sessions };
}

export interface FalsePositiveRow {
  readonly design: string;
  readonly test: string;
  readonly pValues: number;
  /** Share of p < 0.05. */
  readonly rate: number;
}

export async function falsePositives(design: NullDesign, series: number, seed: number): Promise<FalsePositiveRow[]> {
  const settings = resolveSettings({ intervalDraws: 500, decoderFolds: 0, shuffles: 0, subsets: 20, permutations: 199, seed });
  const p: Record<string, number[]> = { 'learning trend': [], 'task − passive': [], 'within-trial trend': [] };
  for (let k = 0; k < series; k++) {
    const { summary } = await runAnalysis(nullSeries(design, seed * 100_000 + k), { ...settings, seed: seed * 100_000 + k });
    p['learning trend']!.push(...summary.learning.map((t) => t.p));
    p['task − passive']!.push(...summary.taskVsPassive.map((t) => t.p));
    p['within-trial trend']!.push(...summary.withinTrial.map((t) => t.p));
  }
  return Object.entries(p).map(([test, values]) => ({ design: design.label, test, pValues: values.length, rate: values.filter((v) => v < 0.05).length / Math.max(1, values.length) }));
}

export function falsePositiveTable(rows: readonly FalsePositiveRow[]): string {
  return ['| test | null design | p-values | p < 0.05 |', '|---|---|---:|---:|', ...rows.map((r) => `| ${r.test} | ${r.design} | ${r.pValues} | ${(100 * r.rate).toFixed(1)}% |`)].join('\n');
}
