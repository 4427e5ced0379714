import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inspectInput } from '../../../node/cliInspect';
import { inputsAt } from '../../../node/cli';
import { EMPTY_MAPPING, validateMapping, type DatasetMapping } from '../../../shared/formats/mapping';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { inputFromBytes, openSessionFiles } from '../../../shared/formats/index';
import { datasetAt, withHdf5File } from '../../../shared/formats/hdf5/h5File';
import { absoluteEventTimes, binSpikeCounts, sortedSpikeTimes, trialEnds, windowAround } from '../../../shared/formats/binning';
import { runAnalysis } from '../../../shared/analysis/engine/runAnalysis';
import { resolveSettings, POINT_ESTIMATES_ONLY } from '../../../shared/analysis/settings';

// Real recordings beside the repository (../shared/data); absent on a user's fresh clone.
const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const present = existsSync(data);
if (!present) console.warn(`real-data tests skipped: ${data} is absent (it is present in CI)`);

const sources = {
  readFile: async (path: string) => new Uint8Array(await readFile(path)),
  listFolder: async (path: string) => ((await stat(path)).isDirectory() ? readdir(path) : null),
};
const inspect = async (path: string, mapping: DatasetMapping = EMPTY_MAPPING) => inspectInput(path, await inputsAt(path, sources), mapping);

describe.skipIf(!present)('chorus inspect on the real recordings in ../shared/data', () => {
  it('economo ALM (NWB 2.0.2): 1 unit, 178 and 340 trials with their lick types, and the quirks named', async () => {
    const first = await inspect(`${data}economo-alm-nwb/sub-anm369963_ses-20170228.nwb`);
    expect(first).toMatchObject({ format: 'NWB 2.0.2', neurons: 1, sessions: 1, trials: 178, conditions: 1, trialsPerCondition: { task: 178 } });
    // The lick type is the detected stimulus, coded in sorted order: lick left = 0 (93), lick right = 1 (85).
    expect(first.trialsPerStimulus).toEqual({ '0': 93, '1': 85 });
    expect(first.mapping).toMatchObject({ response: '/units', stimulus: 'type' });
    expect((first.details as { trials: { conditions: { counts: object } } }).trials.conditions.counts).toEqual({ 'lick left': 93, 'lick right': 85 });
    const messages = first.warnings.map((w) => `${w.field}: ${w.message}`).join('\n');
    expect(messages).toMatch(/stop_time: missing or NaN for every trial/);
    expect(messages).toMatch(/unsorted spike times/);
    expect(messages).toMatch(/need at least 2 neurons/);
    // Said once: the reader's "one neuron only" stands for the file's "one unit only" (same code).
    expect(first.warnings.filter((w) => w.code === 'single-neuron').map((w) => w.field)).toEqual(['(neurons)']);
    const second = await inspect(`${data}economo-alm-nwb/sub-anm372793_ses-20170508.nwb`);
    expect(second).toMatchObject({ neurons: 1, trials: 340 });
    expect(second.trialsPerStimulus).toEqual({ '0': 178, '1': 162 });
    expect((second.details as { trials: { conditions: { counts: object } } }).trials.conditions.counts).toEqual({ 'lick left': 178, 'lick right': 162 });
  });

  it('pynapple (NWB 2.4.0): 3 units and no trials table, said so', async () => {
    const result = await inspect(`${data}pynapple-units-nwb/A8604-211122.nwb`);
    expect(result).toMatchObject({ format: 'NWB 2.4.0', neurons: 3, trials: 0, mapping: null });
    expect(result.warnings.some((w) => /no trials table/.test(w.message))).toBe(true);
  });

  it('suite2p plane: 219 ROIs × 2000 frames, 20 cells, 47 all-zero ROIs', async () => {
    const result = await inspect(`${data}suite2p-plane0-npy/plane0`);
    expect(result).toMatchObject({ format: 'suite2p plane', neurons: 20 });
    expect(result.details).toMatchObject({ rois: 219, frames: 2000, cells: 20, allZeroRois: 47 });
  });

  it('legacy NWB 1.0.6 is refused with a clear message, not a crash', async () => {
    const attempt = inspect(`${data}meister-retina-nwb1/20080606_R1.nwb`);
    await expect(attempt).rejects.toBeInstanceOf(DatasetError);
    await expect(attempt).rejects.toThrow(/20080606_R1\.nwb: \/nwb_version: is NWB 1\.0\.6: NWB 1\.x is not supported/);
    const path = `${data}meister-retina-nwb1/20080606_R1.nwb`;
    const opening = openSessionFiles([inputFromBytes(path, new Uint8Array(await readFile(path)))], { dropSilent: false });
    await expect(opening).rejects.toThrow(/NWB 1\.x is not supported/);
  });
});

