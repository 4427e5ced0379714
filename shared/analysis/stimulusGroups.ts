/** Trials grouped by exact stimulus value, in ascending order of value. */
export function groupTrialsByStimulus(stimulus: Float64Array): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  stimulus.forEach((value, t) => {
    const group = groups.get(value);
    if (group) group.push(t);
    else groups.set(value, [t]);
  });
  return new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
}

/** One discrimination: T1 trials at −c against T2 trials at +c, ds = 2c. */
export interface DiscriminationLevel {
  readonly signal: number;
  readonly minus: readonly number[];
  readonly plus: readonly number[];
}

/**
 * The ±c pairs of a signed stimulus (SCIENCE.md: discrimination of s− vs s+ with ds = 2c).
 * Levels need at least two trials on each side; `maxAbsSignal` keeps only |c| ≤ limit (the study: 20).
 */
export function discriminationLevels(stimulus: Float64Array, maxAbsSignal: number | null): DiscriminationLevel[] {
  const groups = groupTrialsByStimulus(stimulus);
  const levels: DiscriminationLevel[] = [];
  for (const [value, plus] of groups) {
    if (!(value > 0) || (maxAbsSignal !== null && value > maxAbsSignal)) continue;
    const minus = groups.get(-value);
    if (minus && minus.length >= 2 && plus.length >= 2) levels.push({ signal: value, minus, plus });
  }
  return levels;
}
