import type { Dataset, DatasetIssue, Session } from './types';
import { DatasetError } from './datasetError';

/**
 * Several files, one dataset: each file's sessions in the order the files are given (issue 4: one NWB
 * file per session). Nothing says that unit "1001" in one file is unit "1001" in another, so neurons are
 * never matched across files here: each keeps its file's name in its id and matching is "none", said
 * in a warning (a cross-session matching table will match them).
 */
export function mergeSessions(parts: readonly { dataset: Dataset; file: string }[]): { dataset: Dataset; warnings: DatasetIssue[] } {
  if (parts.length === 1) return { dataset: parts[0]!.dataset, warnings: [] };
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
  const neurons = parts.flatMap(({ dataset, file }) => dataset.neurons.map((n) => ({ ...n, id: `${stem(file)}/${n.id}` })));
  const total = neurons.length;
  let offset = 0;
  let order = 0;
  const sessions: Session[] = [];
  for (const { dataset } of parts) {
    const own = dataset.neurons.length;
    for (const session of dataset.sessions) {
      const cells = session.trialCount * session.epochs.length;
      const responses = new Float32Array(cells * total);
      for (let row = 0; row < cells; row++) responses.set(session.responses.subarray(row * own, (row + 1) * own), row * total + offset);
      const present = new Uint8Array(total);
      present.set(session.present, offset);
      sessions.push({ ...session, id: sessions.some((s) => s.id === session.id) ? `${session.id}-${sessions.length + 1}` : session.id, order: ++order, present, responses });
    }
    offset += own;
  }
  return {
    dataset: { ...parts[0]!.dataset, name: parts.map((p) => stem(p.file)).join(' + '), matching: 'none', neurons, sessions },
    warnings: [
      {
        severity: 'warning',
        field: 'neurons',
        message: `${parts.length} files as ${sessions.length} sessions: neurons are not matched across files (matching "none"); each file's neurons are its own`,
      },
    ],
  };
}
