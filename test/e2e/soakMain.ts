// `npm run soak [-- --minutes M --demo-every N --dwell S --no-reopen]` (scripts/soak.mjs bundles this):
// the soak of test/e2e/soak.ts against the built app in Chromium. Prints each sample as it is taken, then
// the table with the 10% mark and the growth of each measure; exits 1 when the soak fails. --no-reopen
// is the control: the same playing and switching on one dataset, to tell what reopening keeps.
import { startApp } from './harness';
import { runSoak, sampleHeader, soakSummary } from './soak';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const value = Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  if (!(value > 0)) throw new Error(`${name} takes a positive number`);
  return value;
};

const minutes = option('--minutes', 30);
const app = await startApp();
try {
  console.log(`soak: ${minutes} min of playing, switching${args.includes('--no-reopen') ? '' : ' and reopening'} in Chromium; a sample after each cycle\n`);
  console.log(sampleHeader());
  const report = await runSoak(app, { minutes, demoEvery: option('--demo-every', 3), dwellSeconds: option('--dwell', 2), reopen: !args.includes('--no-reopen'), log: (line) => console.log(line) });
  console.log(`\n${soakSummary(report)}`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
} finally {
  await app.close();
}
