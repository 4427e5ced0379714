import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { MappingError, inputFromBytes, openSessionFiles } from '../../../shared/formats/index';
import { arrayDataset } from '../../../shared/formats/arrayDataset';
import { validateMapping, type MappingInput } from '../../../shared/formats/mapping';
import type { NumericVariable, TextVariable } from '../../../shared/formats/variables';
import { npyBytes } from '../../helpers/npyBytes';

const numeric = (name: string, shape: number[], values: ArrayLike<number>): NumericVariable => ({ kind: 'numeric', name, shape, values: Float64Array.from(values), dtype: 'double' });
const mapping = (input: MappingInput = {}) => validateMapping(input, 'test');
const source = { file: 'rec.mat', name: 'rec', source: 'rec.mat', index: 0 };

/** resp[n][t][c] = 100 n + 10 t + c: every value says where it came from. */
function neuronTrialCondition(N: number, T: number, C: number): number[] {
  return Array.from({ length: N * T * C }, (_, k) => {
    const [n, t, c] = [Math.floor(k / (T * C)), Math.floor(k / C) % T, k % C];
    return 100 * n + 10 * t + c;
  });
}

describe('arrays as a dataset', () => {
  it('neuron × trial with a per-trial stimulus: the stimulus length marks the trial axis, in either order', () => {
    const stimulus = numeric('stimulus', [1, 6], [-1, 1, -1, 1, -1, 1]);
    const byNeuron = arrayDataset([numeric('resp', [3, 6], Array.from({ length: 18 }, (_, k) => k)), stimulus], mapping(), source);
    const byTrial = arrayDataset([numeric('resp', [6, 3], Array.from({ length: 18 }, (_, k) => (k % 3) * 6 + Math.floor(k / 3))), stimulus], mapping(), source);
    expect(byNeuron.detected.axes).toEqual(['neuron', 'trial']);
    expect(byTrial.detected.axes).toEqual(['trial', 'neuron']);
    for (const { dataset } of [byNeuron, byTrial]) {
      const session = dataset.sessions[0]!;
      expect(dataset.neurons).toHaveLength(3);
      expect(session.trialCount).toBe(6);
      // [trial][epoch][neuron]: trial 2 holds neuron 0's value 2, neuron 1's 8, neuron 2's 14.
      expect(Array.from(session.responses.subarray(2 * 3, 3 * 3))).toEqual([2, 8, 14]);
      expect(Array.from(session.stimulus)).toEqual([-1, 1, -1, 1, -1, 1]);
    }
  });

  it('neuron × trial × condition: a 12-long orientations vector marks the condition axis, a choice vector the trial axis', () => {
    const [N, T, C] = [4, 5, 12];
    const orientations = Array.from({ length: C }, (_, c) => c * 15);
    const opened = arrayDataset(
      [numeric('resp', [N, T, C], neuronTrialCondition(N, T, C)), numeric('orientations', [C], orientations), numeric('choice', [T, 1], [1, 0, 1, 0, 1])],
      mapping(),
      source,
    );
    expect(opened.detected.axes).toEqual(['neuron', 'trial', 'condition']);
    const session = opened.dataset.sessions[0]!;
    expect(session.trialCount).toBe(T * C);
    // Trials run condition by condition: trial k = c T + t.
    const [t, c] = [3, 7];
    expect(session.stimulus[c * T + t]).toBe(105);
    expect(Array.from(session.responses.subarray((c * T + t) * N, (c * T + t + 1) * N))).toEqual([37, 137, 237, 337]);
    expect(opened.warnings.map((w) => w.message).join('\n')).toMatch(/not used as the choice/);
  });

  it('asks when sizes cannot tell the axes apart, and reads them once named (any order)', () => {
    const [N, T, C] = [4, 5, 2];
    const variables = [numeric('resp', [N, T, C], neuronTrialCondition(N, T, C)), numeric('orientations', [C], [-1, 1])];
    expect(() => arrayDataset(variables, mapping(), source)).toThrow(/axes of \(4 × 5 × 2\) are ambiguous: .*--axes/);
    const named = arrayDataset(variables, mapping({ axes: ['neuron', 'trial', 'condition'] }), source).dataset.sessions[0]!;
    // The same data stored condition × neuron × trial reads to the same dataset.
    const permuted = Array.from({ length: N * T * C }, (_, k) => {
      const [c, n, t] = [Math.floor(k / (N * T)), Math.floor(k / T) % N, k % T];
      return 100 * n + 10 * t + c;
    });
    const again = arrayDataset([numeric('resp', [C, N, T], permuted), variables[1]!], mapping({ axes: ['condition', 'neuron', 'trial'] }), source).dataset.sessions[0]!;
    expect(Array.from(again.responses)).toEqual(Array.from(named.responses));
    expect(Array.from(again.stimulus)).toEqual(Array.from(named.stimulus));
  });

  it('drops all-NaN trials as padding, refuses partial NaN naming the trial, and checks the mapping against the shape', () => {
    const values = Array.from({ length: 2 * 4 }, (_, k) => k + 1);
    values[3] = Number.NaN; // neuron 0, trial 3
    values[7] = Number.NaN; // neuron 1, trial 3: the whole trial is padding
    const stimulus = numeric('stim', [4], [1, -1, 1, -1]);
    const padded = arrayDataset([numeric('resp', [2, 4], values), stimulus], mapping(), source);
    expect(padded.dataset.sessions[0]!.trialCount).toBe(3);
    expect(padded.warnings.map((w) => w.message).join('\n')).toMatch(/1 all-NaN trial\(s\) read as padding/);
    values[7] = 8;
    expect(() => arrayDataset([numeric('resp', [2, 4], values), stimulus], mapping(), source)).toThrow(/trial 4 has NaN for some neurons only/);
    expect(() => arrayDataset([numeric('resp', [2, 4], values), stimulus], mapping({ axes: ['neuron', 'trial', 'condition'] }), source)).toThrow(/has 2 axes .* but the mapping names 3/);
    expect(() => arrayDataset([numeric('resp', [2, 4], values), stimulus], mapping({ axes: ['neuron', 'epoch'] }), source)).toThrow(/must include neuron and trial/);
    expect(() => arrayDataset([numeric('resp', [2, 4], values), stimulus], mapping({ stimulus: 'nope' }), source)).toThrow(/nope: is not a variable of this file; it holds resp, stim/);
  });

  it('a session axis gives one session each, with conditions from a text variable', () => {
    const [N, T, S] = [2, 3, 2];
    const conditions: TextVariable = { kind: 'text', name: 'condition', shape: [S], values: ['task', 'passive'] };
    const { dataset } = arrayDataset(
      [numeric('resp', [S, N, T], Array.from({ length: S * N * T }, (_, k) => k)), numeric('stimulus', [T], [1, -1, 1]), conditions],
      mapping({ axes: ['session', 'neuron', 'trial'] }),
      source,
    );
    expect(dataset.sessions.map((s) => [s.condition, s.order, s.trialCount])).toEqual([
      ['task', 1, 3],
      ['passive', 2, 3],
    ]);
    expect(Array.from(dataset.sessions[1]!.responses.subarray(0, 2))).toEqual([6, 9]);
  });
});

