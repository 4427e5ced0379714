import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSession, countPixels } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';
// @ts-expect-error -- plain ESM build script without type declarations
import { buildNode } from '../../scripts/build.mjs';

/**
 * Saved results opened in the app without recomputing: `chorus analyze --format parquet` writes a results
 * folder; the app's "Open folder…" draws its network from the pairs table and shows its summary, and a
 * results JSON file opens the same way. No dataset dialog: results are not a dataset to map.
 */
const cli = fileURLToPath(new URL('../../dist/node/cli.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'chorus-results-e2e-'));
const dataset = smallChorusFile({ neurons: 9, trialsPerSide: 60, sessions: 3, passive: true, taskSharedNoise: 8, seed: 3 });
const FLAGS = ['--interval-draws', '50', '--shuffles', '20', '--subsets', '10', '--permutations', '20', '--decoder-folds', '0', '--all-pairs'];

function chorus(...args: string[]): void {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: work });
  if (result.status !== 0) throw new Error(`chorus ${args.join(' ')}: ${result.stderr}`);
}

const session = appSession(async (page) => {
  await buildNode();
  writeFileSync(join(work, 'small.chorus.json'), JSON.stringify(dataset));
  chorus('analyze', 'small.chorus.json', ...FLAGS, '--format', 'parquet', '--out', 'results');
  // A results JSON file of another dataset (7 neurons), so the app visibly changes when it opens it.
  writeFileSync(join(work, 'seven.chorus.json'), JSON.stringify(smallChorusFile({ neurons: 7, trialsPerSide: 60, sessions: 3, passive: true, taskSharedNoise: 8, seed: 4 })));
  chorus('analyze', 'seven.chorus.json', ...FLAGS, '--format', 'json', '--out', 'run.json');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await (await chooser).setFiles(join(work, 'results'));
  await page.getByRole('img', { name: '3D network of 9 neurons' }).waitFor({ timeout: 60_000 });
});

describe('opening saved results', () => {
  beforeAll(() => expect(session.page).toBeDefined());

  it('draws the results folder’s network and summary without a dataset dialog or an analysis', async () => {
    const { page, errors } = session;
    expect(await page.getByRole('dialog', { name: 'Open dataset' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('status', { name: 'Current frame' }).textContent()).toMatch(/^Session 1 of 3/);
    // Links of the task frames (shared noise: redundant pairs) are drawn.
    await expect.poll(async () => (await countPixels(page)).link, { timeout: 30_000 }).toBeGreaterThan(50);
    // The summary the results hold: its learning trend, with the intervals computed by the CLI.
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/task/i);
    // No analysis ran: no progress bar for one.
    expect(await page.getByRole('progressbar', { name: 'Analysis progress' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('opens a results JSON file the same way, and says what is wrong with a damaged one', async () => {
    const { page } = session;
    const results = JSON.parse(readFileSync(join(work, 'run.json'), 'utf8'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open dataset…' }).click();
    await (await chooser).setFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(results)) });
    await page.getByRole('img', { name: '3D network of 7 neurons' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('dialog', { name: 'Open dataset' }).count()).toBe(0);
    delete results.frames[2].population;
    const again = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open dataset…' }).click();
    await (await again).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(results)) });
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toMatch(/broken\.json.*frames\.2\.population/);
    // What was shown stays.
    expect(await page.getByRole('img', { name: '3D network of 7 neurons' }).count()).toBe(1);
  });
});
