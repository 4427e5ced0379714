import { zipSync } from 'fflate';
import { fileURLToPath } from 'node:url';
import { DatasetError } from '../../shared/dataset/datasetError';
import { writeChorusJson } from '../../shared/formats/chorusJson';
import { inputFromBytes, openSessionFiles, type OpenedDataset } from '../../shared/formats/index';
import { DEFAULT_MEMORY_LIMIT } from '../../shared/formats/memoryLimit';
import { EMPTY_MAPPING } from '../../shared/formats/mapping';
import { simulateLearningDataset } from '../../shared/simulate/learningDemo';
import { inspectInput, type InspectedInput } from '../../node/cliInspect';
import { ReadWorkerHost } from '../../node/guardedRead';
import { hashOfView, parseViewFile, viewFromHash } from '../../shared/view/viewSchema';
import { toLongCsv } from '../helpers/longCsv';
import { ascii, compressed, doubles, matFile, matrix, mi, mx, element, numbers } from '../helpers/matV5Bytes';
import { npyBytes } from '../helpers/npyBytes';
import { findH5pyPython, runPythonJson } from '../helpers/python';
import { encode, smallChorusFile } from '../helpers/smallDataset';
import { aView } from '../helpers/viewFiles';
import { FIXED_ZIP_TIME } from './mutations';

/**
 * What the fuzzer attacks: every reader of the registry (as `chorus inspect` and the app open files), the
 * matching table and mapping preset that come with data files, and the app's view files. A target is its
 * valid seed inputs and how one case is read; a new format or file kind is one entry in FUZZ_TARGETS.
 */

export interface FuzzFile {
  /** May carry a folder (`ks/spike_times.npy`): a folder's files form one recording. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface FuzzSeed {
  readonly label: string;
  readonly files: readonly FuzzFile[];
  /** The files mutations touch (default: every file); the others travel intact. */
  readonly mutable?: readonly string[];
}

export interface FuzzTarget {
  readonly id: string;
  /** Valid inputs, each of which reads; or why none can be made here (the target is skipped, said in one line). */
  seeds(): readonly FuzzSeed[] | { readonly skip: string };
  /** Reads one case: resolves when it was read, throws what the reader threw. */
  run(files: readonly FuzzFile[]): Promise<unknown>;
  /** A refusal a user can act on. Default: a DatasetError whose every issue names its file and field. */
  isCleanError?(error: unknown): boolean;
}

/** An input was accepted into something that cannot be right: counted as a crash, whatever its class. */
export class BrokenInvariant extends Error {
  override readonly name = 'BrokenInvariant';
}

export function namesFileAndField(error: unknown): boolean {
  return error instanceof DatasetError && error.issues.length > 0 && error.issues.every((issue) => Boolean(issue.file) && Boolean(issue.field));
}

const file = (name: string, bytes: Uint8Array | string): FuzzFile => ({ name, bytes: typeof bytes === 'string' ? encode(bytes) : bytes });

/** How a target's files are read: in this thread, or on the CLI's read worker (as `chorus` reads HDF5 files). */
interface Read {
  inspect(path: string, files: readonly FuzzFile[]): Promise<InspectedInput>;
  open(files: readonly FuzzFile[]): Promise<OpenedDataset>;
}

const inThisThread: Read = {
  inspect: (path, files) => inspectInput(path, files.map((f) => inputFromBytes(f.name, f.bytes)), EMPTY_MAPPING),
  open: (files) => openSessionFiles(files.map((f) => inputFromBytes(f.name, f.bytes)), { dropSilent: true }),
};

/**
 * The CLI's guarded read (node/guardedRead.ts): a read that passes no checkpoint for 2 s — well inside the
 * fuzzer's 5 s per case — is stopped and refused as a damaged file. HDF5 readers go this way: the HDF5
 * library can loop on a damaged file, and only a thread of its own can be stopped.
 */
const onReadWorker: Read = {
  inspect: (path, files) =>
    readHost().read({ kind: 'inspect', path, sources: files.map(({ name, bytes }) => ({ name, bytes })), mapping: EMPTY_MAPPING, memoryLimit: DEFAULT_MEMORY_LIMIT }),
  open: (files) =>
    readHost().read({ kind: 'open', sources: files.map(({ name, bytes }) => ({ name, bytes })), matching: null, mapping: EMPTY_MAPPING, dropSilent: true, memoryLimit: DEFAULT_MEMORY_LIMIT }),
};

/** One read worker per fuzz process, kept between cases (replaced after a stopped read); built beside the fuzz worker (scripts/fuzz.mjs bundleFuzz). */
let host: ReadWorkerHost | null = null;
const readHost = (): ReadWorkerHost => (host ??= new ReadWorkerHost({ workerUrl: new URL('./readWorker.mjs', import.meta.url), timeoutSeconds: 2 }));

