/** One source (a file or folder) of a dataset, as far as its place in learning order goes. */
export interface OrderedSource {
  readonly name: string;
  /** The file's recording time (NWB session_start_time), as written there. */
  readonly recordedAt?: string;
  /** An order the user gave (the dialog's sessions table, `--session SRC=COND:N`). */
  readonly explicitOrder?: number;
}

export type OrderRule = 'given' | 'recording date' | 'name';

/**
 * The one rule by which every entry point (Open dataset…, Open folder…, a drop, the CLI) puts sources
 * in learning order, whatever order the files arrived in (a folder picker's order is the browser's):
 * orders the user gave win; else each source's recording date where every source has one that
 * parses; else the names in natural order ("day2" before "day10"). Ties keep the order given.
 */
export function sessionOrder(sources: readonly OrderedSource[]): { readonly indices: number[]; readonly rule: OrderRule } {
  const indices = sources.map((_, k) => k);
  if (sources.length < 2) return { indices, rule: 'name' };
  if (sources.some((s) => s.explicitOrder !== undefined)) {
    // Sources without an order go after those with one, by name.
    const key = (s: OrderedSource) => s.explicitOrder ?? Number.POSITIVE_INFINITY;
    return { indices: indices.sort((a, b) => key(sources[a]!) - key(sources[b]!) || byName(sources[a]!, sources[b]!)), rule: 'given' };
  }
  const times = sources.map((s) => (s.recordedAt !== undefined ? recordingTime(s.recordedAt) : Number.NaN));
  if (times.every(Number.isFinite)) return { indices: indices.sort((a, b) => times[a]! - times[b]! || byName(sources[a]!, sources[b]!)), rule: 'recording date' };
  return { indices: indices.sort((a, b) => byName(sources[a]!, sources[b]!)), rule: 'name' };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byName = (a: OrderedSource, b: OrderedSource) => collator.compare(a.name, b.name);

/**
 * Milliseconds of an ISO 8601 time (NWB 2) or of "YYYY-MM-DD hh:mm:ss" (NWB 1.x writers), read as UTC
 * where no zone is given; NaN for anything else (a time that cannot be ordered is not guessed at).
 */
export function recordingTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', fraction = '', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}${fraction}${offset}`);
}
