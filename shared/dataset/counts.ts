import type { Dataset } from './types';

/** Trials of each condition label (task, passive, …) over all sessions, in order of first appearance. */
export function trialsPerCondition(dataset: Dataset): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const session of dataset.sessions) counts[session.condition] = (counts[session.condition] ?? 0) + session.trialCount;
  return counts;
}