/**
 * Reads the files as `chorus inspect` does (the reader's own inspect, then the dataset), then as the app
 * and `chorus analyze` open them, whose refusal is the case's outcome (inspect reports a refusal as a
 * note). Checks what was accepted: counts are whole numbers (not members of Object.prototype) and every
 * stimulus value is finite.
 */
async function inspectAndOpen(files: readonly FuzzFile[], read: Read = inThisThread): Promise<unknown> {
  const path = files[0]!.name.includes('/') ? files[0]!.name.replace(/\/.*$/, '') : files[0]!.name;
  const inspected = await read.inspect(path, files);
  for (const [name, counts] of [['trials per condition', inspected.trialsPerCondition], ['trials per stimulus value', inspected.trialsPerStimulus]] as const) {
    for (const [key, count] of Object.entries(counts)) {
      if (!Number.isInteger(count)) throw new BrokenInvariant(`inspect: ${name}: "${key}" counts ${String(count).slice(0, 60)}`);
    }
  }
  const opened = await read.open(files);
  for (const session of opened.dataset.sessions) {
    const odd = session.stimulus.find((value) => !Number.isFinite(value));
    if (odd !== undefined) throw new BrokenInvariant(`session ${session.id}: the stimulus value ${odd} was accepted`);
  }
  return opened;
}

// ---- Seeds ------------------------------------------------------------------------------------------

const tiny = () => simulateLearningDataset({ neurons: 4, sessions: 1, trialsPerSide: 4, zeroSignalTrials: 2 });
const stimulus8 = [1, -1, 1, -1, 1, -1, 1, -1];
const responses3x8 = Array.from({ length: 24 }, (_, k) => (k * 37) % 11);

function trialsCsv(trials: number, spacing: number): string {
  return `start_time,stop_time,stim_on_time,stimulus,choice\n${Array.from({ length: trials }, (_, t) => `${t * spacing},${t * spacing + spacing},${t * spacing + 0.5},${t % 2 ? 1 : -1},${t % 3 === 0 ? 'left' : 'right'}`).join('\n')}\n`;
}

/** Three clusters firing around each of 10 trials' stimulus onsets, with params.py, labels and a trials CSV. */
function kilosortFolder(): FuzzFile[] {
  const spikes: [number, number][] = [];
  for (let t = 0; t < 10; t++) {
    // Cluster 7 prefers the positive stimulus (odd trials), 9 varies from trial to trial, 4 is noise.
    const counts: [number, number][] = [[7, t % 2 ? 6 : 2], [9, 2 + (t % 3)], [4, 2]];
    for (const [cluster, count] of counts) for (let k = 0; k < count; k++) spikes.push([t * 2 + 0.5 + 0.01 + k * 0.06 + cluster * 0.001, cluster]);
  }
  return [
    file('ks/spike_times.npy', npyBytes([spikes.length], spikes.map(([s]) => Math.round(s * 30_000)))),
    file('ks/spike_clusters.npy', npyBytes([spikes.length], spikes.map(([, c]) => c))),
    file('ks/params.py', "dat_path = 'raw.bin'\nn_channels_dat = 385\nsample_rate = 30000.0\n"),
    file('ks/cluster_group.tsv', 'cluster_id\tgroup\n4\tnoise\n7\tgood\n9\tgood\n'),
    file('ks/trials.csv', trialsCsv(10, 2)),
  ];
}

