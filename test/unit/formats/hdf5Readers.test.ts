import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { inputFromBytes, MappingError, openSessionFiles, type OpenedDataset } from '../../../shared/formats/index';
import { validateMapping } from '../../../shared/formats/mapping';
import { isMatV73 } from '../../../shared/formats/matV5';
import { readMatV73 } from '../../../shared/formats/matV73';
import { DatasetError } from '../../../shared/dataset/datasetError';
import type { Variable } from '../../../shared/formats/variables';
import { findH5pyPython, runPythonJson } from '../../helpers/python';

/**
 * NWB 2.x (imaging and units) and MATLAB v7.3 files written by h5py, read through h5wasm, against numpy's
 * ground truth computed in the same python spawn (test/helpers/hdf5_fixtures.py).
 */

const python = findH5pyPython();
if (!python.command) console.warn(`HDF5 reader tests (NWB, MATLAB v7.3) skipped: ${python.reason}`);

const fixtureScript = fileURLToPath(new URL('../../helpers/hdf5_fixtures.py', import.meta.url));

interface Expected {
  readonly ophys: { series: string; stimulus: number[]; means: number[][]; framesPerWindow: number[] };
  readonly units: { unitIds: number[]; choice: number[]; condition: string[]; counts: number[][]; positions: [number, number, number][]; spikeCounts: number[] };
  readonly v73: { resp: number[][][]; orientations: number[]; rate: number; label: string; shape: [number, number, number] };
}

/** The one error a call throws (sync or async), for assertions on its class and issues. */
async function rejection(run: () => Promise<unknown>): Promise<DatasetError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw new Error(`expected a DatasetError, got ${(error as Error).name}: ${(error as Error).message}`);
  }
  throw new Error('expected a DatasetError, but the call succeeded');
}

function byName(variables: readonly Variable[]): Map<string, Variable> {
  return new Map(variables.map((variable) => [variable.name, variable]));
}

const epochMapping = (event: string, end: number) => validateMapping({ epochs: [{ name: 'response', event, start: 0, end }] }, 'test');

