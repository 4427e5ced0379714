import type { FuzzReport } from './engine';
import { OUTCOMES } from './outcome';

const HEADINGS = ['target', 'cases', 'read', 'clean error', 'crash', 'hang', 'blow-up', 'slowest ms', 'peak MB'];

/** The table per target (and a total), aligned for a terminal and readable as Markdown. */
export function fuzzTable(report: FuzzReport): string {
  const rows = report.tallies.map((t) => [t.target, String(OUTCOMES.reduce((sum, o) => sum + t.counts[o], 0)), ...OUTCOMES.map((o) => String(t.counts[o])), t.slowestMs.toFixed(0), t.peakRssMb.toFixed(0)]);
  const total = ['total', ...HEADINGS.slice(1, 7).map((_, k) => String(rows.reduce((sum, row) => sum + Number(row[k + 1]), 0))), '', ''];
  const all = [HEADINGS, ...rows, total];
  const widths = HEADINGS.map((_, k) => Math.max(...all.map((row) => row[k]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join(' | ')} |`;
  return [line(HEADINGS), `|${widths.map((w, k) => (k === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line), line(total)].join('\n');
}

/** One paragraph per failure group: what, how often, alone or not, and how to rebuild it. */
export function failureLines(report: FuzzReport): string[] {
  return report.failures.map(
    (f) =>
      `${f.target} ${f.outcome} ×${f.count}${f.alone ? '' : ' (not alone: passes in a fresh worker)'}: ${f.message}\n` +
      `    case ${f.index} (--seed ${report.seed} --case ${f.index}), seed "${f.seedLabel}", ${f.mutated}: ${f.steps.join('; ')}`,
  );
}
