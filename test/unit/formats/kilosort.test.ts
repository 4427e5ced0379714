import { describe, expect, it } from 'vitest';
import { inputFromBytes, openSessionFiles, type InputFile } from '../../../shared/formats/index';
import { validateMapping } from '../../../shared/formats/mapping';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { frameRateFromOps } from '../../../shared/formats/suite2p';
import { inspectSuite2p } from '../../../shared/formats/suite2pInspect';
import { npyBytes } from '../../helpers/npyBytes';
import { refusal } from '../../helpers/refusal';

const text = (s: string) => new TextEncoder().encode(s);
const RATE = 30_000;

/**
 * A Kilosort/phy folder written by hand: 3 clusters (7 good, 9 good, 4 noise), 10 trials of 2 s. In
 * trial t, cluster 7 fires t + 1 spikes in [stim_on, stim_on + 0.5 s) and cluster 9 fires 2 spikes;
 * spikes are stored out of time order, as concatenated batches can be.
 */
function kilosortFolder(options: { params?: boolean; labels?: boolean } = {}): { files: InputFile[]; expected: number[][] } {
  const spikes: [number, number][] = [];
  const expected: number[][] = [];
  for (let t = 0; t < 10; t++) {
    const stimOn = t * 2 + 0.5;
    for (let k = 0; k <= t; k++) spikes.push([stimOn + 0.01 + k * 0.04, 7]);
    spikes.push([stimOn + 0.1, 9], [stimOn + 0.3, 9], [stimOn + 0.7, 9], [stimOn + 0.2, 4]);
    expected.push([t + 1, 2]);
  }
  spikes.reverse();
  const files = [
    inputFromBytes('ks/spike_times.npy', npyBytes([spikes.length], spikes.map(([s]) => Math.round(s * RATE)))),
    inputFromBytes('ks/spike_clusters.npy', npyBytes([spikes.length], spikes.map(([, c]) => c))),
    inputFromBytes('ks/trials.csv', text(`start_time,stop_time,stim_on_time,contrast,choice\n${Array.from({ length: 10 }, (_, t) => `${t * 2},${t * 2 + 2},${t * 2 + 0.5},${t % 2 ? 0.5 : -0.5},${t % 3 === 0 ? 'left' : 'right'}`).join('\n')}\n`)),
  ];
  if (options.params !== false) files.push(inputFromBytes('ks/params.py', text(`dat_path = 'raw.bin'\nn_channels_dat = 385\nsample_rate = ${RATE}.0\nhp_filtered = True\n`)));
  if (options.labels !== false) files.push(inputFromBytes('ks/cluster_group.tsv', text('cluster_id\tgroup\n4\tnoise\n7\tgood\n9\tgood\n')));
  return { files, expected };
}

const window = validateMapping({ epochs: [{ name: 'stimulus', event: 'stim_on_time', start: 0, end: 0.5 }] }, 'test');

describe('Kilosort/phy folder + trials CSV', () => {
  it('counts each good cluster’s spikes in the mapped window, sorted first', async () => {
    const { files, expected } = kilosortFolder();
    const opened = await openSessionFiles(files, { dropSilent: false, mapping: window });
    expect(opened.formatLabel).toBe('Kilosort/phy folder + trials CSV');
    const { dataset } = opened;
    expect(dataset.neurons.map((n) => n.id)).toEqual(['cluster 7', 'cluster 9']);
    const session = dataset.sessions[0]!;
    expect(session.trialCount).toBe(10);
    expect(Array.from({ length: 10 }, (_, t) => Array.from(session.responses.subarray(t * 2, t * 2 + 2)))).toEqual(expected);
    expect(Array.from(session.stimulus)).toEqual(Array.from({ length: 10 }, (_, t) => (t % 2 ? 0.5 : -0.5)));
    // choice: left/right coded in sorted order.
    expect(Array.from(session.choice!)).toEqual(Array.from({ length: 10 }, (_, t) => (t % 3 === 0 ? 0 : 1)));
    expect(opened.mapping).toMatchObject({ stimulus: 'contrast', choice: 'choice', sampleRate: RATE, units: 'good' });
    expect(opened.warnings.map((w) => w.message).join('\n')).toMatch(/2 of 3 clusters used \(labelled good\)/);
  });

  it('places clusters at their channel (channel_positions.npy + cluster_info.tsv), else at their depth', async () => {
    const { files } = kilosortFolder();
    const withChannels = [
      ...files,
      inputFromBytes('ks/channel_positions.npy', npyBytes([3, 2], [16, 20, 48, 40, 0, 60])),
      inputFromBytes('ks/cluster_info.tsv', text('cluster_id\tch\tdepth\tgroup\n7\t2\t60\tgood\n9\t1\t40\tgood\n4\t0\t20\tnoise\n')),
    ];
    const placed = await openSessionFiles(withChannels, { dropSilent: false, mapping: window });
    expect(placed.dataset.neurons.map((n) => n.position)).toEqual([
      [0, 0, 60],
      [48, 0, 40],
    ]);
    const depthOnly = files.concat(inputFromBytes('ks/cluster_info.tsv', text('cluster_id\tdepth\n7\t120\n9\t35\n')));
    const byDepth = await openSessionFiles(depthOnly, { dropSilent: false, mapping: window });
    expect(byDepth.dataset.neurons.map((n) => n.position)).toEqual([
      [0, 0, 120],
      [0, 0, 35],
    ]);
  });

  it('"all" units keeps every cluster but noise; no labels keeps all, said so', async () => {
    const all = await openSessionFiles(kilosortFolder().files, { dropSilent: false, mapping: validateMapping({ ...window, units: 'all' }, 'test') });
    expect(all.dataset.neurons).toHaveLength(2);
    const unlabelled = await openSessionFiles(kilosortFolder({ labels: false }).files, { dropSilent: false, mapping: window });
    expect(unlabelled.dataset.neurons.map((n) => n.id)).toEqual(['cluster 4', 'cluster 7', 'cluster 9']);
    expect(unlabelled.warnings.map((w) => w.message).join('\n')).toMatch(/no cluster labels/);
  });

  it('without params.py asks for the sample rate; without a trials CSV says what it needs', async () => {
    const { files } = kilosortFolder({ params: false });
    await expect(openSessionFiles(files, { dropSilent: false, mapping: window })).rejects.toThrow(/ks: params\.py: has no sample_rate .* --sample-rate HZ/);
    const rated = await openSessionFiles(files, { dropSilent: false, mapping: validateMapping({ ...window, sampleRate: RATE }, 'test') });
    expect(rated.dataset.neurons).toHaveLength(2);
    const noTrials = kilosortFolder().files.filter((f) => !f.name.endsWith('.csv'));
    await expect(openSessionFiles(noTrials, { dropSilent: false })).rejects.toThrow(/ks: \(trials\): has no trials CSV/);
  });

  it('codes the issues callers act on: a missing sample rate, a single unit', async () => {
    const unrated = await openSessionFiles(kilosortFolder({ params: false }).files, { dropSilent: false, mapping: window }).catch((error: DatasetError) => error);
    expect(unrated).toBeInstanceOf(DatasetError);
    expect((unrated as DatasetError).issues.map((issue) => issue.code)).toEqual(['missing-sample-rate']);
    const oneGood = kilosortFolder().files.map((f) => (f.name.endsWith('cluster_group.tsv') ? inputFromBytes(f.name, text('cluster_id\tgroup\n4\tnoise\n7\tgood\n9\tmua\n')) : f));
    const single = await openSessionFiles(oneGood, { dropSilent: false, mapping: window });
    expect(single.dataset.neurons).toHaveLength(1);
    expect(single.warnings.filter((w) => w.code === 'single-neuron')).toEqual([
      { severity: 'warning', code: 'single-neuron', file: 'ks', field: '(neurons)', message: 'one neuron only: pairwise shared information and noise correlations need at least 2 neurons' },
    ]);
  });

  it('an unknown event column in the mapping is named with the columns that hold times', async () => {
    const mapping = validateMapping({ epochs: [{ name: 'x', event: 'go_cue_time', start: 0, end: 1 }] }, 'test');
    await expect(openSessionFiles(kilosortFolder().files, { dropSilent: false, mapping })).rejects.toThrow(/column go_cue_time: is not a column of event times; the columns with times are start_time, stop_time, stim_on_time/);
  });
});

