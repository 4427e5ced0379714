// `npm run fuzz` (scripts/fuzz.mjs bundles this and worker.ts into dist/fuzz/):
//   --cases N        cases in all, spread evenly over the targets (default 10000)
//   --seed S         the run's seed (default 1); --case K runs only case K of that seed (same --target set)
//   --target a,b     only these targets (ids as in the table)
//   --workers W      worker processes (default 2, at most the cores)
//   --timeout-ms T   per case (default 5000); --rss-mb M resident memory per worker (default 512)
//   --fixtures DIR   where failures are kept (default test/fixtures/fuzz); --no-fixtures keeps none
// Prints the table per target and each failure group; exits 1 on any crash, hang or blow-up.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CasePool } from './casePool';
import { checkSeeds, runFuzz, seedTargets } from './engine';
import { writeFixture } from './fixtures';
import { failureLines, fuzzTable } from './report';
import { FUZZ_TARGETS } from './targets';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const number = (name: string, fallback: number): number => {
  const value = Number(flag(name) ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} takes a number, not ${flag(name)}`);
  return value;
};

const only = flag('--case') !== undefined ? number('--case', 0) : undefined;
const chosen = flag('--target')?.split(',');
const unknown = chosen?.filter((id) => !FUZZ_TARGETS.some((t) => t.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown target ${unknown.join(', ')}; targets: ${FUZZ_TARGETS.map((t) => t.id).join(', ')}`);
  process.exit(2);
}
const seed = number('--seed', 1);
const fixtures = args.includes('--no-fixtures') ? null : (flag('--fixtures') ?? fileURLToPath(new URL('../../test/fixtures/fuzz', import.meta.url)));
const { ready, skipped } = seedTargets(FUZZ_TARGETS.filter((t) => !chosen || chosen.includes(t.id)));
for (const { target, reason } of skipped) console.log(`${target} skipped: ${reason}`);

const pool = new CasePool({
  script: fileURLToPath(new URL('./worker.mjs', import.meta.url)),
  workers: Math.max(1, Math.min(number('--workers', 2), availableParallelism())),
  timeoutMs: number('--timeout-ms', 5000),
  rssLimitMb: number('--rss-mb', 512),
});
try {
  const problems = await checkSeeds(pool, ready);
  if (problems.length > 0) {
    console.error(`the fuzzer's seeds must read as they are:\n  ${problems.join('\n  ')}`);
    process.exit(2);
  }
  let lastShown = performance.now();
  const report = await runFuzz(pool, ready, skipped, {
    cases: number('--cases', 10_000),
    seed,
    ...(only !== undefined ? { only } : {}),
    onProgress: (done, total) => {
      if (performance.now() - lastShown < 10_000 && done < total) return;
      lastShown = performance.now();
      process.stderr.write(`  ${done}/${total} cases\n`);
    },
  });
  console.log(`\n${report.cases} cases, seed ${seed}, ${pool.options.workers} workers, ${report.seconds.toFixed(0)} s (timeout ${pool.options.timeoutMs} ms, ${pool.options.rssLimitMb} MB per case)\n`);
  console.log(fuzzTable(report));
  const { restarts } = pool;
  if (report.slow > 0) console.log(`\n${report.slow} case(s) ran past the timeout but finished alone with three times as long (counted as they finished)`);
  console.log(`\nworkers replaced: ${restarts.hang} after a hang, ${restarts['blow-up']} after a blow-up, ${restarts.died} after dying, ${restarts.recycled} grown past half the memory limit between cases`);
  if (report.failures.length > 0) {
    console.log(`\n${report.failures.length} kinds of failure:`);
    for (const line of failureLines(report)) console.log(line);
    if (fixtures) {
      const kept = report.failures.filter((f) => f.alone).map((f) => writeFixture(fixtures, seed, f));
      console.log(`\nkept ${kept.length} as regression fixtures (those that fail alone):\n  ${kept.join('\n  ')}`);
    }
  }
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  await pool.close();
}
