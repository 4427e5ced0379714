import { describe, expect, it } from 'vitest';
import { noticeLines } from '../../../shared/dataset/issueOrder';
import type { DatasetIssue } from '../../../shared/dataset/types';

const warning = (code: DatasetIssue['code'], field: string, message: string): DatasetIssue => ({ severity: 'warning', ...(code ? { code } : {}), file: 'a.nwb', field, message });

describe("a notice's lines", () => {
  it('put the one-neuron warning first, and a message repeated in every frame on one line', () => {
    const perFrame = Array.from({ length: 20 }, (_, k) => warning('frame-not-analysable', `session ${k}`, 'too few trials'));
    const lines = noticeLines([
      warning('low-rate', 'unit 4', 'fires below 0.5 Hz'),
      ...perFrame,
      warning('single-neuron', '(neurons)', 'one neuron only: pairwise shared information and noise correlations need at least 2 neurons'),
      warning(undefined, 'trials', 'a note'),
    ]);
    expect(lines).toEqual([
      'a.nwb: (neurons): one neuron only: pairwise shared information and noise correlations need at least 2 neurons',
      'a.nwb: session 0: too few trials (and 19 more like it)',
      'a.nwb: unit 4: fires below 0.5 Hz',
      'a.nwb: trials: a note',
    ]);
  });

  it('put errors before warnings and keep the order of equally important lines', () => {
    const lines = noticeLines([warning('low-rate', 'u1', 'x'), { severity: 'error', file: 'b.csv', field: 'stimulus', message: 'missing' }, warning('low-rate', 'u2', 'y')]);
    expect(lines).toEqual(['b.csv: stimulus: missing', 'a.nwb: u1: x', 'a.nwb: u2: y']);
  });
});
