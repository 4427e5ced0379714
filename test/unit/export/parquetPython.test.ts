import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../../../shared/analysis/engine/runAnalysis';
import { resolveSettings } from '../../../shared/analysis/settings';
import { resultsJson } from '../../../shared/analysis/results';
import { framesTable, neuronsTable, pairFiles } from '../../../shared/export/resultsTables';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';

/** Python with pyarrow and pandas (`.ci/run` installs them with pip where it can), or null. */
function python(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import pyarrow, pandas'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return null;
}

const interpreter = python();
if (!interpreter) console.log('parquetPython.test.ts: skipped: no Python with pyarrow and pandas here (pip install pyarrow pandas)');

describe.skipIf(!interpreter)('Parquet results read by pandas (pyarrow)', () => {
  it('opens the pairs folder with one call and finds every pair with the values of the JSON results', async () => {
    const dataset = simulateLearningDataset({ neurons: 9, sessions: 2, trialsPerSide: 30, zeroSignalTrials: 12 });
    const settings = resolveSettings({ intervalDraws: 50, shuffles: 10, subsets: 10, permutations: 20, allPairs: true });
    const run = await runAnalysis(dataset, settings);
    const folder = mkdtempSync(join(tmpdir(), 'chorus-parquet-'));
    mkdirSync(join(folder, 'pairs'));
    run.frames.forEach((frame, k) => pairFiles(dataset, frame, k).forEach((file) => writeFileSync(join(folder, file.path), file.bytes)));
    writeFileSync(join(folder, 'frames.parquet'), framesTable(run));
    writeFileSync(join(folder, 'neurons.parquet'), neuronsTable(dataset, run));
    const json = resultsJson(dataset, run, settings, { file: null, generator: 'test', issues: [] });
    writeFileSync(join(folder, 'expected.json'), JSON.stringify(json));
    const script = `
import json, sys, pandas as pd
folder = sys.argv[1]
pairs = pd.read_parquet(folder + '/pairs')
frames = pd.read_parquet(folder + '/frames.parquet')
neurons = pd.read_parquet(folder + '/neurons.parquet')
expected = json.load(open(folder + '/expected.json'))
worst = 0.0
count = 0
for k, frame in enumerate(expected['frames']):
    table = pairs[pairs.frame == k].set_index(['a', 'b'])
    for pair in frame['pairs']:
        row = table.loc[(pair['a'], pair['b'])]
        count += 1
        for key in ['noiseCorrelation', 'signalCorrelation', 'redundancy', 'mutualInformation', 'mmiRedundancy', 'p', 'noiseCorrelationP', 'redundancyLow', 'redundancyHigh']:
            worst = max(worst, abs(float(row[key]) - pair[key]) / max(1e-6, abs(pair[key])))
        assert bool(row['significant']) == pair['significant']
print(json.dumps({'pairs': len(pairs), 'checked': count, 'worst': worst, 'frames': len(frames), 'neurons': len(neurons),
                  'columns': list(pairs.columns), 'redundancy': list(frames.redundancy)}))
`;
    const result = spawnSync(interpreter!, ['-c', script, folder], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const read = JSON.parse(result.stdout);
    const expectedPairs = json.frames.reduce((sum, f) => sum + (f.pairs as unknown[]).length, 0);
    expect(read.pairs).toBe(expectedPairs);
    expect(read.checked).toBe(expectedPairs);
    // JSON rounds to 7 significant digits; the table holds the float32 the analysis stores.
    expect(read.worst).toBeLessThan(2e-6);
    expect(read.frames).toBe(run.frames.length);
    expect(read.neurons).toBe(run.frames.reduce((sum, f) => sum + f.neuronsUsed, 0));
    expect(read.columns).toEqual(expect.arrayContaining(['session', 'epoch', 'a', 'b', 'redundancy', 'p', 'significant']));
    read.redundancy.forEach((value: number, k: number) => expect(value).toBe(run.frames[k]!.population.redundancy));
  });
});
