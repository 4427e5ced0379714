import type { Dataset, DatasetIssue, Session } from './types';

/**
 * A neuron whose every response is 0 in every session that tracks it carries no information and
 * makes every covariance singular. It usually means a column mix-up, so by default it is an error
 * that names the neuron; `dropSilent` removes such neurons instead and says so in a warning.
 */
export function findSilentNeurons(dataset: Dataset): number[] {
  const neuronCount = dataset.neurons.length;
  const fires = new Uint8Array(neuronCount);
  const tracked = new Uint8Array(neuronCount);
  for (const session of dataset.sessions) {
    for (let i = 0; i < neuronCount; i++) if (session.present[i] === 1) tracked[i] = 1;
    const { responses } = session;
    for (let k = 0; k < responses.length; k++) if (responses[k] !== 0) fires[k % neuronCount] = 1;
  }
  const silent: number[] = [];
  for (let i = 0; i < neuronCount; i++) if (tracked[i] === 1 && fires[i] === 0) silent.push(i);
  return silent;
}

export interface SilentNeuronCheck {
  readonly dataset: Dataset;
  readonly issues: DatasetIssue[];
}

export function checkSilentNeurons(dataset: Dataset, file: string, dropSilent: boolean): SilentNeuronCheck {
  const silent = findSilentNeurons(dataset);
  if (silent.length === 0) return { dataset, issues: [] };
  const names = silent.map((i) => `"${dataset.neurons[i]!.id}"`);
  const list = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  const sessions = dataset.sessions.length;
  if (!dropSilent) {
    return {
      dataset,
      issues: [
        {
          severity: 'error',
          code: 'silent-neuron',
          file,
          field: 'neurons',
          message: `neuron ${list} never fires (every response is 0 in all ${sessions} sessions); remove ${silent.length > 1 ? 'them' : 'it'} from the file, or load with "drop silent neurons" (CLI: --drop-silent)`,
        },
      ],
    };
  }
  return {
    dataset: withoutNeurons(dataset, new Set(silent)),
    issues: [{ severity: 'warning', code: 'silent-neuron', file, field: 'neurons', message: `left out ${list}: never fires in any session` }],
  };
}

export function withoutNeurons(dataset: Dataset, drop: ReadonlySet<number>): Dataset {
  const keep = dataset.neurons.map((_, i) => i).filter((i) => !drop.has(i));
  const oldCount = dataset.neurons.length;
  const sessions: Session[] = dataset.sessions.map((session) => {
    const cells = session.trialCount * session.epochs.length;
    const responses = new Float32Array(cells * keep.length);
    for (let row = 0; row < cells; row++) {
      for (let k = 0; k < keep.length; k++) responses[row * keep.length + k] = session.responses[row * oldCount + keep[k]!]!;
    }
    return { ...session, present: Uint8Array.from(keep, (i) => session.present[i]!), responses };
  });
  return { ...dataset, neurons: keep.map((i) => dataset.neurons[i]!), sessions };
}
