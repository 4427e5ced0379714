import type { Dataset, DatasetIssue, MatchingTable, Neuron, Session } from './types';
import { DatasetError } from './datasetError';

/**
 * Several files, one dataset: each file's sessions in the order the files are given (issue 4: one NWB
 * file per session). Nothing says that unit "1001" in one file is unit "1001" in another, so without a
 * matching table neurons are not matched across files: each keeps its file's name in its id and
 * matching is "none", said in a warning. With a matching table (one column per file), its rows become
 * the tracked neurons (matching "identity"); units it does not list stay separate, said too.
 */
export function mergeSessions(
  parts: readonly { dataset: Dataset; file: string }[],
  table: MatchingTable | null = null,
  tableFile = 'matching table',
): { dataset: Dataset; warnings: DatasetIssue[] } {
  if (parts.length === 1 && table === null) return { dataset: parts[0]!.dataset, warnings: [] };
  const stem = (file: string) => file.replace(/^.*[/\\]/, '').replace(/\.[^.]+$/, '');
  const epochNames = (session: Session) => session.epochs.map((e) => e.name).join(', ');
  const reference = parts[0]!.dataset.sessions[0]!;
  for (const { dataset, file } of parts) {
    for (const session of dataset.sessions) {
      if (epochNames(session) !== epochNames(reference)) {
        throw new DatasetError([
          { severity: 'error', file, field: `session "${session.id}"`, message: `has epochs (${epochNames(session)}) but ${parts[0]!.file} has (${epochNames(reference)}); every session of a dataset needs the same epochs` },
        ]);
      }
    }
  }
  // Where each file's neurons go in the merged list: a tracked row of the table, or a neuron of their own.
  const neurons: Neuron[] = table ? table.neurons.map((id) => ({ id })) : [];
  const warnings: DatasetIssue[] = [];
  const placements = parts.map(({ dataset, file }) => {
    const column = table?.sessions.get(stem(file)) ?? table?.sessions.get(dataset.sessions[0]!.id);
    if (table && !column) {
      throw new DatasetError([{ severity: 'error', file: tableFile, field: '(header)', message: `has no column for "${stem(file)}"; its columns are ${[...table.sessions.keys()].join(', ')}` }]);
    }
    let unmatched = 0;
    const placement = dataset.neurons.map((neuron) => {
      const row = column ? column.findIndex((unit) => unit !== null && (unit === neuron.id || `unit ${unit}` === neuron.id)) : -1;
      if (row >= 0) return row;
      if (table) unmatched++;
      neurons.push({ ...neuron, id: `${stem(file)}/${neuron.id}` });
      return neurons.length - 1;
    });
    if (unmatched > 0) warnings.push({ severity: 'warning', file, field: 'neurons', message: `${unmatched} unit(s) are not in the matching table; kept as neurons of this file only` });
    return placement;
  });
  const total = neurons.length;
  let order = 0;
  const sessions: Session[] = [];
  parts.forEach(({ dataset }, p) => {
    const own = dataset.neurons.length;
    const placement = placements[p]!;
    for (const session of dataset.sessions) {
      const cells = session.trialCount * session.epochs.length;
      const responses = new Float32Array(cells * total);
      for (let row = 0; row < cells; row++) {
        for (let i = 0; i < own; i++) responses[row * total + placement[i]!] = session.responses[row * own + i]!;
      }
      const present = new Uint8Array(total);
      placement.forEach((target, i) => (present[target] = session.present[i]!));
      sessions.push({ ...session, id: sessions.some((s) => s.id === session.id) ? `${session.id}-${sessions.length + 1}` : session.id, order: ++order, present, responses });
    }
  });
  const summary = table
    ? `${parts.length} files as ${sessions.length} sessions: neurons matched across files by ${tableFile} (${table.neurons.length} tracked neurons)`
    : `${parts.length} files as ${sessions.length} sessions: neurons are not matched across files (matching "none"); each file's neurons are its own`;
  return {
    dataset: { ...parts[0]!.dataset, name: parts.map((p) => stem(p.file)).join(' + '), matching: table ? 'identity' : 'none', neurons, sessions },
    warnings: [{ severity: 'warning', field: 'neurons', message: summary }, ...warnings],
  };
}