describe('NumPy files through openSessionFiles', () => {
  it('an .npz with resp and stimulus opens, and reports the detected mapping and the variables', async () => {
    const npz = zipSync({ 'resp.npy': npyBytes([3, 8], Array.from({ length: 24 }, (_, k) => (k * 37) % 11)), 'stimulus.npy': npyBytes([8], [1, -1, 1, -1, 1, -1, 1, -1]) });
    const opened = await openSessionFiles([inputFromBytes('day1.npz', npz)], { dropSilent: false });
    expect(opened.formatLabel).toBe('NumPy .npz');
    expect(opened.mapping).toMatchObject({ response: 'resp', stimulus: 'stimulus', axes: ['neuron', 'trial'] });
    expect(opened.choices.variables.map((v) => `${v.name} ${v.shape.join('×')}`)).toEqual(['resp 3×8', 'stimulus 8']);
    expect(opened.dataset.sessions[0]!.id).toBe('day1');
  });

  it('a folder of .npy files is one recording; ambiguous axes raise a MappingError that lists the variables', async () => {
    const files = [
      inputFromBytes('rec/resp.npy', npyBytes([4, 6, 2], Array.from({ length: 48 }, (_, k) => k % 7))),
      inputFromBytes('rec/orientation.npy', npyBytes([2], [0, 90])),
    ];
    const attempt = openSessionFiles(files, { dropSilent: false });
    await expect(attempt).rejects.toBeInstanceOf(MappingError);
    const error = (await attempt.catch((e: unknown) => e)) as MappingError;
    expect(error.choices.variables?.map((v) => v.name)).toEqual(['resp', 'orientation']);
    const opened = await openSessionFiles(files, { dropSilent: false, mapping: mapping({ axes: ['neuron', 'trial', 'condition'] }) });
    expect(opened.formatLabel).toBe('NumPy .npy arrays');
    expect(opened.dataset.sessions[0]!.trialCount).toBe(12);
  });

  it('a 2 GB .npz is refused with its size and what to do; nothing is read past its head', async () => {
    const head = zipSync({ 'resp.npy': npyBytes([2], [1, 2]) });
    let furthest = 0;
    const huge = {
      name: 'huge.npz',
      source: { size: 2 * 1024 ** 3, read: (offset: number, length: number) => ((furthest = Math.max(furthest, offset + length)), head.subarray(offset, offset + length)) },
    };
    await expect(openSessionFiles([huge], { dropSilent: false })).rejects.toThrow(/huge\.npz: \(file\): is 2\.0 GB; Chorus reads files of this format whole, up to 1\.0 GB\. Split it into sessions, or save it as NWB\/HDF5/);
    expect(furthest).toBeLessThanOrEqual(4096);
  });

  it('a file no reader claims is refused with the list of formats', async () => {
    await expect(openSessionFiles([inputFromBytes('notes.docx', new Uint8Array([80, 75, 5, 6, 0, 0]))], { dropSilent: false })).rejects.toThrow(
      /notes\.docx: \(file\): is not a format Chorus can read; supported: .*MATLAB v5/,
    );
    await expect(openSessionFiles([inputFromBytes('empty.npy', new Uint8Array())], { dropSilent: false })).rejects.toBeInstanceOf(DatasetError);
  });
});
