import type { CasePool, PoolResult } from './casePool';
import { caseSeed, draws, fileKind, mutate } from './mutations';
import { FAILING, OUTCOMES, type Outcome } from './outcome';
import type { FuzzFile, FuzzSeed, FuzzTarget } from './targets';

/**
 * The seeded mutation fuzzer: case k of a run goes to target k mod (targets), starts from one of that
 * target's seeds and mutates one of its files with the case's own generator (caseSeed(seed, k)), so
 * `--seed S --case K` rebuilds any case exactly. Cases run on a CasePool. A hang is run again alone
 * with three times the timeout (a busy machine is not a hang); failures are grouped by what went wrong,
 * and the smallest input of each group is run again alone in a fresh worker to say whether it fails
 * by itself or only after what earlier cases left behind.
 */
export interface FuzzOptions {
  readonly cases: number;
  readonly seed: number;
  /** Only this case (reproducing one failure). */
  readonly only?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface FuzzCase {
  readonly index: number;
  readonly target: string;
  readonly seedLabel: string;
  readonly mutated: string;
  readonly steps: readonly string[];
  readonly files: readonly FuzzFile[];
}

export interface Failure extends FuzzCase {
  readonly outcome: Outcome;
  readonly message: string;
  /** Fails again when run alone in a fresh worker (false: it needs what earlier cases left behind). */
  readonly alone: boolean;
  /** Cases that failed the same way (the same target, outcome and message, numbers aside). */
  readonly count: number;
}

export interface TargetTally {
  readonly target: string;
  readonly counts: Record<Outcome, number>;
  slowestMs: number;
  peakRssMb: number;
}

export interface FuzzReport {
  readonly seed: number;
  readonly cases: number;
  readonly tallies: readonly TargetTally[];
  readonly failures: readonly Failure[];
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
  /** Cases that ran past the timeout but finished when run again alone with three times as long (counted by that run). */
  readonly slow: number;
  readonly seconds: number;
}

export interface SeededTarget {
  readonly target: FuzzTarget;
  readonly seeds: readonly FuzzSeed[];
}

/** Each target's seeds, or the one line that says why a target is skipped here. */
export function seedTargets(targets: readonly FuzzTarget[]): { ready: SeededTarget[]; skipped: { target: string; reason: string }[] } {
  const ready: SeededTarget[] = [];
  const skipped: { target: string; reason: string }[] = [];
  for (const target of targets) {
    const seeds = target.seeds();
    if ('skip' in seeds) skipped.push({ target: target.id, reason: seeds.skip });
    else ready.push({ target, seeds });
  }
  return { ready, skipped };
}

/** Case `index` of a run with this seed: which target, which seed input, which file, and its mutation. */
export function buildCase(targets: readonly SeededTarget[], seed: number, index: number): FuzzCase {
  const { target, seeds } = targets[index % targets.length]!;
  const draw = draws(caseSeed(seed, index));
  const chosen = draw.pick(seeds);
  const names = chosen.mutable ?? chosen.files.map((f) => f.name);
  const name = draw.pick(names);
  const original = chosen.files.find((f) => f.name === name)!;
  const kind = fileKind(name);
  // A splice partner of the same kind: the same file of another seed, or another file of this one.
  const partners = [...seeds.flatMap((s) => s.files), ...chosen.files].filter((f) => f !== original && fileKind(f.name) === kind);
  const partner = partners.length > 0 ? draw.pick(partners).bytes : original.bytes;
  const { bytes, steps } = mutate(original.bytes, kind, draw, partner);
  return { index, target: target.id, seedLabel: chosen.label, mutated: name, steps, files: chosen.files.map((f) => (f === original ? { name, bytes } : f)) };
}

/** Checks that every seed reads as it is: a seed that is refused explores nothing. */
export async function checkSeeds(pool: CasePool, targets: readonly SeededTarget[]): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    targets.flatMap(({ target, seeds }) =>
      seeds.map(async (seed) => {
        const result = await pool.run(target.id, seed.files);
        if (result.outcome !== 'read') problems.push(`${target.id} seed "${seed.label}" does not read (${result.outcome}${result.message ? `: ${result.message}` : ''})`);
      }),
    ),
  );
  return problems;
}

/** The same failure, numbers and quoted text aside. */
export function failureSignature(target: string, outcome: Outcome, message: string): string {
  const first = message
    .replace(/\s\(at .*\)$/, '')
    .replace(/"[^"]*"|'[^']*'/g, '…')
    .replace(/\d+(\.\d+)?/g, '#');
  return `${target} ${outcome} ${first.slice(0, 160)}`;
}

