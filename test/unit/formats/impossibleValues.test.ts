import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { inputFromBytes, openSessionFiles, type InputFile } from '../../../shared/formats/index';
import { validateMapping } from '../../../shared/formats/mapping';
import { trialsPerStimulus } from '../../../shared/dataset/counts';
import { npyBytes } from '../../helpers/npyBytes';
import { refusal } from '../../helpers/refusal';

/**
 * Values that cannot be right (issue 16): a trial without a stimulus value belongs to no discrimination,
 * so it is left out with a warning naming the file, the field and how many trials — never counted as a
 * stimulus value "NaN" of its own; a file where no trial has one is refused.
 */
const text = (s: string) => new TextEncoder().encode(s);

/** An .npz of resp (3 neurons × 8 trials) and its per-trial stimulus. */
function npz(stimulus: readonly number[]): InputFile {
  const resp = Array.from({ length: 3 * 8 }, (_, k) => (k * 37) % 11);
  return inputFromBytes('grating.npz', zipSync({ 'resp.npy': npyBytes([3, 8], resp), 'stimulus.npy': npyBytes([8], stimulus) }));
}

/** A Kilosort folder whose trials CSV has this contrast column; in trial t cluster 7 fires once and cluster 9 t + 1 times. */
function kilosort(contrast: readonly string[]): InputFile[] {
  const spikes = contrast.flatMap((_, t) => [[t * 2 + 0.6, 7] as const, ...Array.from({ length: t + 1 }, (_, k) => [t * 2 + 0.61 + 0.05 * k, 9] as const)]);
  return [
    inputFromBytes('ks/spike_times.npy', npyBytes([spikes.length], spikes.map(([s]) => Math.round(s * 30_000)))),
    inputFromBytes('ks/spike_clusters.npy', npyBytes([spikes.length], spikes.map(([, c]) => c))),
    inputFromBytes('ks/params.py', text('sample_rate = 30000.0\n')),
    inputFromBytes('ks/trials.csv', text(`start_time,stop_time,stim_on_time,contrast\n${contrast.map((c, t) => `${t * 2},${t * 2 + 2},${t * 2 + 0.5},${c}`).join('\n')}\n`)),
  ];
}
const stimulusWindow = validateMapping({ epochs: [{ name: 'stimulus', event: 'stim_on_time', start: 0, end: 0.5 }] }, 'test');

describe('trials without a stimulus value', () => {
  it('an array file: the NaN trials are left out and said, with the file, the variable and how many', async () => {
    const opened = await openSessionFiles([npz([-1, 1, Number.NaN, 1, -1, Number.NaN, 1, -1])], { dropSilent: true });
    const session = opened.dataset.sessions[0]!;
    expect(session.trialCount).toBe(6);
    expect(Array.from(session.stimulus)).toEqual([-1, 1, 1, -1, 1, -1]);
    // Trial 4 (index 3) is the third kept: its responses are neuron n's value at trial 3.
    expect(Array.from(session.responses.subarray(2 * 3, 3 * 3))).toEqual([0, 1, 2].map((n) => ((n * 8 + 3) * 37) % 11));
    expect(opened.warnings).toContainEqual({ severity: 'warning', code: 'missing-stimulus', file: 'grating.npz', field: 'stimulus', message: '2 of 8 trials have no stimulus value (NaN) and are left out' });
    expect(Object.keys(trialsPerStimulus(opened.dataset))).toEqual(['1', '-1']);
  });

  it('an array file with no stimulus value at all is refused', async () => {
    const error = await refusal(() => openSessionFiles([npz(Array.from({ length: 8 }, () => Number.NaN))], { dropSilent: true }));
    expect(error.issues).toEqual([expect.objectContaining({ code: 'missing-stimulus', file: 'grating.npz', field: 'stimulus', message: 'has no value (NaN) for any of the 8 trials; every trial needs a stimulus value' })]);
  });

  it('a trials CSV: NaN and empty stimulus cells leave their trials out, said once', async () => {
    const opened = await openSessionFiles(kilosort(['0.5', 'NaN', '-0.5', '', '0.5', '-0.5']), { dropSilent: false, mapping: stimulusWindow });
    const session = opened.dataset.sessions[0]!;
    expect(Array.from(session.stimulus)).toEqual([0.5, -0.5, 0.5, -0.5]);
    // Each kept trial (1, 3, 5, 6) keeps its own spikes: [cluster 7, cluster 9].
    expect(Array.from(session.responses)).toEqual([1, 1, 1, 3, 1, 5, 1, 6]);
    expect(opened.warnings).toContainEqual({ severity: 'warning', code: 'missing-stimulus', file: 'ks/trials.csv', field: 'column contrast', message: '2 of 6 trials have no stimulus value (NaN or empty) and are left out' });
  });

  it('a trials CSV with labels: an empty label is no stimulus, not a label of its own', async () => {
    const mapping = validateMapping({ ...stimulusWindow, stimulus: 'contrast' }, 'test');
    const opened = await openSessionFiles(kilosort(['low', 'high', '', 'low']), { dropSilent: false, mapping });
    expect(Array.from(opened.dataset.sessions[0]!.stimulus)).toEqual([1, 0, 1]);
    expect(opened.warnings.map((w) => w.message)).toContain('used as the stimulus: high = 0, low = 1');
  });

  it('a trials CSV without any stimulus value is refused, naming the column', async () => {
    const error = await refusal(() => openSessionFiles(kilosort(['NaN', 'nan', '']), { dropSilent: false, mapping: stimulusWindow }));
    expect(error.message).toBe('ks/trials.csv: column contrast: has no value on any of the 3 trials (NaN or empty); every trial needs a stimulus value');
    expect(error.issues[0]!.code).toBe('missing-stimulus');
  });
});