/** pickle.dumps({'fs': 30.0, 'nplanes': 1}, protocol=4) in an object .npy, as suite2p saves ops.npy. */
function opsNpy(): Uint8Array {
  const pickle = Uint8Array.from([
    0x80, 0x04, 0x95, 0x1f, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x28, 0x8c, 0x02, 0x66, 0x73, 0x94, 0x47, 0x40, 0x3e, 0, 0, 0, 0, 0, 0, 0x8c, 0x07, 0x6e, 0x70, 0x6c, 0x61, 0x6e, 0x65, 0x73,
    0x94, 0x4b, 0x01, 0x75, 0x2e,
  ]);
  const header = "{'descr': '|O', 'fortran_order': False, 'shape': (), }".padEnd(117, ' ') + '\n';
  const bytes = new Uint8Array(10 + header.length + pickle.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  bytes.set(ascii(header), 10);
  bytes.set(pickle, 10 + header.length);
  return bytes;
}

/** Four ROIs × 300 frames at 30 Hz (one all zero, one not a cell), 12 trials of 0.8 s. */
function suite2pFolder(): FuzzFile[] {
  const rois = 4;
  const frames = 300;
  const traces = Array.from({ length: rois * frames }, (_, k) => {
    const [roi, frame] = [Math.floor(k / frames), k % frames];
    return roi === 3 ? 0 : 1 + roi * 0.5 + ((frame * (roi + 3)) % 7) / 7 + (Math.floor(frame / 24) % 2 ? roi * 0.3 : 0);
  });
  return [
    file('plane0/F.npy', npyBytes([rois, frames], traces)),
    file('plane0/iscell.npy', npyBytes([rois, 2], [1, 0.9, 1, 0.8, 0, 0.1, 1, 0.7])),
    file('plane0/ops.npy', opsNpy()),
    file('plane0/trials.csv', trialsCsv(12, 0.8)),
  ];
}

function matV5Seeds(): FuzzSeed[] {
  const variables = (little: boolean) => [
    matrix(little, mx.DOUBLE, [3, 8], 'resp', [element(little, mi.DOUBLE, doubles(little, responses3x8))]),
    matrix(little, mx.DOUBLE, [1, 8], 'stimulus', [element(little, mi.DOUBLE, doubles(little, stimulus8))]),
    matrix(little, mx.DOUBLE, [1, 3], 'offsets', [element(little, mi.INT16, numbers(little, 2, (v, o, x) => v.setInt16(o, x, little), [-2, 300, 5]))]),
    matrix(little, mx.CHAR, [1, 4], 'label', [element(little, mi.UTF16, numbers(little, 2, (v, o, x) => v.setUint16(o, x, little), [...'V4 ü'].map((c) => c.charCodeAt(0))))]),
    matrix(little, mx.CELL, [1, 2], 'names', [
      matrix(little, mx.CHAR, [1, 2], '', [element(little, mi.UTF16, numbers(little, 2, (v, o, x) => v.setUint16(o, x, little), [0x61, 0x62]))]),
      matrix(little, mx.DOUBLE, [1, 1], '', [element(little, mi.DOUBLE, doubles(little, [7]))]),
    ]),
  ];
  return [
    { label: 'little-endian', files: [file('rec.mat', matFile(true, variables(true)))] },
    { label: 'big-endian', files: [file('rec.mat', matFile(false, variables(false)))] },
    { label: 'compressed (v7)', files: [file('rec.mat', matFile(true, variables(true).map((variable) => compressed(true, variable))))] },
  ];
}

/** NWB 2.x and MATLAB v7.3 files written by h5py (test/helpers/hdf5_fixtures.py), made once per process. */
let hdf5Files: Record<string, Uint8Array> | { skip: string } | undefined;
function hdf5Seeds(names: readonly string[], beside: readonly FuzzFile[] = []): FuzzSeed[] | { skip: string } {
  if (!hdf5Files) {
    const python = findH5pyPython();
    if (!python.command) hdf5Files = { skip: python.reason };
    else {
      const script = fileURLToPath(new URL('../../test/helpers/hdf5_fixtures.py', import.meta.url));
      const output = runPythonJson(python.command, script, {}) as { files: Record<string, string> };
      hdf5Files = Object.fromEntries(Object.entries(output.files).map(([name, base64]) => [name, new Uint8Array(Buffer.from(base64, 'base64'))]));
    }
  }
  if ('skip' in hdf5Files && typeof hdf5Files.skip === 'string') return { skip: hdf5Files.skip };
  const made = hdf5Files as Record<string, Uint8Array>;
  return names.map((name) => ({ label: name, files: [file(name, made[name]!), ...beside], mutable: [name] }));
}

function viewFileText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...aView({ dataset: 'Simulated V4 population', position: 12.5, selection: { kind: 'link', a: 'n001', b: 'n002' }, viewMode: 'split' }), ...overrides });
}

/** Two one-day long CSVs whose neurons a matching table pairs up. */
function matchedDays(): FuzzFile[] {
  const day = (seed: number) => toLongCsv(simulateLearningDataset({ neurons: 3, sessions: 1, trialsPerSide: 4, zeroSignalTrials: 2, seed }));
  return [file('day1.csv', day(1)), file('day2.csv', day(2)), file('match.csv', 'neuron,day1,day2\nA,n001,n003\nB,n002,n002\nC,n003,\n')];
}

// ---- The targets ------------------------------------------------------------------------------------

