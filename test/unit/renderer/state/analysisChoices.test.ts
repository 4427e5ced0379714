import { describe, expect, it } from 'vitest';
import { checkedChoices, needsDiscrimination, EMPTY_CHOICES_DRAFT } from '../../../../renderer/state/analysisChoices';
import { analysisChoicesSchema } from '../../../../shared/analysis/settings';

describe("the dataset dialog's analysis choices (issue 11, item 16)", () => {
  it('asks for a discrimination only where the design is not signed and has more than two values', () => {
    expect(needsDiscrimination([0, 45, 90, 135])).toBe(true);
    expect(needsDiscrimination([-4, -2, 0, 2, 4])).toBe(false); // signed levels: discriminated level by level
    expect(needsDiscrimination([-4, -2, 2, 4])).toBe(false);
    expect(needsDiscrimination([10, 20])).toBe(false); // two values: there is one discrimination
    expect(needsDiscrimination([0, 2, 4])).toBe(true); // not mirrored around 0
  });

  it('turns the draft into choices, or says what is wrong with it', () => {
    expect(checkedChoices(EMPTY_CHOICES_DRAFT, 6)).toEqual({ choices: { discriminate: null, fixedNeurons: null } });
    expect(checkedChoices({ first: '45', second: '90', neurons: ' 4 ' }, 6)).toEqual({ choices: { discriminate: [45, 90], fixedNeurons: 4 } });
    expect(checkedChoices({ first: '45', second: '', neurons: '' }, 6)).toEqual({ problem: expect.stringMatching(/Choose both stimulus values/), field: 'discriminate' });
    expect(checkedChoices({ first: '45', second: '45', neurons: '' }, 6)).toEqual({ problem: expect.stringMatching(/must differ/), field: 'discriminate' });
    for (const bad of ['1', '7', '2.5', 'four', '-3']) {
      expect(checkedChoices({ first: '', second: '', neurons: bad }, 6)).toEqual({ problem: 'Neurons compared: a whole number from 2 to 6 (the dataset\'s neurons), or empty for the smallest session\'s N.', field: 'neurons' });
    }
  });

  it('the worker takes only choices its schema accepts (the message crosses a thread)', () => {
    expect(analysisChoicesSchema.safeParse({ discriminate: [45, 90], fixedNeurons: 4 }).success).toBe(true);
    expect(analysisChoicesSchema.safeParse({ discriminate: [45, 45], fixedNeurons: null }).success).toBe(false);
    expect(analysisChoicesSchema.safeParse({ discriminate: null, fixedNeurons: 1 }).success).toBe(false);
    expect(analysisChoicesSchema.safeParse({ discriminate: null, fixedNeurons: 2.5 }).success).toBe(false);
  });
});
