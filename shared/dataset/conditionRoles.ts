import type { Session } from './types';

/**
 * What a condition is for the study's comparisons: the active task, passive viewing of the same stimuli,
 * or anything else. Every caller that asks "which condition is task?" asks here, never by a condition's
 * position (conditions are listed in order of first appearance, so a dataset whose first session is
 * passive would otherwise swap the split view's panes and flip the difference view's sign).
 */
export type ConditionRole = 'task' | 'passive' | 'other';

export interface ConditionRoles {
  /** Every condition label in order of first appearance, with its role. */
  readonly conditions: readonly { readonly name: string; readonly role: ConditionRole }[];
  /** The task condition's label, or null when none has that role. */
  readonly task: string | null;
  readonly passive: string | null;
}

// Labels labs use for the two conditions of the study (compared case-insensitively, ignoring - _ and spaces).
const TASK_NAMES = new Set(['task', 'active', 'behaving', 'engaged', 'taskperforming']);
const PASSIVE_NAMES = new Set(['passive', 'passiveviewing', 'fixation', 'viewing', 'disengaged']);

const normalise = (label: string): string => label.toLowerCase().replace(/[\s_-]+/g, '');

/** A condition's role from its label alone (null when the label does not say). */
export function roleOfLabel(label: string): ConditionRole | null {
  const key = normalise(label);
  if (TASK_NAMES.has(key)) return 'task';
  if (PASSIVE_NAMES.has(key)) return 'passive';
  return null;
}

/**
 * Roles by name first; where names do not say, by behaviour: of exactly two conditions, the one whose
 * sessions record choices is the task and the one whose sessions never do is passive viewing.
 */
export function conditionRoles(dataset: { readonly sessions: readonly Pick<Session, 'condition' | 'choice'>[] }): ConditionRoles {
  const names = [...new Set(dataset.sessions.map((s) => s.condition))];
  const roles = new Map<string, ConditionRole>();
  const taken = (role: ConditionRole) => [...roles.values()].includes(role);
  // The first condition named for a role takes it; a second of the same role is "other".
  for (const name of names) {
    const role = roleOfLabel(name);
    if (role && !taken(role)) roles.set(name, role);
  }
  if (names.length === 2 && !(taken('task') && taken('passive'))) {
    const sessionsOf = (name: string) => dataset.sessions.filter((s) => s.condition === name);
    const fits = (name: string, role: ConditionRole) => roles.get(name) === undefined || roles.get(name) === role;
    for (const [task, passive] of [names, [...names].reverse()] as [string, string][]) {
      const behaves = sessionsOf(task).every((s) => s.choice !== null) && sessionsOf(passive).every((s) => s.choice === null);
      if (behaves && fits(task, 'task') && fits(passive, 'passive')) {
        roles.set(task, 'task');
        roles.set(passive, 'passive');
      }
    }
  }
  const conditions = names.map((name) => ({ name, role: roles.get(name) ?? ('other' as const) }));
  return {
    conditions,
    task: conditions.find((c) => c.role === 'task')?.name ?? null,
    passive: conditions.find((c) => c.role === 'passive')?.name ?? null,
  };
}
