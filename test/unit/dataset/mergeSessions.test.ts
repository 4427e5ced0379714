import { describe, expect, it } from 'vitest';
import { mergeSessions } from '../../../shared/dataset/mergeSessions';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { readMatchingTable } from '../../../shared/formats/matchingTable';

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

  it('with a matching table, its rows become the tracked neurons and unlisted units stay apart', () => {
    const table = readMatchingTable('neuron,day1,day2\ncellA,n001,n002\ncellB,n003,\n', 'match.csv');
    const { dataset, warnings } = mergeSessions(
      [
        { dataset: a, file: 'dir/day1.nwb' },
        { dataset: b, file: 'dir/day2.nwb' },
      ],
      table,
      'match.csv',
    );
    expect(dataset.matching).toBe('identity');
    expect(dataset.neurons.map((n) => n.id)).toEqual(['cellA', 'cellB', 'day1/n002', 'day2/n001']);
    // day2's n002 is cellA: its responses sit in column 0 of day2's sessions.
    const day2 = dataset.sessions[2]!;
    expect(Array.from(day2.present)).toEqual([1, 0, 0, 1]);
    expect(day2.responses[0]).toBe(b.sessions[0]!.responses[1]);
    expect(warnings[0]!.message).toMatch(/matched across files by match\.csv \(2 tracked neurons\)/);
    expect(warnings.some((w) => /1 unit\(s\) are not in the matching table/.test(w.message))).toBe(true);
  });

  it('a matching table names what is wrong with it', () => {
    expect(() => readMatchingTable('id,day1\n1,2\n', 't.csv')).toThrow(/t\.csv: \(header\): a matching table needs a first column "neuron"/);
    expect(() => readMatchingTable('neuron,day1,day2\nx,5,6\ny,5,7\n', 't.csv')).toThrow(/row 3, column day1: unit "5" is matched to two tracked neurons/);
    const table = readMatchingTable('neuron,day1,day2\nx,n001,n001\n', 't.csv');
    expect(() => mergeSessions([{ dataset: a, file: 'other.nwb' }, { dataset: b, file: 'day2.nwb' }], table, 't.csv')).toThrow(/t\.csv: \(header\): has no column for "other"/);
  });
});