describe('the memory limit of a recording folder (--max-memory)', () => {
  it('charges a Kilosort folder\'s arrays to one budget and names the one that passes it', async () => {
    // spike_times and spike_clusters are 95 values each (760 bytes as doubles): the first fits in 1000 bytes, both do not.
    const { issues } = await refusal(() => openSessionFiles(kilosortFolder().files, { dropSilent: false, mapping: window, memoryLimit: 1000 }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'memory-limit', file: 'ks/spike_clusters.npy', field: '(npy header)' });
    expect(issues[0]!.message).toMatch(/^declares 95 elements .*more than the memory limit of 1000 bytes with the 760 bytes read before it/);
    await expect(openSessionFiles(kilosortFolder().files, { dropSilent: false, mapping: window, memoryLimit: 1600 })).resolves.toBeTruthy();
  });

  it('refuses a suite2p plane whose traces pass the limit, in inspect and in reading', async () => {
    const traces = npyBytes([4, 100], Array.from({ length: 400 }, (_, k) => k % 7));
    const { issues } = await refusal(() => inspectSuite2p(new Map([['F.npy', traces]]), 'plane0', { memoryLimit: 1000 }));
    expect(issues).toMatchObject([{ code: 'memory-limit', file: 'plane0/F.npy', field: '(npy header)' }]);
    expect(inspectSuite2p(new Map([['F.npy', traces]]), 'plane0', { memoryLimit: 4000 }).rois).toBe(4);
    const trials = text('start_time,stop_time,stim_on_time,contrast\n0,1,0.1,1\n1,2,1.1,-1\n');
    const folder = [inputFromBytes('plane0/F.npy', traces), inputFromBytes('plane0/trials.csv', trials)];
    const mapping = validateMapping({ sampleRate: 30, epochs: [{ name: 'stimulus', event: 'stim_on_time', start: 0, end: 0.5 }] }, 'test');
    expect((await refusal(() => openSessionFiles(folder, { dropSilent: false, mapping, memoryLimit: 1000 }))).issues).toMatchObject([{ code: 'memory-limit', file: 'plane0/F.npy' }]);
  });
});

describe('suite2p ops.npy', () => {
  it('finds the frame rate fs in a pickled dict (protocol 4 BINFLOAT after the key)', () => {
    // pickle.dumps({'fs': 30.0, 'nplanes': 1}, protocol=4) as numpy saves it inside ops.npy.
    const pickle = Uint8Array.from([
      0x80, 0x04, 0x95, 0x1f, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x28, 0x8c, 0x02, 0x66, 0x73, 0x94, 0x47, 0x40, 0x3e, 0, 0, 0, 0, 0, 0, 0x8c, 0x07, 0x6e, 0x70, 0x6c, 0x61, 0x6e, 0x65,
      0x73, 0x94, 0x4b, 0x01, 0x75, 0x2e,
    ]);
    expect(frameRateFromOps(pickle)).toBe(30);
    expect(frameRateFromOps(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});
