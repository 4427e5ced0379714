import type { Dataset } from '../dataset/types';
import { studentTTwoSided } from '../math/studentT';
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
}

/**
 * Percent correct per session with behaviour: from `trials.correct` where the dataset has it, else from
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
    return counted === 0 ? [] : [{ session: session.id, condition: session.condition, order: session.order, trials: counted, percentCorrect: (100 * right) / counted, from }];
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
