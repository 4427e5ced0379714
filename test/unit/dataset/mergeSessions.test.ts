import { describe, expect, it } from 'vitest';
import { mergeSessions } from '../../../shared/dataset/mergeSessions';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';

describe('several files as the sessions of one dataset', () => {
  const a = simulateLearningDataset({ neurons: 3, sessions: 1, trialsPerSide: 4, zeroSignalTrials: 2, seed: 1 });
  const b = simulateLearningDataset({ neurons: 2, sessions: 1, trialsPerSide: 4, zeroSignalTrials: 2, seed: 2 });

  it('keeps every file’s neurons apart (matching "none"), in file order, with responses in place', () => {
    const { dataset, warnings } = mergeSessions([
      { dataset: a, file: 'dir/day1.nwb' },
      { dataset: b, file: 'dir/day2.nwb' },
    ]);
    expect(dataset.matching).toBe('none');
    expect(dataset.neurons.map((n) => n.id)).toEqual(['day1/n001', 'day1/n002', 'day1/n003', 'day2/n001', 'day2/n002']);
    expect(dataset.sessions.map((s) => s.order)).toEqual([1, 2, 3, 4]);
    expect(Array.from(dataset.sessions[2]!.present)).toEqual([0, 0, 0, 1, 1]);
    const session = dataset.sessions[2]!;
    const original = b.sessions[0]!;
    expect(session.responses[3]).toBe(original.responses[0]);
    expect(session.responses[5 + 4]).toBe(original.responses[2 + 1]);
    expect(warnings[0]!.message).toMatch(/not matched across files/);
  });

  it('refuses files whose epochs differ, naming both', () => {
    const other = { ...b, sessions: b.sessions.map((s) => ({ ...s, epochs: s.epochs.slice(0, 1) })) };
    expect(() => mergeSessions([{ dataset: a, file: 'a.nwb' }, { dataset: other, file: 'b.nwb' }])).toThrow(DatasetError);
    expect(() => mergeSessions([{ dataset: a, file: 'a.nwb' }, { dataset: other, file: 'b.nwb' }])).toThrow(/b\.nwb: session .* but a\.nwb has/);
  });
});
