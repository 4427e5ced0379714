// `npm run validate [-- --frames F --series K --seed S]` (scripts/validate.mjs bundles this): (a) the
// coverage of every 95% interval from known truth, per regime (test/validate/coverage.ts), and (b) the
// false-positive rate of the summary's tests on null series (test/validate/falsePositives.ts). Exits 1
// when a coverage of I, I_shuffle or I_red leaves 92–98%, an interval misses its own estimate, or a
// false-positive rate leaves 3–7.5%.
import { REGIMES, coverageTable, fixedSizeCoverage, fixedSizeTable, regimeCoverage } from './coverage';
import { NULL_DESIGNS, falsePositiveTable, falsePositives } from './falsePositives';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const frames = option('--frames', 1000);
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

// The fixed-N medians' intervals in three regimes, N about half the neurons (printed; not a pass/fail target).
const fixedFrames = Math.max(20, Math.round(frames / 5));
console.log(`\ncoverage of the fixed-N medians' 95% intervals: ${fixedFrames} frames per regime\n`);
const fixedRows = (
  [
    ['N=50, ν/N=20, pooled, 4 levels, unequal', 25],
    ['N=20, ν/N=1.3, zero-signal, 3 levels', 10],
    ['N=80, ν/N=5, zero-signal, 4 levels', 40],
  ] as const
).map(([label, fixedNeurons]) => fixedSizeCoverage(REGIMES.find((r) => r.label === label)!, fixedNeurons, fixedFrames, seed));
console.log(fixedSizeTable(fixedRows));
const missing = rows.filter((r) => r.missingEstimate > 0).map((r) => `${r.regime}: ${r.missingEstimate} interval(s) without their estimate`);

const series = option('--series', 200);
console.log(`\nfalse positives at 0.05 on null series: ${series} series per design (6 days × task and passive × 2 epochs), seed ${seed}\n`);
const nulls = [];
for (const design of NULL_DESIGNS) {
  const started = performance.now();
  nulls.push(...(await falsePositives(design, series, seed)));
  console.error(`  ${design.label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
console.log(falsePositiveTable(nulls));
const offRate = nulls.filter((r) => r.rate < 0.03 || r.rate > 0.075).map((r) => `${r.test}, ${r.design}: ${(100 * r.rate).toFixed(1)}%`);
if (outside.length + missing.length + offRate.length > 0) {
  console.log(`\noutside the targets (coverage 92–98%, false positives 3–7.5%) or missing the estimate:\n  ${[...outside, ...missing, ...offRate].join('\n  ')}`);
  process.exitCode = 1;
}
