import { describe, expect, it } from 'vitest';
import { sessionPoints } from '../../../shared/network/sessionPoints';

const frame = (condition: string, order: number, epoch: string, meanNoiseCorrelation: number | null, redundancy = order / 10) => ({
  condition,
  order,
  epoch,
  population: { redundancy, meanNoiseCorrelation },
});

describe('sessionPoints', () => {
  it('gives one point per session and condition in the first epoch, conditions by code point then learning order', () => {
    const frames = [
      frame('task', 1, 'stimulus', 0.2),
      frame('task', 0, 'stimulus', 0.3),
      frame('passive', 1, 'stimulus', 0.1),
      frame('Task', 0, 'stimulus', 0.4),
      frame('task', 0, 'decision', 0.9),
      frame('passive', 0, 'stimulus', 0.15),
    ];
    const points = sessionPoints(frames);
    // Code-point order ('T' < 'p' < 't') whatever the user's locale; a collator would put 'Task' beside 'task'.
    expect(points.map((p) => `${p.condition}/${p.order}`)).toEqual(['Task/0', 'passive/0', 'passive/1', 'task/0', 'task/1']);
    expect(points.find((p) => p.condition === 'task' && p.order === 0)).toEqual({ condition: 'task', order: 0, meanNoiseCorrelation: 0.3, redundancy: 0 });
  });

  it('reads the named epoch and leaves out sessions whose mean noise correlation is undefined', () => {
    const frames = [frame('task', 0, 'stimulus', 0.3), frame('task', 0, 'decision', 0.9), frame('task', 1, 'decision', null)];
    expect(sessionPoints(frames, 'decision')).toEqual([{ condition: 'task', order: 0, meanNoiseCorrelation: 0.9, redundancy: 0 }]);
    expect(sessionPoints([], null)).toEqual([]);
  });
});
