import type { Dataset } from './types';

/** Trials of each condition label (task, passive, …) over all sessions, in order of first appearance. */
export function trialsPerCondition(dataset: Dataset): Record<string, number> {
  const counts = new Map<string, number>();
  for (const session of dataset.sessions) counts.set(session.condition, (counts.get(session.condition) ?? 0) + session.trialCount);
  return countsRecord(counts);
}

/** Trials of each stimulus value over all sessions, keyed by the value as text. */
export function trialsPerStimulus(dataset: Dataset): Record<string, number> {
  const counts = new Map<string, number>();
  for (const session of dataset.sessions) for (const value of session.stimulus) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return countsRecord(counts);
}

/**
 * Counts as a record (for JSON and structured clone) without a prototype: its keys come from files, and
 * a condition named `__proto__` or `constructor` must be one more entry, not the object's prototype or
 * Object's constructor (`constructor function Object() { [native code] }6060`).
 */
export function countsRecord(counts: Iterable<readonly [string, number]>): Record<string, number> {
  const record = Object.create(null) as Record<string, number>;
  for (const [key, count] of counts) record[key] = count;
  return record;
}
