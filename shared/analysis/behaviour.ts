import type { Dataset } from '../dataset/types';
import { studentTTwoSided } from '../math/studentT';
import { normalCdf, normalPdf } from '../math/normal';
import { averageRanks } from './choiceProbability';

/** How well the animal did in one session: the share of its trials answered correctly. */
export interface SessionBehaviour {
  readonly session: string;
  readonly condition: string;
  readonly order: number;
  /** Trials that count: those with a correct/incorrect mark (or, without one, a choice and a non-zero signed stimulus). */
  readonly trials: number;
  readonly percentCorrect: number;
  /** Where the marks came from: the dataset's `correct`, or choices against the stimulus's sign. */
  readonly from: 'correct' | 'choice and stimulus sign';
  /** The psychometric function fitted to the choices (psychometricFit), where its signal levels allow one. */
  readonly psychometric: PsychometricFit | null;
}

/**
 * A cumulative Gaussian P(choice 1 | s) = Φ((s − bias)/σ), fitted by maximum likelihood (probit
 * regression). `threshold` = 0.6745 σ: the stimulus change that takes choices from 50% to 75%.
 */
export interface PsychometricFit {
  readonly bias: number;
  readonly threshold: number;
  readonly trials: number;
}

/** Φ⁻¹(0.75): from the point of equal choices to 75% of one. */
const QUARTILE_Z = 0.6744897501960817;

/**
 * Probit regression of choices on the stimulus by Fisher scoring (IRLS). Null where the levels cannot
 * pin a threshold: fewer than 3 stimulus values with choices, a fit that does not converge, choices that
 * do not rise with the stimulus, or choices separated perfectly by it (σ → 0: steeper than the levels
 * resolve).
 */
export function psychometricFit(stimulus: ArrayLike<number>, choice: ArrayLike<number>): PsychometricFit | null {
  const m = stimulus.length;
  if (new Set(Array.from(stimulus)).size < 3 || m < 10) return null;
  let mean = 0;
  for (let t = 0; t < m; t++) mean += stimulus[t]! / m;
  let spread = 0;
  for (let t = 0; t < m; t++) spread += (stimulus[t]! - mean) ** 2 / m;
  if (!(spread > 0)) return null;
  let [a, b] = [0, 1 / Math.sqrt(spread)];
  for (let iteration = 0; iteration < 100; iteration++) {
    // Weighted least squares of the working response z on (1, s), weights φ²/(p(1 − p)).
    let [w0, w1, w2, z0, z1] = [0, 0, 0, 0, 0];
    for (let t = 0; t < m; t++) {
      const s = stimulus[t]!;
      const eta = a + b * s;
      const p = Math.min(Math.max(normalCdf(eta), 1e-12), 1 - 1e-12);
      const density = Math.max(normalPdf(eta), 1e-300);
      const weight = (density * density) / (p * (1 - p));
      const z = eta + (choice[t]! - p) / density;
      w0 += weight;
      w1 += weight * s;
      w2 += weight * s * s;
      z0 += weight * z;
      z1 += weight * z * s;
    }
    const det = w0 * w2 - w1 * w1;
    if (!(det > 0)) return null;
    const [na, nb] = [(w2 * z0 - w1 * z1) / det, (w0 * z1 - w1 * z0) / det];
    const done = Math.abs(na - a) + Math.abs(nb - b) * Math.sqrt(spread) < 1e-12;
    [a, b] = [na, nb];
    // Perfect separation: the slope grows without bound, 50 noise units across the stimulus range.
    if (!Number.isFinite(b) || Math.abs(b) * Math.sqrt(spread) > 50) return null;
    if (done) return b > 0 ? { bias: -a / b, threshold: QUARTILE_Z / b, trials: m } : null;
  }
  return null;
}

/**
 * Percent correct per session with behaviour (and the psychometric fit where the choices allow one): from `trials.correct` where the dataset has it, else from
 * choices on a signed design (choice 1 is right for a positive stimulus; zero-signal trials have no right
 * answer and are left out). Sessions without either (passive viewing) have no entry.
 */
export function sessionBehaviour(dataset: Pick<Dataset, 'sessions'>): SessionBehaviour[] {
  return dataset.sessions.flatMap((session) => {
    let right = 0;
    let counted = 0;
    let from: SessionBehaviour['from'];
    if (session.correct) {
      from = 'correct';
      for (const mark of session.correct) {
        counted++;
        right += mark === 1 ? 1 : 0;
      }
    } else if (session.choice && session.stimulus.some((s) => s < 0) && session.stimulus.some((s) => s > 0)) {
      from = 'choice and stimulus sign';
      session.stimulus.forEach((s, t) => {
        if (s === 0) return;
        counted++;
        right += session.choice![t] === (s > 0 ? 1 : 0) ? 1 : 0;
      });
    } else return [];
    const psychometric = session.choice ? psychometricFit(session.stimulus, session.choice) : null;
    return counted === 0 ? [] : [{ session: session.id, condition: session.condition, order: session.order, trials: counted, percentCorrect: (100 * right) / counted, from, psychometric }];
  });
}

/**
 * Spearman's rank correlation with its two-sided p from t = ρ √((n − 2)/(1 − ρ²)) on n − 2 degrees of
 * freedom (the approximation scipy.stats.spearmanr uses). n < 3: ρ and p are null.
 */
export function spearman(x: readonly number[], y: readonly number[]): { rho: number | null; p: number | null } {
  const n = x.length;
  if (n < 3) return { rho: null, p: null };
  const [rx, ry] = [averageRanks(x), averageRanks(y)];
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    sxy += (rx[k]! - mean) * (ry[k]! - mean);
    sxx += (rx[k]! - mean) ** 2;
    syy += (ry[k]! - mean) ** 2;
  }
  if (!(sxx > 0 && syy > 0)) return { rho: null, p: null };
  const rho = sxy / Math.sqrt(sxx * syy);
  const p = Math.abs(rho) >= 1 ? 0 : studentTTwoSided(rho * Math.sqrt((n - 2) / (1 - rho * rho)), n - 2);
  return { rho, p };
}
