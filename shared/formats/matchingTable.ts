import { DatasetError } from '../dataset/datasetError';
import { readCsvTable } from './csvTable';
import type { MatchingTable } from '../dataset/types';

/**
 * A cross-session matching table (CSV), as written by CellReg or ROICaT exports: one row per tracked
 * neuron, one column per session holding that session's unit/ROI id (empty where the neuron was not
 * found). An optional first column `neuron` names the tracked neurons.
 */
/** Claimed by header alone: a `neuron` column, or every column named like a session, with ≥ 2 sessions. */
export function isMatchingTable(head: string): boolean {
  const names = head.split(/\r?\n/, 1)[0]!.split(/[,;\t]/).map((n) => n.trim().toLowerCase());
  return names[0] === 'neuron' && names.length >= 3;
}

export function readMatchingTable(text: string, file: string): MatchingTable {
  const csv = readCsvTable(text, file, { transformHeader: (name) => name.trim() });
  const header = csv.names;
  if (header.length < 3 || header[0]!.toLowerCase() !== 'neuron') {
    throw new DatasetError([{ severity: 'error', file, field: '(header)', message: 'a matching table needs a first column "neuron" and one column per session (at least two)' }]);
  }
  // A session named twice would match its units twice: which column is meant cannot be guessed.
  if (csv.duplicates.length > 0) {
    throw new DatasetError(csv.duplicates.map(({ name, as }) => ({ severity: 'error', file, field: '(header)', message: `column "${name}" appears ${as.length + 1} times; each session needs exactly one column` })));
  }
  const sessionNames = header.slice(1);
  const rows = csv.rows;
  const sessions = new Map<string, (string | null)[]>(sessionNames.map((name) => [name, []]));
  const neurons: string[] = [];
  rows.forEach((row, r) => {
    const name = (row[0] ?? '').trim() || `tracked ${r + 1}`;
    neurons.push(name);
    sessionNames.forEach((session, c) => {
      const cell = (row[c + 1] ?? '').trim();
      const column = sessions.get(session)!;
      if (cell !== '' && column.includes(cell)) {
        throw new DatasetError([{ severity: 'error', file, field: `row ${r + 2}, column ${session}`, message: `unit "${cell}" is matched to two tracked neurons` }]);
      }
      column.push(cell === '' ? null : cell);
    });
  });
  if (neurons.length === 0) throw new DatasetError([{ severity: 'error', file, field: '(file)', message: 'has a header but no tracked neurons' }]);
  return { neurons, sessions };
}
