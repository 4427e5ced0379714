import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inputFromBytes, openSessionFiles, type InputFile } from '../../../shared/formats/index';
import type { DatasetMapping } from '../../../shared/formats/mapping';
import { zipSync } from 'fflate';
import { npyBytes } from '../../helpers/npyBytes';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { writeChorusJson } from '../../../shared/formats/chorusJson';
import { toLongCsv } from '../../helpers/longCsv';
import { encode } from '../../helpers/smallDataset';

const economo = fileURLToPath(new URL('../../../../shared/data/economo-alm-nwb/sub-anm369963_ses-20170228.nwb', import.meta.url));
const small = simulateLearningDataset({ neurons: 4, sessions: 1, trialsPerSide: 4, zeroSignalTrials: 2 });

/** Truncations and byte flips of a valid file, from a seeded generator. */
function* mutations(valid: Uint8Array, count: number): Generator<Uint8Array> {
  let state = 11;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  for (let k = 0; k < count; k++) {
    const bytes = Uint8Array.from(valid);
    const kind = k % 3;
    if (kind === 0) yield bytes.subarray(0, next() % bytes.length);
    else {
      for (let f = 0; f < 1 + (next() % 8); f++) bytes[next() % bytes.length] = next() % 256;
      yield kind === 1 ? bytes : bytes.subarray(0, bytes.length - (next() % 64));
    }
  }
}

/** `others`: files opened with the mutated one (the rest of a folder), left intact. */
async function expectReadOrDatasetError(valid: Uint8Array, name: string, count: number, others: InputFile[] = [], mapping?: DatasetMapping): Promise<void> {
  let refused = 0;
  for (const bytes of mutations(valid, count)) {
    const started = performance.now();
    try {
      await openSessionFiles([inputFromBytes(name, bytes), ...others], { dropSilent: true, ...(mapping ? { mapping } : {}) });
    } catch (error) {
      if (!(error instanceof DatasetError)) throw new Error(`${name}: a mutated file escaped as ${(error as Error).name}: ${(error as Error).message}`);
      // Named by the file, or by the folder it belongs to.
      expect(error.message.startsWith(name) || error.message.startsWith(name.replace(/\/[^/]*$/, ''))).toBe(true);
      refused++;
    }
    expect(performance.now() - started).toBeLessThan(5000);
  }
  expect(refused).toBeGreaterThan(0);
}

describe('every reader either reads a mutated file or refuses it with its own error (bounded time per case)', () => {
  it('native JSON', async () => expectReadOrDatasetError(encode(writeChorusJson(small)), 'f.chorus.json', 150));
  it('CSV long format', async () => expectReadOrDatasetError(encode(toLongCsv(small)), 'f.csv', 150));
  it('NumPy .npz arrays', async () => {
    const npz = zipSync({ 'resp.npy': npyBytes([3, 8], Array.from({ length: 24 }, (_, k) => (k * 37) % 11)), 'stimulus.npy': npyBytes([8], [1, -1, 1, -1, 1, -1, 1, -1]) });
    await expectReadOrDatasetError(npz, 'f.npz', 150);
  });
  it('Kilosort folder (spike_times.npy mutated) with its trials CSV', async () => {
    const spikes = Array.from({ length: 400 }, (_, k) => k * 1500);
    const others = [
      inputFromBytes('ks/spike_clusters.npy', npyBytes([400], spikes.map((_, k) => k % 3))),
      inputFromBytes('ks/params.py', encode('sample_rate = 30000.0\n')),
      inputFromBytes('ks/trials.csv', encode(`start_time,stimulus\n${Array.from({ length: 10 }, (_, t) => `${t * 2},${t % 2 ? 1 : -1}`).join('\n')}\n`)),
    ];
    await expectReadOrDatasetError(npyBytes([400], spikes), 'ks/spike_times.npy', 150, others);
  });
  it.skipIf(!existsSync(economo))('NWB 2.x through HDF5', async () => expectReadOrDatasetError(new Uint8Array(readFileSync(economo)), 'f.nwb', 45), 120_000);
});