describe.skipIf(!present)('reading the economo NWB files into datasets', () => {
  it('bins sorted spikes in the delay window before the (trial-relative) go cue: 281 and 335 spikes, as documented', async () => {
    for (const [file, expected] of [['sub-anm369963_ses-20170228.nwb', 281], ['sub-anm372793_ses-20170508.nwb', 335]] as const) {
      const bytes = new Uint8Array(await readFile(`${data}economo-alm-nwb/${file}`));
      const total = await withHdf5File(inputFromBytes(file, bytes), (h5) => {
        const times = sortedSpikeTimes(datasetAt(h5, 'units/spike_times')!.value as Float64Array);
        const start = Float64Array.from(datasetAt(h5, 'intervals/trials/start_time')!.value as Float64Array);
        const { ends } = trialEnds(start, datasetAt(h5, 'intervals/trials/stop_time')!.value as Float64Array);
        const cue = absoluteEventTimes(datasetAt(h5, 'intervals/trials/cue_start_time')!.value as Float64Array, start, ends);
        expect(cue.assumed).toBe('relative to trial start');
        return binSpikeCounts([times], [windowAround('delay', cue.times, -1.2, 0)], start.length).reduce((a, b) => a + b, 0);
      });
      expect(total).toBe(expected);
      // The same window through the reader and a mapping (the dataset dialog's epoch editor).
      const mapping = validateMapping({ epochs: [{ name: 'delay', event: 'cue_start_time', start: -1.2, end: 0 }] }, 'test');
      const { dataset } = await openSessionFiles([inputFromBytes(file, bytes)], { dropSilent: false, mapping });
      expect(dataset.sessions[0]!.epochs).toEqual([{ name: 'delay', start: -1.2, end: 0 }]);
      expect(dataset.sessions[0]!.responses.reduce((a, b) => a + b, 0)).toBe(expected);
    }
  });

  it('reads only what it needs: the spike times are fetched as slices, not the whole file', async () => {
    const bytes = new Uint8Array(await readFile(`${data}economo-alm-nwb/sub-anm372793_ses-20170508.nwb`));
    let read = 0;
    const counted = { name: 'counted.nwb', source: { size: bytes.length, read: (offset: number, length: number) => ((read += length), bytes.subarray(offset, offset + length)) } };
    const { dataset } = await openSessionFiles([counted], { dropSilent: false });
    expect(dataset.sessions[0]!.trialCount).toBe(340);
    // The units' 2434 spike times (19 kB) and the trials table, not the lick time series and the rest.
    expect(read).toBeLessThan(bytes.length * 0.6);
  });

  it('pynapple (epochs table only): opening is refused with the message inspect gives, no trials table, naming the epochs table tried', async () => {
    const path = `${data}pynapple-units-nwb/A8604-211122.nwb`;
    const error = await openSessionFiles([inputFromBytes(path, new Uint8Array(await readFile(path)))], { dropSilent: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const [issue] = (error as DatasetError).issues;
    expect(issue!.field).toBe('/intervals/trials');
    expect(issue!.message).toMatch(/^no trials table: responses per trial need a trials table \(or a trials CSV\); \/intervals\/epochs, read in its place, cannot serve \(\/intervals\/epochs: has no stimulus column/);
  });

  it('opens an NWB file as a one-neuron dataset with epochs between trial events, and analyses it', async () => {
    const path = `${data}economo-alm-nwb/sub-anm369963_ses-20170228.nwb`;
    const { dataset, warnings } = await openSessionFiles([inputFromBytes(path, new Uint8Array(await readFile(path)))], { dropSilent: false });
    expect(dataset.neurons).toHaveLength(1);
    expect(dataset.sessions[0]!.trialCount).toBe(178);
    expect(dataset.sessions[0]!.epochs.map((e) => e.name)).toEqual(['pole_in–pole_out', 'pole_out–cue_start', 'cue_start–end']);
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/lick left = 0, lick right = 1/);
    const { frames } = await runAnalysis(dataset, resolveSettings(POINT_ESTIMATES_ONLY));
    expect(frames).toHaveLength(3);
    expect(frames[0]!.issues.some((i) => /only one neuron/.test(i.message))).toBe(true);
    expect(frames.every((f) => Number.isFinite(f.population.fisher))).toBe(true);
  });
});


describe.skipIf(!present)('suite2p plane with a trials CSV', () => {
  it('reads the 20 cells (all-zero ROIs left out) as mean fluorescence per trial window', async () => {
    const folder = `${data}suite2p-plane0-npy/plane0`;
    const files = await inputsAt(folder, sources);
    // 2000 frames at 10 Hz = 200 s: 40 trials of 5 s, alternating stimulus.
    const rows = Array.from({ length: 40 }, (_, t) => `${t * 5},${t * 5 + 4},${t % 2 === 0 ? -1 : 1},${t * 5 + 1}`);
    const trials = inputFromBytes(`${folder}/trials.csv`, new TextEncoder().encode(`start_time,stop_time,stimulus,stim_on_time\n${rows.join('\n')}\n`));
    const attempt = openSessionFiles([...files, trials], { dropSilent: true });
    await expect(attempt).rejects.toThrow(/ops\.npy: is missing: give the imaging frame rate/);
    const mapping = validateMapping({ sampleRate: 10, epochs: [{ name: 'response', event: 'stim_on_time', start: 0, end: 2 }] }, 'test');
    const { dataset, warnings } = await openSessionFiles([...files, trials], { dropSilent: true, mapping });
    expect(dataset.neurons.map((n) => n.id)).toEqual([75, 90, 96, 97, 110, 116, 117, 129, 135, 143, 145, 152, 154, 180, 181, 185, 196, 197, 203, 210].map((r) => `ROI ${r}`));
    expect(dataset.sessions[0]!.trialCount).toBe(40);
    expect(dataset.responseUnit).toBe('mean trace');
    expect(warnings.map((w) => w.message).join('\n')).toMatch(/frame times from 10 Hz/);
  });
});
