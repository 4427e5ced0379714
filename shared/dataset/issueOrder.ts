import { formatIssue } from './datasetError';
import type { IssueCode } from './issueCodes';
import type { DatasetIssue } from './types';

/**
 * Most important first: what limits every frame (one neuron, a damaged file, no sample rate) before
 * what limits some frames, before notes on single neurons. Codes not listed come after, in their order.
 */
const IMPORTANCE: readonly IssueCode[] = [
  'single-neuron',
  'damaged-file',
  'missing-sample-rate',
  'missing-stimulus',
  'epoch-without-frames',
  'frame-not-analysable',
  'silent-neuron',
  'subset-population',
  'level-dropped',
  'constant-neuron',
  'low-rate',
  'unresponsive',
];

const rank = (issue: DatasetIssue) => {
  const at = issue.code ? IMPORTANCE.indexOf(issue.code) : -1;
  return at < 0 ? IMPORTANCE.length : at;
};

/**
 * A notice's lines: errors before warnings, each by importance (a stable sort keeps the readers'
 * order within a kind), and one line for a message repeated in many frames — "only one neuron …" was
 * written once per frame, and came as line 8 of a 23-line banner — naming where it first arose and
 * how many more places it holds in.
 */
export function noticeLines(issues: readonly DatasetIssue[]): string[] {
  const groups = new Map<string, { first: DatasetIssue; more: number }>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.code ?? ''}\u0000${issue.file ?? ''}\u0000${issue.message}`;
    const group = groups.get(key);
    if (group) group.more++;
    else groups.set(key, { first: issue, more: 0 });
  }
  return [...groups.values()]
    .sort((a, b) => Number(a.first.severity !== 'error') - Number(b.first.severity !== 'error') || rank(a.first) - rank(b.first))
    .map(({ first, more }) => (more > 0 ? `${formatIssue(first)} (and ${more} more like it)` : formatIssue(first)));
}
