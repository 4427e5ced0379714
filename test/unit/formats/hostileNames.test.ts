import { afterEach, describe, expect, it, vi } from 'vitest';
import { inputFromBytes, openSessionFiles, type InputFile } from '../../../shared/formats/index';
import { mergeMappings, parseMapping, validateMapping, type DatasetMapping } from '../../../shared/formats/mapping';
import { readMatchingTable } from '../../../shared/formats/matchingTable';
import { writeChorusJson } from '../../../shared/formats/chorusJson';
import { trialsPerCondition } from '../../../shared/dataset/counts';
import { DatasetError } from '../../../shared/dataset/datasetError';
import type { Dataset } from '../../../shared/dataset/types';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { describeInput, inspectInput } from '../../../node/cliInspect';
import { toLongCsv } from '../../helpers/longCsv';
import { npyBytes } from '../../helpers/npyBytes';
import { nwbBytes } from '../../helpers/nwbWriter';

/**
 * Column names and values that are also JavaScript object keys (issue 16): a reader that keys a plain
 * object by data reads `row.constructor` as Object's constructor, or `counts.__proto__` as the prototype.
 * Every reader either reads these inputs correctly or refuses them with a DatasetError naming the file
 * and field — never a TypeError. The inputs are generated here, small enough to read at a glance.
 */
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
const text = (s: string) => new TextEncoder().encode(s);

/** Resolves to what `read` returns, or to the DatasetError it throws; any other error fails the test. */
async function readOrRefuse<T>(read: () => Promise<T> | T): Promise<T | DatasetError> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DatasetError) {
      for (const issue of error.issues) expect(issue.file && issue.field, `an issue names its file and field: ${issue.message}`).toBeTruthy();
      return error;
    }
    throw new Error(`expected a read or a DatasetError, got ${(error as Error).name}: ${(error as Error).message}`);
  }
}

/** Condition counts as entries: a prototype or Object's constructor would show up here as a value. */
const conditionCounts = (dataset: Dataset) => Object.entries(trialsPerCondition(dataset));

afterEach(() => vi.restoreAllMocks());

/** 10 trials of 2 s: labels alternate __proto__ / constructor, choices toString / hasOwnProperty; hostile extra columns, the last row short. */
function trialsCsv(): string {
  const rows = Array.from({ length: 10 }, (_, t) => [t * 2, t * 2 + 2, t * 2 + 0.5, KEYS[t % 2], KEYS[2 + (t % 3 === 0 ? 0 : 1)], t, KEYS[t % 4], 'x', 'y'].join(','));
  rows[9] = rows[9]!.split(',').slice(0, 6).join(','); // a short row under the hostile columns
  return `start_time,stop_time,stim_on_time,trial_type,choice,${KEYS.join(',')}\n${rows.join('\n')}\n`;
}

const stimulusWindow = { epochs: [{ name: 'stimulus', event: 'stim_on_time', start: 0, end: 0.5 }] };

function kilosortFolder(): InputFile[] {
  const spikes: [number, number][] = [];
  for (let t = 0; t < 10; t++) for (let k = 0; k <= t; k++) spikes.push([t * 2 + 0.51 + 0.04 * k, k % 2 ? 7 : 9]);
  return [
    inputFromBytes('ks/spike_times.npy', npyBytes([spikes.length], spikes.map(([s]) => Math.round(s * 30_000)))),
    inputFromBytes('ks/spike_clusters.npy', npyBytes([spikes.length], spikes.map(([, c]) => c))),
    inputFromBytes('ks/params.py', text('sample_rate = 30000.0\n')),
    inputFromBytes('ks/cluster_group.tsv', text(`cluster_id\tgroup\t__proto__\tconstructor\n7\tgood\t1\ttoString\n9\tgood\n`)),
    inputFromBytes('ks/trials.csv', text(trialsCsv())),
  ];
}