describe.skipIf(!python.command)('HDF5 readers (NWB 2.x, MATLAB v7.3) against h5py and numpy', () => {
  let files: Record<string, Uint8Array> = {};
  let expected: Expected;
  const open = (name: string, mapping?: ReturnType<typeof validateMapping>): Promise<OpenedDataset> =>
    openSessionFiles([inputFromBytes(name, files[name]!)], { dropSilent: false, ...(mapping ? { mapping } : {}) });

  beforeAll(() => {
    const output = runPythonJson(python.command!, fixtureScript, {}) as { files: Record<string, string>; expected: Expected };
    files = Object.fromEntries(Object.entries(output.files).map(([name, base64]) => [name, new Uint8Array(Buffer.from(base64, 'base64'))]));
    expected = output.expected;
  });

  /** Checks an imaging dataset against numpy's window means: [trial][epoch][ROI], one epoch. */
  function expectOphys(opened: OpenedDataset, file: string): void {
    const { dataset } = opened;
    const truth = expected.ophys;
    expect(opened.formatLabel).toBe('NWB 2.x');
    expect(dataset.responseUnit).toBe('mean trace');
    expect(dataset.neurons.map((n) => n.id)).toEqual(['ROI 0', 'ROI 1', 'ROI 2', 'ROI 3', 'ROI 4', 'ROI 5']);
    expect(dataset.sessions).toHaveLength(1);
    const session = dataset.sessions[0]!;
    expect(session.id).toBe(file.replace(/\.nwb$/, ''));
    expect(session.epochs).toEqual([{ name: 'response', start: 0, end: 0.5 }]);
    expect(session.trialCount).toBe(16);
    expect(Array.from(session.stimulus)).toEqual(truth.stimulus);
    expect(session.choice).toBeNull();
    expect(session.responses).toBeInstanceOf(Float32Array);
    expect(session.responses).toHaveLength(16 * 1 * 6);
    for (let t = 0; t < 16; t++) {
      for (let r = 0; r < 6; r++) expect(session.responses[t * 6 + r]).toBeCloseTo(truth.means[t]![r]!, 5);
    }
    // The numbers mean something: ROI 0 (gain +1) is higher on +1 trials than on -1 trials, ROI 5 (gain -1.2) lower.
    const meanOf = (roi: number, sign: number) => {
      const rows = truth.stimulus.flatMap((s, t) => (s === sign ? [session.responses[t * 6 + roi]!] : []));
      return rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    expect(meanOf(0, 1) - meanOf(0, -1)).toBeGreaterThan(1);
    expect(meanOf(5, 1) - meanOf(5, -1)).toBeLessThan(-1);
    expect(opened.mapping.response).toBe(truth.series);
    expect(opened.mapping.stimulus).toBe('stimulus');
    expect(opened.choices.responses).toEqual([truth.series]);
    expect(opened.choices.events).toEqual(expect.arrayContaining(['start_time', 'stop_time', 'stim_on_time']));
    expect(opened.choices.columns).toContain('stimulus');
    const absolute = opened.warnings.find((w) => w.field === '/intervals/trials/stim_on_time');
    expect(absolute?.message).toBe('read as absolute');
    expect(opened.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  }

  it('reads an NWB RoiResponseSeries with timestamps into window means equal to numpy', async () => {
    expect(expected.ophys.framesPerWindow.every((n) => n === 15)).toBe(true); // 0.5 s at 30 Hz
    expectOphys(await open('ophys.nwb', epochMapping('stim_on_time', 0.5)), 'ophys.nwb');
  });

  it('reads the same series timed by starting_time and its rate attribute to the same numbers', async () => {
    expectOphys(await open('ophys_rate.nwb', epochMapping('stim_on_time', 0.5)), 'ophys_rate.nwb');
  });

  it('uses another intervals table as the trials, labels as the stimulus, and counts spikes like numpy', async () => {
    const truth = expected.units;
    const opened = await open('units_intervals.nwb', epochMapping('cue_time', 0.2));
    const { dataset, warnings } = opened;
    expect(warnings).toContainEqual({ severity: 'warning', file: 'units_intervals.nwb', field: '/intervals/blocks', message: 'used as the trials table (the file has no /intervals/trials)' });
    expect(warnings).toContainEqual({ severity: 'warning', file: 'units_intervals.nwb', field: '/intervals/blocks/condition', message: 'used as the stimulus: left = 0, right = 1' });
    expect(warnings).toContainEqual({ severity: 'warning', file: 'units_intervals.nwb', field: '/intervals/blocks/cue_time', message: 'read as relative to trial start' });
    expect(dataset.responseUnit).toBe('spikes');
    expect(dataset.name).toBe('units-intervals-test'); // the NWB identifier
    expect(dataset.neurons.map((n) => n.id)).toEqual(truth.unitIds.map((id) => `unit ${id}`));
    expect(dataset.neurons.map((n) => n.position)).toEqual(truth.positions);
    const session = dataset.sessions[0]!;
    expect(session.trialCount).toBe(20);
    expect(Array.from(session.stimulus)).toEqual(truth.condition.map((label) => (label === 'left' ? 0 : 1)));
    const counts = Array.from({ length: 20 }, (_, t) => Array.from(session.responses.subarray(t * 3, t * 3 + 3)));
    expect(counts).toEqual(truth.counts);
    // Unit 1's spikes are stored unsorted: counting them needs the sort, and they do fire in its windows.
    expect(truth.counts.reduce((sum, row) => sum + row[1]!, 0)).toBeGreaterThan(20);
    expect(opened.mapping.response).toBe('/units');
    expect(opened.mapping.stimulus).toBe('condition');
    expect(opened.choices).toMatchObject({ responses: ['/units'], columns: ['condition'] });
    expect([...opened.choices.events].sort()).toEqual(['cue_time', 'start_time', 'stop_time']);
  });

  // pynwb writes ElementIdentifiers (`id`) as int64, and h5py-direct or MatNWB writers store indexes and
  // integer trial columns as int64 too; h5wasm hands those back as BigInt64Array (see the report).
  it('reads int64 unit ids, spike_times_index, electrode rows and trial columns like narrow ones', async () => {
    const truth = expected.units;
    const opened = await open('units_int64.nwb', epochMapping('cue_time', 0.2));
    const { dataset } = opened;
    expect(dataset.neurons.map((n) => n.id)).toEqual(truth.unitIds.map((id) => `unit ${id}`));
    expect(dataset.neurons.map((n) => n.position)).toEqual(truth.positions);
    const session = dataset.sessions[0]!;
    expect(Array.from({ length: 20 }, (_, t) => Array.from(session.responses.subarray(t * 3, t * 3 + 3)))).toEqual(truth.counts);
    expect(Array.from(session.choice ?? [])).toEqual(truth.choice);
    expect(opened.mapping.choice).toBe('choice');
    expect(opened.warnings).toContainEqual({ severity: 'warning', file: 'units_int64.nwb', field: '/intervals/blocks/choice', message: 'used as the choice: 0 = 0, 1 = 1' });
  });

  it('stops a cancelled read of a multi-unit NWB file before the next unit, with a cancelled issue', async () => {
    const cancel = new AbortController();
    const binned: number[] = [];
    const reading = openSessionFiles([inputFromBytes('units_intervals.nwb', files['units_intervals.nwb']!)], {
      dropSilent: false,
      mapping: epochMapping('cue_time', 0.2),
      signal: cancel.signal,
      onProgress: (step, done) => {
        if (!step.startsWith('reading units of')) return;
        binned.push(done);
        if (done === 1) cancel.abort();
      },
    });
    const error = await rejection(() => reading);
    expect(error).not.toBeInstanceOf(MappingError); // no mapping would fix a cancel
    expect(error.issues).toEqual([{ severity: 'error', code: 'cancelled', file: 'units_intervals.nwb', field: '(reading)', message: 'was cancelled' }]);
    expect(binned).toEqual([1]); // units 2 and 3 were never read
    // The file was closed on the way out: it opens again in full.
    expect((await open('units_intervals.nwb', epochMapping('cue_time', 0.2))).dataset.neurons).toHaveLength(3);
  });

  it('reads nothing past the first bytes when the signal is aborted before opening', async () => {
    const bytes = files['units_intervals.nwb']!;
    let read = 0;
    const counted = { name: 'counted.nwb', source: { size: bytes.length, read: (offset: number, length: number) => ((read += length), bytes.subarray(offset, offset + length)) } };
    const error = await rejection(() => openSessionFiles([counted], { dropSilent: false, signal: AbortSignal.abort() }));
    expect(error.issues[0]!.code).toBe('cancelled');
    expect(read).toBeLessThanOrEqual(4096); // detection's look at the head only
  });

  it('refuses an NWB file with neither units nor ROI series, naming /units', async () => {
    const error = await rejection(() => open('no_units.nwb'));
    expect(error.issues).toEqual([
      { severity: 'error', file: 'no_units.nwb', field: '/units', message: 'is missing, and the file has no RoiResponseSeries: no neurons to read' },
    ]);
    expect(error.message).toMatch(/^no_units\.nwb: \/units: is missing/);
  });

  it('refuses HDF5 that is not NWB', async () => {
    const error = await rejection(() => open('not_nwb.h5'));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ severity: 'error', file: 'not_nwb.h5', field: '/' });
    expect(error.message).toMatch(/^not_nwb\.h5: \/: is HDF5 but not an NWB file/);
  });

  it('refuses a truncated NWB file with a DatasetError naming the file', async () => {
    const whole = files['ophys.nwb']!;
    for (const fraction of [0.6, 0.3]) {
      const cut = whole.slice(0, Math.floor(whole.length * fraction));
      const error = await rejection(() =>
        openSessionFiles([inputFromBytes('cut.nwb', cut)], { dropSilent: false, mapping: epochMapping('stim_on_time', 0.5) }),
      );
      expect(error.issues[0]).toMatchObject({ severity: 'error', code: 'damaged-file', file: 'cut.nwb', field: '(HDF5)' });
      expect(error.issues[0]!.message).toMatch(/^is damaged or not HDF5 \(truncated file/);
      expect(error.message.startsWith('cut.nwb: ')).toBe(true);
    }
  });

  it('detects a MATLAB v7.3 file by its header and asks for the axes when sizes cannot tell them', async () => {
    const bytes = files['v73.mat']!;
    expect(isMatV73(bytes)).toBe(true);
    const error = await rejection(() => open('v73.mat'));
    expect(error).toBeInstanceOf(MappingError);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ severity: 'error', file: 'v73.mat', field: 'resp' });
    expect(error.issues[0]!.message).toMatch(/^axes of \(5 × 12 × 2\) are ambiguous: the stimulus marks axis 3 as the condition axis, but nothing tells the neuron axis from the trial axis/);
    // The dialog gets the file's variables to choose from.
    const choices = (error as MappingError).choices;
    expect(choices.responses).toEqual(['resp']);
    expect(choices.variables?.map((v) => v.name)).toEqual(expect.arrayContaining(['resp', 'orientations', 'info.rate', 'label']));
  });

  it('reads a MATLAB v7.3 response with named axes: conditions outer, trials inner, values in place', async () => {
    const truth = expected.v73;
    const [neurons, trials, conditions] = truth.shape;
    const opened = await open('v73.mat', validateMapping({ axes: ['neuron', 'trial', 'condition'] }, 'test'));
    expect(opened.formatLabel).toBe('MATLAB v7.3 .mat (HDF5)');
    const { dataset, warnings } = opened;
    expect(dataset.neurons).toHaveLength(neurons);
    const session = dataset.sessions[0]!;
    expect(session.trialCount).toBe(trials * conditions);
    expect(session.epochs).toHaveLength(1);
    // Trial k = c·T + t has the stimulus of its condition.
    expect(Array.from(session.stimulus)).toEqual(Array.from({ length: trials * conditions }, (_, k) => truth.orientations[Math.floor(k / trials)]));
    expect(new Set(session.stimulus)).toEqual(new Set([-1, 1]));
    const at = (n: number, t: number, c: number) => session.responses[(c * trials + t) * neurons + n]!;
    for (const [n, t, c] of [[3, 7, 1], [0, 0, 0], [4, 11, 1], [2, 5, 0], [1, 0, 1]] as const) {
      expect(at(n, t, c)).toBeCloseTo(truth.resp[n]![t]![c]!, 5);
    }
    for (let n = 0; n < neurons; n++) for (let t = 0; t < trials; t++) for (let c = 0; c < conditions; c++) expect(at(n, t, c)).toBeCloseTo(truth.resp[n]![t]![c]!, 5);
    expect(opened.mapping).toMatchObject({ response: 'resp', stimulus: 'orientations', axes: ['neuron', 'trial', 'condition'], choice: null });
    const skipped = warnings.filter((w) => w.field === 'notes');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ severity: 'warning', file: 'v73.mat' });
    expect(skipped[0]!.message).toMatch(/^is a MATLAB cell array \(references in v7\.3 files\)/);
  });

  it('lists struct fields and char arrays of a MATLAB v7.3 file as variables, in MATLAB dims', async () => {
    const truth = expected.v73;
    const { variables, warnings } = await readMatV73(inputFromBytes('v73.mat', files['v73.mat']!));
    const named = byName(variables);
    expect([...named.keys()].sort()).toEqual(['info.rate', 'label', 'orientations', 'resp']);
    expect(named.get('resp')).toMatchObject({ kind: 'numeric', dtype: 'double', shape: truth.shape });
    expect(named.get('orientations')).toMatchObject({ kind: 'numeric', shape: [1, 2] });
    expect(Array.from(named.get('orientations')!.values as Float64Array)).toEqual(truth.orientations);
    expect(named.get('info.rate')).toMatchObject({ kind: 'numeric', dtype: 'double', shape: [1, 1] });
    expect(Array.from(named.get('info.rate')!.values as Float64Array)).toEqual([truth.rate]);
    expect(named.get('label')).toEqual({ kind: 'text', name: 'label', shape: [1], values: [truth.label] });
    // C order of MATLAB's dims: resp(n, t, c) sits at (n·T + t)·C + c.
    const resp = named.get('resp')!.values as Float64Array;
    const [, trials, conditions] = truth.shape;
    expect(resp[(3 * trials + 7) * conditions + 1]).toBe(truth.resp[3]![7]![1]);
    expect(warnings.map((w) => w.field)).toEqual(['notes']);
  });
});
