import { describe, expect, it } from 'vitest';
import { conditionRoles, roleOfLabel } from '../../../shared/dataset/conditionRoles';

const session = (condition: string, choices: boolean) => ({ condition, choice: choices ? new Uint8Array(2) : null });

describe('conditions by role', () => {
  it('finds task and passive by name, whatever order they appear in', () => {
    const roles = conditionRoles({ sessions: [session('passive', false), session('task', true)] as never });
    expect(roles).toMatchObject({ task: 'task', passive: 'passive' });
    expect(roles.conditions).toEqual([
      { name: 'passive', role: 'passive' },
      { name: 'task', role: 'task' },
    ]);
  });

  it('knows the names labs use, ignoring case, spaces, - and _', () => {
    expect(['Task', 'ACTIVE', 'behaving', 'Engaged', 'task-performing'].map(roleOfLabel)).toEqual(['task', 'task', 'task', 'task', 'task']);
    expect(['Passive', 'passive_viewing', 'Fixation', 'viewing', 'disengaged'].map(roleOfLabel)).toEqual(['passive', 'passive', 'passive', 'passive', 'passive']);
    expect(['day1', 'control', 'anaesthetised'].map(roleOfLabel)).toEqual([null, null, null]);
  });

  it('where names do not say, the condition with choices is the task and the one without is passive', () => {
    const roles = conditionRoles({ sessions: [session('B', false), session('A', true), session('B', false)] as never });
    expect(roles).toMatchObject({ task: 'A', passive: 'B' });
  });

  it('does not guess from behaviour when both or neither condition has choices, or there are three', () => {
    expect(conditionRoles({ sessions: [session('A', true), session('B', true)] as never })).toMatchObject({ task: null, passive: null });
    expect(conditionRoles({ sessions: [session('A', false), session('B', false)] as never })).toMatchObject({ task: null, passive: null });
    const three = conditionRoles({ sessions: [session('A', true), session('B', false), session('C', false)] as never });
    expect(three).toMatchObject({ task: null, passive: null });
  });

  it('combines a named role with behaviour for the other condition', () => {
    expect(conditionRoles({ sessions: [session('rest', false), session('task', true)] as never })).toMatchObject({ task: 'task', passive: 'rest' });
    // A name that contradicts the behaviour is not overruled.
    expect(conditionRoles({ sessions: [session('passive', true), session('B', false)] as never })).toMatchObject({ task: null, passive: 'passive' });
  });

  it('gives a role once: a second condition with a task name is "other"', () => {
    const roles = conditionRoles({ sessions: [session('task', true), session('active', true), session('passive', false)] as never });
    expect(roles.conditions.map((c) => c.role)).toEqual(['task', 'other', 'passive']);
  });
});
