import { describe, expect, it } from 'vitest';
import { inputFromBytes, openDataset } from '../../../shared/formats/index';
import { readChorusJson, writeChorusJson } from '../../../shared/formats/chorusJson';
import { replaceNonFiniteTokens } from '../../../shared/formats/nonFiniteTokens';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { analysisProblems } from '../../../shared/analysis/engine/runAnalysis';
import { POINT_ESTIMATES_ONLY, resolveSettings } from '../../../shared/analysis/settings';

const DEFAULT_SETTINGS = resolveSettings(POINT_ESTIMATES_ONLY);
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { encode, smallChorusFile } from '../../helpers/smallDataset';

function errorLines(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a DatasetError');
}

const open = (value: unknown, name = 'bad.chorus.json') => openDataset(inputFromBytes(name, encode(value)), { dropSilent: false });

describe('native *.chorus.json reader', () => {
  it('reads the documented example shape into columnar arrays', () => {
    const { dataset } = open(smallChorusFile({ neurons: 3, trialsPerSide: 4, sessions: 2 }));
    expect(dataset.neurons.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(dataset.sessions).toHaveLength(2);
    const session = dataset.sessions[0]!;
    expect(session.trialCount).toBe(8);
    expect(session.responses).toHaveLength(8 * 1 * 3);
    expect(Array.from(session.choice!)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(Array.from(session.present)).toEqual([1, 1, 1]);
  });

  it('maps neuronIds columns, so a session can miss a neuron', () => {
    const file = smallChorusFile({ neurons: 3, trialsPerSide: 2, sessions: 1 });
    const session = file.sessions[0]!;
    Object.assign(session, { neuronIds: ['n3', 'n1'] });
    session.responses = session.responses.map(() => [[30, 10]]);
    const { dataset } = open(file);
    const s = dataset.sessions[0]!;
    expect(Array.from(s.present)).toEqual([1, 0, 1]);
    expect(Array.from(s.responses.subarray(0, 3))).toEqual([10, 0, 30]);
  });

  it('round-trips through writeChorusJson bit for bit', () => {
    const dataset = simulateLearningDataset({ neurons: 6, sessions: 2, trialsPerSide: 10, zeroSignalTrials: 4 });
    const again = readChorusJson(writeChorusJson(dataset), 'demo.chorus.json');
    expect(again.sessions.map((s) => Array.from(s.responses))).toEqual(dataset.sessions.map((s) => Array.from(s.responses)));
    expect(again.sessions.map((s) => s.id)).toEqual(dataset.sessions.map((s) => s.id));
    expect(again.neurons).toEqual(dataset.neurons);
  });

  it('names the missing field and its session', () => {
    const file = smallChorusFile();
    delete (file.sessions[1] as { condition?: string }).condition;
    expect(errorLines(() => open(file))).toEqual([
      'bad.chorus.json: sessions[1].condition (session "day2-task"): is missing',
    ]);
  });

  it('names trial, epoch and neuron of a NaN written by Python', () => {
    const text = JSON.stringify(smallChorusFile()).replace(/"responses":\[\[\[\d+/, '"responses":[[[NaN');
    const lines = errorLines(() => open(text));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('sessions[0] (session "day1-task").responses[0][0][0]');
    expect(lines[0]).toContain('trial 1, epoch "stimulus", neuron "n1": response is NaN or missing');
  });

  it('refuses a neuron that never fires, naming it, unless asked to drop it', () => {
    const file = smallChorusFile({ neurons: 3 });
    for (const session of file.sessions) for (const trial of session.responses) trial[0]![1] = 0;
    const lines = errorLines(() => open(file));
    expect(lines[0]).toMatch(/^bad\.chorus\.json: neurons: neuron "n2" never fires .*--drop-silent/);
    const dropped = openDataset(inputFromBytes('x', encode(file)), { dropSilent: true });
    expect(dropped.dataset.neurons.map((n) => n.id)).toEqual(['n1', 'n3']);
    expect(dropped.warnings[0]!.message).toContain('"n2"');
  });

  it('says how many trials a session with 3 trials would need', async () => {
    const file = smallChorusFile({ neurons: 3, trialsPerSide: 8, sessions: 2 });
    const short = file.sessions[1]!;
    short.trials.stimulus = [-5, 5, 5];
    short.trials.choice = [0, 1, 1];
    short.trials.correct = [true, true, true];
    short.responses = short.responses.slice(0, 3);
    const { dataset } = open(file);
    const problems = await analysisProblems(dataset, DEFAULT_SETTINGS, 'bad.chorus.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('session "day2-task"');
    expect(problems[0]!.message).toContain('3 trials but no ±c stimulus pair with 2 or more trials on each side');
  });

  it('says how many trials are needed for the number of neurons', async () => {
    const { dataset } = open(smallChorusFile({ neurons: 6, trialsPerSide: 4, sessions: 1 }));
    const [problem] = await analysisProblems(dataset, DEFAULT_SETTINGS);
    expect(problem!.message).toContain('too few trials for 6 neurons');
    expect(problem!.message).toContain('at least 12 trials at one ±c pair (or at least 9 for random subsets of fewer neurons); the most here is 8');
  });

  it('reports inconsistent shapes, unknown neurons and wrong versions in the user’s words', () => {
    const file = smallChorusFile();
    file.sessions[0]!.responses.pop();
    expect(errorLines(() => open(file))[0]).toContain('has 15 trials but trials.stimulus has 16');

    const unknown = smallChorusFile();
    Object.assign(unknown.sessions[0]!, { neuronIds: ['n1', 'n2', 'zz'] });
    expect(errorLines(() => open(unknown))[0]).toContain('neuronIds[2]: "zz" is not in the neurons list');

    expect(errorLines(() => open({ ...smallChorusFile(), version: 2 }))[0]).toContain('version: must be 1');
    expect(errorLines(() => open('{"format": "chorus-dataset", "version": 1,'))[0]).toMatch(/^bad\.chorus\.json: \(file\): is not valid JSON/);
    expect(errorLines(() => open('hello'))[0]).toContain('is not a format Chorus can read');
    expect(errorLines(() => openDataset(inputFromBytes('empty.json', new Uint8Array()), { dropSilent: false }))[0]).toBe(
      'empty.json: (file): is empty (0 bytes)',
    );
  });
});

describe('non-finite tokens', () => {
  it('replaces NaN and ±Infinity outside strings only', () => {
    const { text, replaced } = replaceNonFiniteTokens('{"a":[NaN,-Infinity,Infinity],"b":"NaN \\" Infinity"}');
    expect(text).toBe('{"a":[null,null,null],"b":"NaN \\" Infinity"}');
    expect(replaced).toBe(3);
  });
});