const RECENT_CASES = 64;

export async function runFuzz(pool: CasePool, targets: readonly SeededTarget[], skipped: FuzzReport['skipped'], options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const tallies = new Map(targets.map(({ target }) => [target.id, { target: target.id, counts: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>, slowestMs: 0, peakRssMb: 0 }]));
  const indices = options.only !== undefined ? [options.only] : Array.from({ length: options.cases }, (_, k) => k);
  const found: { fuzzCase: FuzzCase; result: PoolResult }[] = [];
  /** The last cases, by the pool's id, for strays. */
  const recent = new Map<number, { fuzzCase: FuzzCase; result: PoolResult }>();
  let done = 0;

  const record = (fuzzCase: FuzzCase, result: PoolResult) => {
    const tally = tallies.get(fuzzCase.target)!;
    tally.counts[result.outcome]++;
    tally.slowestMs = Math.max(tally.slowestMs, result.ms);
    tally.peakRssMb = Math.max(tally.peakRssMb, result.peakRssMb);
    const entry = { fuzzCase, result };
    recent.set(result.caseId, entry);
    recent.delete(result.caseId - RECENT_CASES);
    if (FAILING.has(result.outcome)) found.push(entry);
  };
  // A stray rejection after a case was answered (it comes soon after) makes that case a crash after all.
  const takeStrays = () => {
    for (const { caseId, message } of pool.strays.splice(0)) {
      const entry = recent.get(caseId);
      if (!entry || FAILING.has(entry.result.outcome)) continue;
      const counts = tallies.get(entry.fuzzCase.target)!.counts;
      counts[entry.result.outcome]--;
      counts.crash++;
      found.push({ fuzzCase: entry.fuzzCase, result: { ...entry.result, outcome: 'crash', message } });
    }
  };
  // Keeps a few cases per worker in flight, so 10,000 mutated inputs are never held at once.
  let next = 0;
  const lane = async () => {
    while (next < indices.length) {
      const fuzzCase = buildCase(targets, options.seed, indices[next++]!);
      record(fuzzCase, await pool.run(fuzzCase.target, fuzzCase.files));
      takeStrays();
      options.onProgress?.(++done, indices.length);
    }
  };
  await Promise.all(Array.from({ length: 3 * pool.options.workers }, lane));
  takeStrays();

  // A busy machine can stall a case past the timeout: a hang counts only if it hangs again alone with three times as long.
  let slow = 0;
  for (const entry of found.filter((e) => e.result.outcome === 'hang')) {
    const again = await pool.run(entry.fuzzCase.target, entry.fuzzCase.files, { fresh: true, timeoutMs: 3 * pool.options.timeoutMs });
    if (again.outcome === 'hang') continue;
    const counts = tallies.get(entry.fuzzCase.target)!.counts;
    counts.hang--;
    counts[again.outcome]++;
    slow++;
    found.splice(found.indexOf(entry), 1, ...(FAILING.has(again.outcome) ? [{ fuzzCase: entry.fuzzCase, result: again }] : []));
  }

  const failures = await confirm(pool, found);
  return { seed: options.seed, cases: indices.length, tallies: [...tallies.values()], failures, skipped, slow, seconds: (performance.now() - started) / 1000 };
}

/** Groups failures by signature (smallest input first) and runs each group's smallest alone in a fresh worker. */
async function confirm(pool: CasePool, found: readonly { fuzzCase: FuzzCase; result: PoolResult }[]): Promise<Failure[]> {
  const groups = new Map<string, { fuzzCase: FuzzCase; result: PoolResult }[]>();
  for (const entry of found) {
    const key = failureSignature(entry.fuzzCase.target, entry.result.outcome, entry.result.message ?? '');
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const size = (c: FuzzCase) => c.files.reduce((sum, f) => sum + f.bytes.length, 0);
  const failures: Failure[] = [];
  for (const entries of groups.values()) {
    const smallest = [...entries].sort((a, b) => size(a.fuzzCase) - size(b.fuzzCase) || a.fuzzCase.index - b.fuzzCase.index)[0]!;
    const { fuzzCase, result } = smallest;
    const again = await pool.run(fuzzCase.target, fuzzCase.files, { fresh: true, timeoutMs: 3 * pool.options.timeoutMs });
    failures.push({ ...fuzzCase, outcome: result.outcome, message: result.message ?? '', alone: FAILING.has(again.outcome), count: entries.length });
  }
  return failures.sort((a, b) => a.target.localeCompare(b.target) || b.count - a.count);
}
