import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../shared/dataset/datasetError';
import { inputFromBytes, openSessionFiles } from '../../../shared/formats/index';
import { encode, smallChorusFile } from '../../helpers/smallDataset';

/** The small native file with neuron n2 at 0 in every trial of every session. */
function withSilentNeuron() {
  const file = smallChorusFile({ neurons: 3, sessions: 2 });
  for (const session of file.sessions) for (const trial of session.responses) trial[0]![1] = 0;
  return inputFromBytes('silent.chorus.json', encode(file));
}

describe('silent neurons', () => {
  it('refuse the file with an issue coded silent-neuron, which the dialog offers to drop', async () => {
    const error = await openSessionFiles([withSilentNeuron()], { dropSilent: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).issues).toEqual([
      {
        severity: 'error',
        code: 'silent-neuron',
        file: 'silent.chorus.json',
        field: 'neurons',
        message: 'neuron "n2" never fires (every response is 0 in all 2 sessions); remove it from the file, or load with "drop silent neurons" (CLI: --drop-silent)',
      },
    ]);
  });

  it('are left out with a warning of the same code when dropped', async () => {
    const { dataset, warnings } = await openSessionFiles([withSilentNeuron()], { dropSilent: true });
    expect(dataset.neurons.map((n) => n.id)).toEqual(['n1', 'n3']);
    expect(warnings).toEqual([{ severity: 'warning', code: 'silent-neuron', file: 'silent.chorus.json', field: 'neurons', message: 'left out "n2": never fires in any session' }]);
  });
});
