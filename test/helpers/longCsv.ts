import type { Dataset } from '../../shared/dataset/types';

/** Writes a dataset in the CSV long format (one row per trial × epoch × tracked neuron). */
export function toLongCsv(dataset: Dataset, separator = ','): string {
  const lines = [['session', 'condition', 'order', 'trial', 'stimulus', 'choice', 'epoch', 'epoch_start', 'epoch_end', 'neuron', 'response'].join(separator)];
  const n = dataset.neurons.length;
  for (const session of dataset.sessions) {
    for (let t = 0; t < session.trialCount; t++) {
      session.epochs.forEach((epoch, e) => {
        dataset.neurons.forEach((neuron, i) => {
          if (session.present[i] !== 1) return;
          lines.push(
            [session.id, session.condition, session.order, t + 1, session.stimulus[t], session.choice ? session.choice[t] : '', epoch.name, epoch.start, epoch.end, neuron.id, session.responses[(t * session.epochs.length + e) * n + i]].join(separator),
          );
        });
      });
    }
  }
  return `${lines.join('\n')}\n`;
}