const reader = (id: string, seeds: FuzzTarget['seeds'], read: Read = inThisThread): FuzzTarget => ({ id, seeds, run: (files) => inspectAndOpen(files, read) });

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  reader('chorus-json', () => [
    { label: 'simulated', files: [file('f.chorus.json', writeChorusJson(tiny()))] },
    { label: 'task and passive', files: [file('small.chorus.json', encode(smallChorusFile({ neurons: 3, trialsPerSide: 4, sessions: 1, passive: true })))] },
  ]),
  reader('long-csv', () => [
    { label: 'comma', files: [file('f.csv', toLongCsv(tiny()))] },
    { label: 'tab', files: [file('f.tsv', toLongCsv(tiny(), '\t'))] },
  ]),
  reader('nwb', () => hdf5Seeds(['ophys.nwb', 'ophys_rate.nwb', 'units_intervals.nwb', 'units_int64.nwb']), onReadWorker),
  reader('matlab-v5', matV5Seeds),
  // Its 5 × 12 × 2 response array needs its axes named: a preset chosen with the file says them.
  reader('matlab-v7.3', () => hdf5Seeds(['v73.mat'], [file('v73.chorus-mapping.json', JSON.stringify({ chorusMapping: 1, axes: ['neuron', 'trial', 'condition'] }))]), onReadWorker),
  reader('npz', () => {
    const members = { 'resp.npy': npyBytes([3, 8], responses3x8), 'stimulus.npy': npyBytes([8], stimulus8) };
    return [
      { label: 'stored', files: [file('f.npz', zipSync(members, { level: 0, mtime: FIXED_ZIP_TIME }))] },
      { label: 'deflated', files: [file('f.npz', zipSync(members, { level: 6, mtime: FIXED_ZIP_TIME }))] },
    ];
  }),
  reader('npy-folder', () => [{ label: 'resp + stimulus', files: [file('rec/resp.npy', npyBytes([3, 8], responses3x8)), file('rec/stimulus.npy', npyBytes([8], stimulus8))] }]),
  reader('kilosort', () => [{ label: 'three clusters', files: kilosortFolder() }]),
  reader('suite2p', () => [{ label: 'one plane', files: suite2pFolder() }]),
  reader('matching-table', () => [{ label: 'two days', files: matchedDays(), mutable: ['match.csv'] }]),
  reader('mapping-preset', () => [
    {
      label: 'columns and sessions',
      files: [
        file('rig.chorus-mapping.json', JSON.stringify({ chorusMapping: 1, columns: { neuron: 'neuron' }, sessions: [{ source: 'f.csv', condition: 'task', order: 1 }] })),
        file('f.csv', toLongCsv(tiny())),
      ],
      mutable: ['rig.chorus-mapping.json'],
    },
  ]),
  {
    id: 'view-file',
    seeds: () => [
      { label: 'link selected, split', files: [file('a.chorus-view.json', viewFileText())] },
      { label: 'threshold, no selection', files: [file('b.chorus-view.json', viewFileText({ filter: { mode: 'threshold', value: 0.02 }, selection: null, viewMode: 'difference', theme: 'light' }))] },
    ],
    // The pure half of a view file: parsing, and the URL form that must give the same view back.
    run: async (files) => {
      const view = parseViewFile(new TextDecoder().decode(files[0]!.bytes));
      const again = viewFromHash(hashOfView(view));
      if (JSON.stringify(again) !== JSON.stringify(view)) throw new BrokenInvariant(`#view= gives back ${JSON.stringify(again)?.slice(0, 80)}, not the view it was made from`);
      return view;
    },
    // parseViewFile throws a plain Error whose message names the field (`camera.position[1]: …`).
    isCleanError: (error) => error instanceof Error && error.constructor === Error && error.message.length > 0,
  },
];

/** Targets that misbehave on purpose, so tests can check that the harness tells each outcome apart. */
export const HARNESS_TARGETS: readonly FuzzTarget[] = [
  { id: 'harness-read', seeds: () => [], run: async () => null },
  { id: 'harness-refuse', seeds: () => [], run: async () => Promise.reject(new DatasetError([{ severity: 'error', file: 'x.csv', field: 'stimulus', message: 'is not a number' }])) },
  { id: 'harness-unnamed', seeds: () => [], run: async () => Promise.reject(new DatasetError([{ severity: 'error', field: 'stimulus', message: 'something is wrong' }])) },
  { id: 'harness-throw', seeds: () => [], run: async () => (null as unknown as { trim(): string }).trim() },
  {
    id: 'harness-hang',
    seeds: () => [],
    run: async () => {
      for (;;);
    },
  },
  {
    id: 'harness-blow-up',
    seeds: () => [],
    run: async () => {
      const kept: Uint8Array[] = [];
      for (;;) kept.push(new Uint8Array(16 << 20).fill(1));
    },
  },
];

export function targetById(id: string): FuzzTarget {
  const target = [...FUZZ_TARGETS, ...HARNESS_TARGETS].find((t) => t.id === id);
  if (!target) throw new Error(`no fuzz target "${id}" (targets: ${FUZZ_TARGETS.map((t) => t.id).join(', ')})`);
  return target;
}
