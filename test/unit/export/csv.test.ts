import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../../shared/export/csvText';
import { populationCsv } from '../../../shared/export/populationCsv';
import { runAnalysis } from '../../../shared/analysis/engine/runAnalysis';
import { inlinePool } from '../../../shared/analysis/engine/framePool';
import { resolveSettings } from '../../../shared/analysis/settings';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { readCsvTable } from '../../../shared/formats/csvTable';

describe('CSV fields', () => {
  it('quote commas, quotes and line breaks; leave undefined values empty; keep formulas as text', () => {
    expect(csvField('day 1')).toBe('day 1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect([csvField(null), csvField(undefined), csvField(Number.NaN), csvField(Infinity)]).toEqual(['', '', '', '']);
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-3 dB')).toBe('-3 dB');
    expect(csvText(['a', 'b'], [[1, 'x'], [null, 2]])).toBe('a,b\n1,x\n,2\n');
  });
});

describe('the population CSV', () => {
  it('holds every frame’s population values and intervals, the same numbers as the analysis, read back by Chorus’s own CSV reader', async () => {
    const dataset = simulateLearningDataset({ neurons: 12, sessions: 2, trialsPerSide: 40 });
    const output = await runAnalysis(dataset, resolveSettings({ subsets: 0, shuffles: 0, permutations: 0, decoderFolds: 0, intervalDraws: 200 }), { pool: inlinePool() });
    const text = populationCsv(output.frames);
    const table = readCsvTable(text, 'population.csv');
    expect(table.names).toEqual([
      'session', 'condition', 'order', 'epoch', 'trials', 'neurons', 'fisher', 'fisher_low', 'fisher_high', 'fisher_shuffled', 'fisher_shuffled_low',
      'fisher_shuffled_high', 'redundancy', 'redundancy_low', 'redundancy_high', 'redundancy_percent', 'mean_noise_correlation',
    ]);
    expect(table.rows).toHaveLength(output.frames.length);
    output.frames.forEach((frame, k) => {
      const row = Object.fromEntries(table.names.map((name, c) => [name, table.rows[k]![c]]));
      expect(row.session).toBe(frame.session);
      expect(Number(row.fisher)).toBe(frame.population.fisher);
      expect(Number(row.redundancy)).toBe(frame.population.redundancy);
      expect(Number(row.redundancy_low)).toBe(frame.intervals!.redundancy.low);
      expect(Number(row.mean_noise_correlation)).toBe(frame.population.meanNoiseCorrelation);
    });
  });
});
