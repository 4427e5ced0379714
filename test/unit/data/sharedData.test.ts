import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inspectInput } from '../../../electron/cliInspect';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { openDatasetAsync } from '../../../shared/formats/index';
import { datasetAt, withHdf5File } from '../../../shared/formats/hdf5/h5File';
import { absoluteEventTimes, binSpikeCounts, sortedSpikeTimes, trialEnds, windowAround } from '../../../shared/formats/binning';
import { analyzeDataset } from '../../../shared/analysis/pipeline';
import { resolveSettings, POINT_ESTIMATES_ONLY } from '../../../shared/analysis/settings';

// Real recordings beside the repository (../shared/data); absent on a user's fresh clone.
const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const present = existsSync(data);
if (!present) console.warn(`real-data tests skipped: ${data} is absent (it is present in CI)`);

const sources = {
  readFile: async (path: string) => new Uint8Array(await readFile(path)),
  listFolder: async (path: string) => ((await stat(path)).isDirectory() ? readdir(path) : null),
};

describe.skipIf(!present)('chorus inspect on the real recordings in ../shared/data', () => {
  it('economo ALM (NWB 2.0.2): 1 unit, 178 and 340 trials with their lick types, and the quirks named', async () => {
    const first = await inspectInput(`${data}economo-alm-nwb/sub-anm369963_ses-20170228.nwb`, sources);
    expect(first).toMatchObject({ format: 'NWB 2.0.2', neurons: 1, sessions: 1, trials: 178, conditions: 2 });
    expect((first.details as { trials: { conditions: { counts: object } } }).trials.conditions.counts).toEqual({ 'lick left': 93, 'lick right': 85 });
    const messages = first.warnings.map((w) => `${w.field}: ${w.message}`).join('\n');
    expect(messages).toMatch(/stop_time: is NaN for every trial/);
    expect(messages).toMatch(/unsorted spike times/);
    expect(messages).toMatch(/need at least 2 neurons/);
    const second = await inspectInput(`${data}economo-alm-nwb/sub-anm372793_ses-20170508.nwb`, sources);
    expect(second).toMatchObject({ neurons: 1, trials: 340 });
    expect((second.details as { trials: { conditions: { counts: object } } }).trials.conditions.counts).toEqual({ 'lick left': 178, 'lick right': 162 });
  });

  it('pynapple (NWB 2.4.0): 3 units and no trials table, said so', async () => {
    const result = await inspectInput(`${data}pynapple-units-nwb/A8604-211122.nwb`, sources);
    expect(result).toMatchObject({ format: 'NWB 2.4.0', neurons: 3, trials: 0 });
    expect(result.warnings.some((w) => /no trials table/.test(w.message))).toBe(true);
  });

  it('suite2p plane: 219 ROIs × 2000 frames, 20 cells, 47 all-zero ROIs', async () => {
    const result = await inspectInput(`${data}suite2p-plane0-npy/plane0`, sources);
    expect(result).toMatchObject({ format: 'suite2p plane', neurons: 20 });
    expect(result.details).toMatchObject({ rois: 219, frames: 2000, cells: 20, allZeroRois: 47 });
  });

  it('legacy NWB 1.0.6 is refused with a clear message, not a crash', async () => {
    const attempt = inspectInput(`${data}meister-retina-nwb1/20080606_R1.nwb`, sources);
    await expect(attempt).rejects.toBeInstanceOf(DatasetError);
    await expect(attempt).rejects.toThrow(/20080606_R1\.nwb: \/nwb_version: is NWB 1\.0\.6: NWB 1\.x is not supported/);
    const path = `${data}meister-retina-nwb1/20080606_R1.nwb`;
    const opening = openDatasetAsync({ name: path, bytes: new Uint8Array(await readFile(path)) }, { dropSilent: false });
    await expect(opening).rejects.toThrow(/NWB 1\.x is not supported/);
  });
});

describe.skipIf(!present)('reading the economo NWB files into datasets', () => {
  it('bins sorted spikes in the delay window before the (trial-relative) go cue: 281 and 335 spikes, as documented', async () => {
    for (const [file, expected] of [['sub-anm369963_ses-20170228.nwb', 281], ['sub-anm372793_ses-20170508.nwb', 335]] as const) {
      const bytes = new Uint8Array(await readFile(`${data}economo-alm-nwb/${file}`));
      const total = await withHdf5File(bytes, file, (h5) => {
        const times = sortedSpikeTimes(datasetAt(h5, 'units/spike_times')!.value as Float64Array);
        const start = Float64Array.from(datasetAt(h5, 'intervals/trials/start_time')!.value as Float64Array);
        const { ends } = trialEnds(start, datasetAt(h5, 'intervals/trials/stop_time')!.value as Float64Array);
        const cue = absoluteEventTimes(datasetAt(h5, 'intervals/trials/cue_start_time')!.value as Float64Array, start, ends);
        expect(cue.assumed).toBe('relative to trial start');
        return binSpikeCounts([times], [windowAround('delay', cue.times, -1.2, 0)], start.length).reduce((a, b) => a + b, 0);
      });
      expect(total).toBe(expected);
    }
  });

  it('opens an NWB file as a one-neuron dataset with epochs between trial events, and analyses it', async () => {
    const path = `${data}economo-alm-nwb/sub-anm369963_ses-20170228.nwb`;
    const { dataset, warnings } = await openDatasetAsync({ name: path, bytes: new Uint8Array(await readFile(path)) }, { dropSilent: false });
    expect(dataset.neurons).toHaveLength(1);
    expect(dataset.sessions[0]!.trialCount).toBe(178);
    expect(dataset.sessions[0]!.epochs.map((e) => e.name)).toEqual(['pole_in–pole_out', 'pole_out–cue_start', 'cue_start–end']);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/lick left = 0, lick right = 1/);
    const { frames } = analyzeDataset(dataset, resolveSettings(POINT_ESTIMATES_ONLY));
    expect(frames).toHaveLength(3);
    expect(frames[0]!.issues.some((i) => /only one neuron/.test(i.message))).toBe(true);
    expect(frames.every((f) => Number.isFinite(f.population.fisher))).toBe(true);
  });
});

