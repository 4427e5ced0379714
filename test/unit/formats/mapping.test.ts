import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { isMappingPreset, mergeMappings, parseEpochFlag, parseMapping, sessionLabels, validateMapping } from '../../../shared/formats/mapping';

const messages = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetError) return error.issues.map((i) => `${i.file ?? ''}|${i.field}|${i.message}`);
    throw error;
  }
  throw new Error('expected a DatasetError');
};

describe('dataset mapping', () => {
  it('reads a preset and names the field of every problem', () => {
    const preset = parseMapping('{"chorusMapping":1,"stimulus":"contrast","epochs":[{"name":"pre","event":"response_time","start":-0.3,"end":0}]}', 'rig.chorus-mapping.json');
    expect(preset).toEqual({ chorusMapping: 1, stimulus: 'contrast', epochs: [{ name: 'pre', event: 'response_time', start: -0.3, end: 0 }] });
    expect(messages(() => parseMapping('{"chorusMapping":1,"epochs":[{"name":"x","event":"e","start":1,"end":0}]}', 'p.json'))).toEqual(['p.json|epochs.0.end|end must be after start']);
    expect(messages(() => parseMapping('{"chorusMapping":1,"axes":["neuron","time"]}', 'p.json'))[0]).toMatch(/^p\.json\|axes\.1\|/);
    expect(messages(() => parseMapping('{"chorusMapping":1,"stimulis":"x"}', 'p.json'))[0]).toMatch(/stimulis/);
    expect(messages(() => parseMapping('{not json', 'p.json'))[0]).toMatch(/^p\.json\|\(JSON\)\|is not valid JSON/);
  });

  it('is recognised by content, not by name', () => {
    expect(isMappingPreset('{\n  "chorusMapping": 1,\n  "stimulus": "x"\n}')).toBe(true);
    expect(isMappingPreset('{"format":"chorus-dataset","version":1}')).toBe(false);
  });

  it('merges later over earlier, sessions by source, columns by role', () => {
    const merged = mergeMappings(
      validateMapping({ stimulus: 'a', columns: { neuron: 'cell' }, sessions: [{ source: 'd1.nwb', condition: 'passive' }] }, 'x'),
      { choice: null, columns: { response: 'dff' }, sessions: [{ source: 'd1.nwb', order: 3 }, { source: 'd2.nwb', order: 4 }] },
    );
    expect(merged).toEqual({
      chorusMapping: 1,
      stimulus: 'a',
      choice: null,
      columns: { neuron: 'cell', response: 'dff' },
      sessions: [
        { source: 'd1.nwb', condition: 'passive', order: 3 },
        { source: 'd2.nwb', order: 4 },
      ],
    });
  });

  it('parses --epoch NAME=EVENT:START:END and refuses anything else with the expected form', () => {
    expect(parseEpochFlag('pre=response_time:-0.3:0')).toEqual({ name: 'pre', event: 'response_time', start: -0.3, end: 0 });
    expect(parseEpochFlag('stimulus=stim_on_time:0.05:1.65')).toEqual({ name: 'stimulus', event: 'stim_on_time', start: 0.05, end: 1.65 });
    expect(messages(() => parseEpochFlag('pre=response_time:0:-1'))[0]).toMatch(/--epoch\|"pre=response_time:0:-1" is not NAME=EVENT:START:END/);
    expect(messages(() => parseEpochFlag('just-a-name'))).toHaveLength(1);
  });

  it('labels sessions from the mapping, else from the file name (passive) and the file order', () => {
    const mapping = validateMapping({ condition: 'task', sessions: [{ source: 'b.nwb', condition: 'passive', order: 1 }] }, 'x');
    expect(sessionLabels(mapping, 'b.nwb', 1)).toEqual({ condition: 'passive', order: 1 });
    expect(sessionLabels(mapping, 'c.nwb', 2)).toEqual({ condition: 'task', order: 3 });
    expect(sessionLabels(validateMapping({}, 'x'), 'day3-passive.nwb', 0)).toEqual({ condition: 'passive', order: 1 });
  });
});
