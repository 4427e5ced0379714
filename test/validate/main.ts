// `npm run validate [-- --frames F --seed S]` (scripts/validate.mjs bundles this): the coverage of every
// 95% interval from known truth, per regime (test/validate/coverage.ts). Exits 1 when a coverage of I,
// I_shuffle or I_red leaves 92–98% or an interval misses its own estimate.
import { REGIMES, coverageTable, regimeCoverage } from './coverage';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const frames = option('--frames', 400);
const seed = option('--seed', 1);
console.log(`coverage of the 95% intervals: ${frames} simulated frames per regime, seed ${seed}\n`);
const rows = REGIMES.map((regime) => {
  const started = performance.now();
  const row = regimeCoverage(regime, frames, seed);
  console.error(`  ${regime.label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return row;
});
console.log(coverageTable(rows));
const outside = rows.flatMap((r) =>
  (['fisher', 'fisherShuffled', 'redundancy'] as const).filter((q) => r[q] < 0.92 || r[q] > 0.98).map((q) => `${r.regime}: ${q} ${(100 * r[q]).toFixed(1)}%`),
);
const missing = rows.filter((r) => r.missingEstimate > 0).map((r) => `${r.regime}: ${r.missingEstimate} interval(s) without their estimate`);
if (outside.length + missing.length > 0) {
  console.log(`\noutside 92–98% or missing the estimate:\n  ${[...outside, ...missing].join('\n  ')}`);
  process.exitCode = 1;
}
