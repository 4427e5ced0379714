import { describe, expect, it } from 'vitest';
import { conditionColour } from '../../../../renderer/panels/conditionColours';

describe('condition colours', () => {
  it('follow the role, not the order in the file', () => {
    const taskFirst = { conditions: ['task', 'passive'], comparison: { task: 0, passive: 1 } };
    const passiveFirst = { conditions: ['passive', 'task'], comparison: { task: 1, passive: 0 } };
    expect(conditionColour(passiveFirst, 1)).toBe(conditionColour(taskFirst, 0));
    expect(conditionColour(passiveFirst, 0)).toBe(conditionColour(taskFirst, 1));
    expect(conditionColour(passiveFirst, 0)).not.toBe(conditionColour(passiveFirst, 1));
  });

  it('give other conditions the next colours in order of appearance', () => {
    const three = { conditions: ['baseline', 'passive', 'task'], comparison: { task: 2, passive: 1 } };
    const none = { conditions: ['A', 'B', 'C'], comparison: null };
    expect(conditionColour(three, 0)).toBe(conditionColour(none, 2));
    expect(new Set([0, 1, 2].map((c) => conditionColour(none, c))).size).toBe(3);
  });
});
