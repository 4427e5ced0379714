import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness';
import { runSoak, soakSummary } from './soak';

/** The soak of `npm run soak` (test/e2e/soak.ts), for 2 minutes (at least three cycles): the same checks, a shorter run. */
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

describe('soak (2 minutes)', () => {
  it('plays, switches layouts and views and reopens datasets with flat heap, DOM nodes, listeners and GL resources, no page error, one live WebGL context per scene', async () => {
    // The demo is played in the first cycle and reopened with "Load demo" in the third.
    const report = await runSoak(app, { minutes: 2, dwellSeconds: 1, demoEvery: 2 });
    console.log(soakSummary(report));
    expect(report.failures).toEqual([]);
    expect(report.samples.length).toBeGreaterThanOrEqual(4);
  }, 15 * 60_000);
});
