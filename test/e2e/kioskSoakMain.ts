// `npm run soak -- --kiosk [--cycles N] [--time-scale S] [--sample-every N] [--minutes M] [--snapshots-to DIR]` (scripts/soak.mjs
// bundles this): the kiosk soak of test/e2e/kioskSoak.ts against the built app in Chromium. Prints each
// sample as it is taken, then the table with the 10% mark and the summary; exits 1 when the soak fails.
import { kioskSampleHeader, kioskSoakSummary, runKioskSoak } from './kioskSoak';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const value = Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  if (!(value > 0)) throw new Error(`${name} takes a positive number`);
  return value;
};

const cycles = option('--cycles', 1000);
const timeScale = option('--time-scale', 100);
console.log(`kiosk soak: ${cycles} cycles (attract loop, visit, idle reset) at time scale ${timeScale} in Chromium; a sample every ${option('--sample-every', 50)} cycles\n`);
console.log(kioskSampleHeader());
const report = await runKioskSoak({
  cycles,
  minutes: option('--minutes', Infinity),
  timeScale,
  sampleEvery: option('--sample-every', 50),
  contextLossEvery: option('--context-loss-every', 5),
  fullPassEvery: option('--full-pass-every', 10),
  ...(args.includes('--snapshots-to') ? { snapshotsTo: args[args.indexOf('--snapshots-to') + 1] } : {}),
  log: (line) => console.log(line),
});
console.log(`\n${kioskSoakSummary(report)}`);
process.exitCode = report.failures.length > 0 ? 1 : 0;
