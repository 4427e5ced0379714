import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inspectInput } from '../../../electron/cliInspect';
import { DatasetError } from '../../../shared/dataset/datasetError';

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
  });
});
