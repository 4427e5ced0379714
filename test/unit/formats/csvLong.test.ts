import { describe, expect, it } from 'vitest';
import { inputFromBytes, openDataset } from '../../../shared/formats/index';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { simulateLearningDataset } from '../../../shared/simulate/learningDemo';
import { toLongCsv } from '../../helpers/longCsv';
import { encode } from '../../helpers/smallDataset';

const small = simulateLearningDataset({ neurons: 5, sessions: 2, trialsPerSide: 6, zeroSignalTrials: 2 });
const open = (text: string, name = 'data.csv') => openDataset(inputFromBytes(name, encode(text)), { dropSilent: false });

function errors(text: string): string[] {
  try {
    open(text);
  } catch (error) {
    if (error instanceof DatasetError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a DatasetError');
}

describe('CSV/TSV long format', () => {
  it('reads back exactly the dataset it was written from (comma and tab)', () => {
    for (const separator of [',', '\t']) {
      const { dataset, warnings } = open(toLongCsv(small, separator), separator === ',' ? 'data.csv' : 'data.tsv');
      expect(dataset.neurons.map((n) => n.id)).toEqual(small.neurons.map((n) => n.id));
      expect(dataset.sessions.map((s) => [s.id, s.condition, s.order, s.trialCount])).toEqual(small.sessions.map((s) => [s.id, s.condition, s.order, s.trialCount]));
      dataset.sessions.forEach((session, k) => {
        expect(Array.from(session.responses)).toEqual(Array.from(small.sessions[k]!.responses));
        expect(Array.from(session.stimulus)).toEqual(Array.from(small.sessions[k]!.stimulus));
        expect(session.epochs).toEqual(small.sessions[k]!.epochs);
        expect(session.choice === null).toBe(small.sessions[k]!.choice === null);
      });
      expect(warnings.map((w) => w.message)).toContain('neurons are matched across sessions by their id (matching "identity")');
    }
  });

  it('names the row and column of a bad value, a missing column, a duplicate and a missing response', () => {
    const header = 'session,condition,order,trial,stimulus,epoch,neuron,response';
    expect(errors(`${header}\ns1,task,1,1,-2,stim,a,NaN\n`)).toEqual(['data.csv: row 2, column response: "NaN" is not a finite number']);
    expect(errors('session,condition,order,trial,epoch,neuron,response\ns1,task,1,1,stim,a,3\n')[0]).toMatch(/\(header\): is missing the column\(s\) stimulus/);
    expect(errors(`${header}\ns1,task,1,1,-2,stim,a,3\ns1,task,1,1,-2,stim,a,4\n`)[0]).toMatch(/row 3: a second response for session "s1", trial "1", epoch "stim", neuron "a"/);
    expect(errors(`${header}\ns1,task,1,1,-2,stim,a,3\ns1,task,1,1,-2,stim,b,4\ns1,task,1,2,2,stim,a,5\n`)[0]).toMatch(/session "s1": no response for trial "2", epoch "stim", neuron "b"/);
    expect(errors(`${header}\n`)[0]).toMatch(/has a header but no rows/);
  });
});