function suite2pFolder(): InputFile[] {
  const [rois, frames] = [3, 200];
  const traces = Array.from({ length: rois * frames }, (_, k) => ((k * 7919) % 23) / 10 + (k % frames) / 100);
  return [
    inputFromBytes('s2p/F.npy', npyBytes([rois, frames], traces)),
    inputFromBytes('s2p/iscell.npy', npyBytes([rois, 2], [1, 0.9, 1, 0.8, 1, 0.7])),
    inputFromBytes('s2p/trials.csv', text(trialsCsv())),
  ];
}

describe('column names and values that are JavaScript object keys', () => {
  it('a trials CSV beside a Kilosort folder: hostile columns, values and a short row read as data', async () => {
    const mapping = validateMapping({ ...stimulusWindow, condition: '__proto__' }, 'test');
    const opened = await readOrRefuse(() => openSessionFiles(kilosortFolder(), { dropSilent: false, mapping }));
    if (opened instanceof DatasetError) throw opened;
    const session = opened.dataset.sessions[0]!;
    expect(session.trialCount).toBe(10);
    expect(Array.from(session.stimulus)).toEqual(Array.from({ length: 10 }, (_, t) => t % 2));
    expect(Array.from(session.choice!)).toEqual(Array.from({ length: 10 }, (_, t) => (t % 3 === 0 ? 1 : 0)));
    expect(conditionCounts(opened.dataset)).toEqual([['__proto__', 10]]);
    const notes = opened.warnings.map((w) => `${w.file}: ${w.field}: ${w.message}`);
    expect(notes).toContain('ks/trials.csv: column trial_type: used as the stimulus: __proto__ = 0, constructor = 1');
    expect(notes).toContain('ks/trials.csv: row 11: has 6 field(s); the header has 9; missing cells are read as empty');
    // Cluster 9's row is short under the hostile columns of cluster_group.tsv: it is still labelled good.
    expect(opened.dataset.neurons.map((n) => n.id)).toEqual(['cluster 7', 'cluster 9']);
  });

  it('the same trials CSV beside a suite2p plane', async () => {
    const mapping = validateMapping({ ...stimulusWindow, sampleRate: 10, condition: 'constructor' }, 'test');
    const opened = await readOrRefuse(() => openSessionFiles(suite2pFolder(), { dropSilent: false, mapping }));
    if (opened instanceof DatasetError) throw opened;
    expect(opened.dataset.sessions[0]!.trialCount).toBe(10);
    expect(opened.dataset.neurons).toHaveLength(3);
    expect(conditionCounts(opened.dataset)).toEqual([['constructor', 10]]);
  });

  it('an NWB file whose trial types and trials columns are object keys: read, and inspect counts them', async () => {
    const types = Array.from({ length: 10 }, (_, t) => KEYS[t % 2]!);
    const bytes = await nwbBytes({
      identifier: 'toString',
      units: [Array.from({ length: 30 }, (_, k) => k * 0.61), Array.from({ length: 20 }, (_, k) => k * 0.97 + 0.1)],
      trials: [
        ['start_time', Array.from({ length: 10 }, (_, t) => t * 2)],
        ['stop_time', Array.from({ length: 10 }, (_, t) => t * 2 + 2)],
        ['stim_on_time', Array.from({ length: 10 }, (_, t) => t * 2 + 0.5)],
        ['trial_type', types],
        ['__proto__', Array.from({ length: 10 }, (_, t) => t)],
        ['constructor', Array.from({ length: 10 }, (_, t) => KEYS[t % 4]!)],
      ],
    });
    const files = [inputFromBytes('hostile.nwb', bytes)];
    const mapping = validateMapping({ ...stimulusWindow, condition: 'hasOwnProperty' }, 'test');
    const opened = await readOrRefuse(() => openSessionFiles(files, { dropSilent: false, mapping }));
    if (opened instanceof DatasetError) throw opened;
    expect(Array.from(opened.dataset.sessions[0]!.stimulus)).toEqual(Array.from({ length: 10 }, (_, t) => t % 2));
    expect(conditionCounts(opened.dataset)).toEqual([['hasOwnProperty', 10]]);
    // `chorus inspect`: the trial types' counts and the per-condition line, as text.
    const inspected = await inspectInput('hostile.nwb', files, mapping);
    const lines = describeInput(inspected).join('\n');
    expect(lines).toContain('trials by trial_type: __proto__ 5 / constructor 5');
    expect(lines).toContain('trials per condition: hasOwnProperty 10');
    expect(lines).not.toMatch(/native code|\[object Object\]/);
  });

  it('a long CSV with those names as conditions, sessions, epochs, neurons and extra columns', async () => {
    const base = simulateLearningDataset({ neurons: 4, sessions: 2, trialsPerSide: 4, zeroSignalTrials: 2 });
    const hostile: Dataset = {
      ...base,
      neurons: base.neurons.map((n, i) => ({ ...n, id: KEYS[i]! })),
      sessions: base.sessions.map((s, k) => ({ ...s, id: KEYS[k % 4]!, condition: KEYS[k % 2]!, epochs: s.epochs.map((e, j) => ({ ...e, name: `${KEYS[j % 4]}${j}` })) })),
    };
    const [header, ...rows] = toLongCsv(hostile).trimEnd().split('\n');
    const csv = [`${header!.replace('neuron', '__proto__')},constructor,toString,hasOwnProperty`, ...rows.map((row) => `${row},1,2,3`)].join('\n');
    const mapping = validateMapping({ columns: { neuron: '__proto__' } }, 'test');
    const opened = await readOrRefuse(() => openSessionFiles([inputFromBytes('hostile.csv', text(csv))], { dropSilent: true, mapping }));
    if (opened instanceof DatasetError) throw opened;
    expect(opened.dataset.neurons.map((n) => n.id)).toEqual([...KEYS]);
    expect(opened.dataset.sessions.map((s) => s.id)).toEqual(hostile.sessions.map((s) => s.id));
    expect(conditionCounts(opened.dataset)).toEqual(conditionCounts(hostile));
    expect(conditionCounts(hostile).map(([condition]) => condition)).toEqual(['__proto__', 'constructor']);

    // A short row under those columns is a clean error naming the file and the row.
    const short = `${csv}\ntoString,__proto__,1`;
    const refused = await readOrRefuse(() => openSessionFiles([inputFromBytes('hostile.csv', text(short))], { dropSilent: true, mapping }));
    expect(refused).toBeInstanceOf(DatasetError);
    expect((refused as DatasetError).message).toMatch(new RegExp(`^hostile\\.csv: row ${rows.length + 2}: has 3 field\\(s\\); the header has 14$`, 'm'));
  });

  it('a native Chorus dataset with those names, and a "__proto__" key in its JSON', async () => {
    const base = simulateLearningDataset({ neurons: 4, sessions: 2, trialsPerSide: 4, zeroSignalTrials: 2 });
    const hostile: Dataset = {
      ...base,
      name: 'constructor',
      neurons: base.neurons.map((n, i) => ({ ...n, id: KEYS[i]!, area: KEYS[(i + 1) % 4]! })),
      sessions: base.sessions.map((s, k) => ({ ...s, id: KEYS[k % 4]!, condition: KEYS[2 + (k % 2)]! })),
    };
    const json = writeChorusJson(hostile).replace(/^\{/, '{"__proto__": {"polluted": true}, "constructor": {"name": "x"},');
    const opened = await readOrRefuse(() => openSessionFiles([inputFromBytes('hostile.chorus.json', text(json))], { dropSilent: true }));
    if (opened instanceof DatasetError) throw opened;
    expect(opened.dataset.neurons.map((n) => n.id)).toEqual([...KEYS]);
    expect(conditionCounts(opened.dataset)).toEqual([
      ['toString', hostile.sessions[0]!.trialCount + hostile.sessions[2]!.trialCount],
      ['hasOwnProperty', hostile.sessions[1]!.trialCount + hostile.sessions[3]!.trialCount],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a matching table whose sessions and units are named so, across two files of those sessions', async () => {
    const matchingCsv = 'neuron,__proto__,constructor\ntoString,n001,n002\nhasOwnProperty,n002,\n';
    const table = readMatchingTable(matchingCsv, 'match.csv');
    expect([...table.sessions.keys()]).toEqual(['__proto__', 'constructor']);
    expect(table.neurons).toEqual(['toString', 'hasOwnProperty']);
    // A session named twice cannot be matched: refused, naming the column.
    const twice = await readOrRefuse(() => readMatchingTable('neuron,__proto__,__proto__\ntoString,n001,n002\n', 'match.csv'));
    expect((twice as DatasetError).message).toBe('match.csv: (header): column "__proto__" appears 2 times; each session needs exactly one column');
    const day = (seed: number, id: string, condition: string) => {
      const d = simulateLearningDataset({ neurons: 2, sessions: 1, trialsPerSide: 4, zeroSignalTrials: 2, seed });
      return writeChorusJson({ ...d, sessions: d.sessions.map((s, k) => ({ ...s, id: `${id}${k || ''}`, condition })) });
    };
    const files = [inputFromBytes('a.chorus.json', text(day(1, '__proto__', 'constructor'))), inputFromBytes('b.chorus.json', text(day(2, 'constructor', '__proto__')))];
    const opened = await readOrRefuse(() => openSessionFiles(files, { dropSilent: true, matching: inputFromBytes('match.csv', text(matchingCsv)) }));
    if (opened instanceof DatasetError) throw opened;
    expect(opened.dataset.neurons.map((n) => n.id).slice(0, 2)).toEqual(['toString', 'hasOwnProperty']);
    expect(opened.dataset.neurons).toHaveLength(3);
    expect(conditionCounts(opened.dataset).map(([condition]) => condition)).toEqual(['constructor', '__proto__']);
  });

  it('a mapping preset with those keys is refused or read as its own fields, naming the file and the field; merging never touches a prototype', async () => {
    for (const [json, field] of [
      ['{"chorusMapping": 1, "__proto__": {"stimulus": "x"}}', /^\(mapping\)$/],
      ['{"chorusMapping": 1, "constructor": "x"}', /^\(mapping\)$/],
      ['{"chorusMapping": 1, "columns": {"toString": "a"}}', /^columns/],
    ] as const) {
      const refused = await readOrRefuse(() => parseMapping(json, 'rig.chorus-mapping.json'));
      expect(refused, json).toBeInstanceOf(DatasetError);
      expect((refused as DatasetError).issues[0], json).toMatchObject({ file: 'rig.chorus-mapping.json', field: expect.stringMatching(field) });
    }
    // A session entry's unknown key is left out (the schema keeps only its own fields).
    expect(parseMapping('{"chorusMapping": 1, "sessions": [{"source": "__proto__", "hasOwnProperty": 1, "condition": "constructor"}]}', 'rig.json').sessions).toEqual([
      { source: '__proto__', condition: 'constructor' },
    ]);
    // What JSON.parse makes of a "__proto__" key (an own property) does not become the merged mapping's prototype.
    const merged = mergeMappings(JSON.parse('{"chorusMapping": 1, "__proto__": {"stimulus": "injected"}, "choice": null}') as DatasetMapping, { stimulus: 'contrast' });
    expect(merged).toEqual({ chorusMapping: 1, choice: null, stimulus: 'contrast' });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(mergeMappings(JSON.parse('{"__proto__": {"stimulus": "injected"}}') as DatasetMapping).stimulus).toBeUndefined();
  });

  it('papaparse’s notices become warnings naming the file, never console output', async () => {
    const warn = vi.spyOn(console, 'warn');
    const base = simulateLearningDataset({ neurons: 3, sessions: 1, trialsPerSide: 4, zeroSignalTrials: 2 });
    const [header, ...rows] = toLongCsv(base).trimEnd().split('\n');
    const csv = [`${header},response`, ...rows.map((row) => `${row},0`)].join('\n');
    const opened = await openSessionFiles([inputFromBytes('twice.csv', text(csv))], { dropSilent: true });
    expect(opened.warnings).toContainEqual({ severity: 'warning', file: 'twice.csv', field: '(header)', message: 'column "response" appears 2 times; the repeats are read as "response_1"' });
    expect(warn).not.toHaveBeenCalled();
  });
});
