import { groupTrialsByStimulus } from './stimulusGroups';
import type { AnalysisSettings } from './settings';

/** One fine discrimination: trials at `low` against trials at `high`, ds = high − low. */
export interface Discrimination {
  readonly label: string;
  readonly low: number;
  readonly high: number;
  readonly lowTrials: readonly number[];
  readonly highTrials: readonly number[];
  readonly ds: number;
}

/** Signed designs list ±c for every c (SCIENCE.md): then 0 marks zero-signal trials. */
export function isSignedDesign(stimulus: Float64Array): boolean {
  const values = new Set(stimulus);
  for (const value of values) if (value !== 0 && !values.has(-value)) return false;
  return values.size > 1;
}

export function zeroSignalTrials(stimulus: Float64Array): number[] {
  const trials: number[] = [];
  stimulus.forEach((value, t) => {
    if (value === 0) trials.push(t);
  });
  return trials;
}

/**
 * The stored stimulus value a typed one names: equal to 1e-6 (relative), or equal to the digits typed —
 * `0.5236` names 0.5235987755982988 (π/6), as a person reading a table would mean. Unmatched: itself.
 */
export function storedValue(values: readonly number[], wanted: number): number {
  const close = values.find((value) => Math.abs(value - wanted) <= 1e-6 * Math.max(1, Math.abs(wanted)));
  if (close !== undefined) return close;
  const decimals = /\.(\d+)$/.exec(String(wanted))?.[1]?.length ?? 0;
  const typed = values.filter((value) => Math.abs(value - wanted) <= 0.5 * 10 ** -decimals + 1e-12 * Math.max(1, Math.abs(wanted)));
  return typed.length === 1 ? typed[0]! : wanted;
}

/**
 * The discriminations a frame's information is combined over:
 *  - signed design: each −c vs +c (ds = 2c), |c| ≤ maxAbsStimulus;
 *  - `discriminate: [A, B]`: exactly A vs B;
 *  - any other design (e.g. 12 orientations): every pair of adjacent stimulus values.
 * Each side needs at least two trials.
 */
export function discriminations(stimulus: Float64Array, settings: Pick<AnalysisSettings, 'maxAbsStimulus' | 'discriminate'> & Partial<Pick<AnalysisSettings, 'circularPeriod'>>): Discrimination[] {
  const groups = groupTrialsByStimulus(stimulus);
  const make = (low: number, high: number, label: string, ds = high - low): Discrimination | null => {
    const lowTrials = groups.get(low);
    const highTrials = groups.get(high);
    if (!lowTrials || !highTrials || lowTrials.length < 2 || highTrials.length < 2) return null;
    return { label, low, high, lowTrials, highTrials, ds };
  };
  const found: (Discrimination | null)[] = [];
  if (settings.discriminate !== null) {
    const [a, b] = settings.discriminate.map((wanted) => storedValue([...groups.keys()], wanted)) as [number, number];
    found.push(make(Math.min(a, b), Math.max(a, b), `${Math.min(a, b)} vs ${Math.max(a, b)}`));
  } else if (isSignedDesign(stimulus)) {
    for (const value of groups.keys()) {
      if (value > 0 && (settings.maxAbsStimulus === null || value <= settings.maxAbsStimulus)) found.push(make(-value, value, `±${value}`));
    }
  } else {
    const values = [...groups.keys()];
    for (let k = 0; k + 1 < values.length; k++) found.push(make(values[k]!, values[k + 1]!, `${values[k]} vs ${values[k + 1]}`));
    // Circular stimuli: the last value and the first one period on are adjacent too (165° → 180° ≡ 0°).
    const period = settings.circularPeriod ?? null;
    if (period !== null && values.length >= 3) {
      const [first, last] = [values[0]!, values.at(-1)!];
      const gap = first + period - last;
      if (gap > 0) found.push(make(last, first, `${last} vs ${first} (across ${period})`, gap));
    }
  }
  return found.filter((d): d is Discrimination => d !== null);
}
