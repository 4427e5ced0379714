import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appSession, cliResults, dropFiles } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';

/**
 * Issue 11, item 16: a design that needs choices before analysis (four orientations, no signed levels)
 * gets them in the dataset dialog, as `chorus analyze --discriminate A,B --neurons N` takes them, and
 * the app's results are the CLI's with those flags. Found by role and label.
 */
const session = appSession();
const page = () => session.page;

/** Two sessions of 6 neurons tuned to orientation, 4 values × 20 trials. */
function orientationFile(): object {
  const base = smallChorusFile({ neurons: 6, sessions: 2, trialsPerSide: 40, seed: 5 }) as { sessions: { trials: { stimulus: number[] }; responses: number[][][] }[] };
  let state = 9;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return {
    ...base,
    name: 'four orientations',
    stimulusUnit: 'deg',
    sessions: base.sessions.map((s) => {
      const stimulus = s.trials.stimulus.map((_, t) => [0, 45, 90, 135][t % 4]!);
      return {
        ...s,
        trials: { ...s.trials, stimulus, choice: undefined, correct: undefined },
        responses: stimulus.map((v) => [Array.from({ length: 6 }, (_, k) => Math.round(10 + 4 * Math.cos(((v - 30 * k) * Math.PI) / 90) + 6 * next()))]),
      };
    }),
  };
}
const fileText = JSON.stringify(orientationFile());

describe('analysis choices in the dataset dialog (item 16)', () => {
  it('offers the discrimination for a four-orientation design, checks the fixed N, and opens with both', async () => {
    await dropFiles(page(), [{ name: 'orientations.chorus.json', text: fileText }]);
    const dialog = page().getByRole('dialog', { name: 'Open dataset' });
    const analysis = dialog.getByRole('group', { name: 'Analysis' });
    const discriminate = analysis.getByLabel('Discriminate stimulus');
    await discriminate.waitFor({ timeout: 60_000 });
    expect(await discriminate.locator('option').allTextContents()).toEqual(['every adjacent pair', '0', '45', '90', '135']);
    await discriminate.selectOption('45');
    await analysis.getByLabel('from stimulus').selectOption('90');

    const open = dialog.getByRole('button', { name: 'Open', exact: true });
    const neurons = analysis.getByLabel('Neurons compared (fixed N)');
    await neurons.fill('1');
    await expect.poll(() => analysis.getByRole('alert').textContent()).toMatch(/whole number from 2 to 6/);
    expect(await neurons.getAttribute('aria-invalid')).toBe('true');
    expect(await open.isDisabled()).toBe(true);
    await neurons.fill('4');
    await expect.poll(() => analysis.getByRole('alert').count()).toBe(0);
    await open.and(page().locator(':enabled')).click();
    await dialog.waitFor({ state: 'detached' });
    await page().getByLabel('Current dataset', { exact: true }).filter({ hasText: 'four orientations' }).waitFor({ timeout: 120_000 });
  });

  it("the Summary says the choices, and Export results is chorus analyze's file with --discriminate 45,90 --neurons 4", async () => {
    const summary = page().getByRole('region', { name: 'Summary' });
    const exports = summary.getByRole('group', { name: 'Export' });
    await exports.getByRole('button', { name: 'Export results (JSON)' }).and(page().locator(':enabled')).waitFor({ timeout: 240_000 });
    expect(await summary.textContent()).toContain('Discriminating stimulus 45 from 90 (--discriminate 45,90). Fixed N = 4 neurons (--neurons 4).');
    const [download] = await Promise.all([page().waitForEvent('download'), exports.getByRole('button', { name: 'Export results (JSON)' }).click()]);
    const app = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(app.settings).toMatchObject({ discriminate: [45, 90], fixedNeurons: 4 });
    const cli = await cliResults(fileText, ['analyze', 'orientations.chorus.json', '--discriminate', '45,90', '--neurons', '4']);
    expect({ ...app, generator: null }).toEqual({ ...cli, generator: null });
    // Each frame's population is of 4 neurons, discriminating 45° from 90° only.
    expect(app.frames[0].fixedSize.neurons).toBe(4);
  });
});
