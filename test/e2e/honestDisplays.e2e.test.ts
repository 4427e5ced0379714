import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { appSession, chooseFiles, cliResults, dropFiles, openFromDialog } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';
import { npyBytes } from '../helpers/npyBytes';

/**
 * Issue 11's displays that said more than the data hold, and the keys that went to the wrong place:
 * playback keys after a click on a control, the "Links per frame" field, single-session and
 * single-neuron data, and two neurons never recorded together. Found by role and label.
 */
const session = appSession();
/** The one-session dataset, as dropped on the app and as read by the CLI. */
const oneSessionText = JSON.stringify({ ...smallChorusFile({ neurons: 4, sessions: 1, trialsPerSide: 12 }), name: 'one session' });
const page = () => session.page;
const status = () => page().getByRole('status', { name: 'Current frame' });
const playButton = () => page().getByRole('button', { name: /^(Play|Pause)$/ });
const legendLinks = () => page().getByLabel('Links shown').textContent();

async function openSmall(file: object, name: string): Promise<void> {
  await dropFiles(page(), [{ name: 'small.chorus.json', text: JSON.stringify({ ...file, name }) }]);
  await openFromDialog(page());
  await page().getByLabel('Current dataset', { exact: true }).filter({ hasText: name }).waitFor({ timeout: 120_000 });
  await page().getByRole('progressbar', { name: 'Analysis progress' }).waitFor({ state: 'detached', timeout: 120_000 });
}

describe('playback keys after a click on a control (item 10)', () => {
  it('Space plays and pauses after a click on the Loop checkbox, which keeps its state', async () => {
    const loop = page().getByLabel('Loop');
    const wasLooping = await loop.isChecked();
    await loop.click();
    const looping = await loop.isChecked();
    expect(looping).toBe(!wasLooping);
    await page().keyboard.press(' ');
    await expect.poll(() => playButton().getAttribute('aria-pressed')).toBe('true');
    await page().keyboard.press(' ');
    await expect.poll(() => playButton().getAttribute('aria-pressed')).toBe('false');
    expect(await loop.isChecked()).toBe(looping);
    await loop.setChecked(wasLooping);
  });

  it('→ steps a frame after a click on the Layout select, which keeps its value; Space after a click on Play pauses once', async () => {
    const layout = page().getByLabel('Layout');
    await page().getByRole('slider', { name: 'Session' }).fill('1');
    await page().getByLabel('Epoch').selectOption({ index: 0 });
    const before = await status().textContent();
    await layout.click();
    await page().keyboard.press('Escape');
    await page().keyboard.press('ArrowRight');
    await expect.poll(() => status().textContent()).not.toBe(before);
    expect(await layout.inputValue()).toBe('anatomical');
    await page().keyboard.press('ArrowLeft');
    await expect.poll(() => status().textContent()).toBe(before);
    await playButton().click();
    await expect.poll(() => playButton().getAttribute('aria-pressed')).toBe('true');
    await page().keyboard.press(' ');
    await expect.poll(() => playButton().getAttribute('aria-pressed')).toBe('false');
  });

  it('a checkbox reached from the keyboard keeps Space, its only key', async () => {
    const loop = page().getByLabel('Loop');
    const looping = await loop.isChecked();
    await loop.focus();
    await page().keyboard.press(' ');
    await expect.poll(() => loop.isChecked()).toBe(!looping);
    expect(await playButton().getAttribute('aria-pressed')).toBe('false');
    await loop.setChecked(looping);
  });

  it('a text field keeps its keys: Space in "Links per frame" does not play', async () => {
    const field = page().getByRole('spinbutton', { name: 'Links per frame' });
    await field.focus();
    await page().keyboard.press(' ');
    await page().keyboard.press('ArrowRight');
    expect(await playButton().getAttribute('aria-pressed')).toBe('false');
  });
});

describe('"Links per frame" (item 4)', () => {
  it('refuses 0 and −5, keeping the links drawn and saying so; clamps 5000 to the links kept, saying why', async () => {
    const field = page().getByRole('spinbutton', { name: 'Links per frame' });
    await field.fill('300');
    const before = await legendLinks();
    for (const text of ['0', '-5']) {
      await field.fill(text);
      await expect.poll(() => page().getByRole('status').filter({ hasText: 'Links per frame is a whole number' }).textContent()).toMatch(/^Links per frame is a whole number from 1 to \d+; still showing the 300 strongest\.$/);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await legendLinks()).toBe(before);
    }
    await field.fill('5000');
    const note = page().getByRole('status').filter({ hasText: 'the most there are' });
    await expect.poll(() => note.textContent()).toMatch(/^Showing (\d+), the most there are: this dataset's timeline keeps \1 links/);
    const kept = /^Showing (\d+)/.exec((await note.textContent())!)![1];
    await expect.poll(legendLinks).toMatch(new RegExp(`^\\d+ of ${kept} links shown \\(the ${kept} strongest per frame\\)`));
    await field.blur();
    expect(await field.inputValue()).toBe(kept);
    await field.fill('300');
    await expect.poll(() => note.count()).toBe(0);
  });
});

describe('single-session and single-neuron data (item 2)', () => {
  it('one session: says learning cannot be shown, plays its epochs only if it has several, and the session slider is off', async () => {
    await openSmall(JSON.parse(oneSessionText), 'one session');
    const summary = page().getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.getByLabel('Single session').textContent()).toContain('One session: learning across sessions cannot be shown.');
    // One session of one epoch is one frame: nothing to play.
    expect(await playButton().isDisabled()).toBe(true);
    expect(await page().getByRole('slider', { name: 'Session' }).isDisabled()).toBe(true);
    await page().keyboard.press(' ');
    expect(await playButton().getAttribute('aria-pressed')).toBe('false');
    // The statistics pass runs the CLI's defaults, and the panel says which (item 5).
    await expect.poll(() => summary.textContent(), { timeout: 180_000 }).toContain('Statistics: 4000 interval draws, 100 trial shuffles, 1000 permutations, 200 subsets, seed 1 (the defaults of chorus analyze).');
  });

  it('Export results saves the results JSON chorus analyze writes for the same file and defaults; the population and shown pairs as CSV (item 16)', async () => {
    const summary = page().getByRole('region', { name: 'Summary' });
    const exports = summary.getByRole('group', { name: 'Export' });
    await exports.getByRole('button', { name: 'Export results (JSON)' }).and(page().locator(':enabled')).waitFor({ timeout: 180_000 });
    const saved = async (name: string) => {
      const [download] = await Promise.all([page().waitForEvent('download'), exports.getByRole('button', { name }).click()]);
      return { file: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
    };
    const fromApp = await saved('Export results (JSON)');
    expect(fromApp.file).toBe('one_session.results.json');
    const [app, cli] = [JSON.parse(fromApp.text), await cliResults(oneSessionText, ['analyze', 'small.chorus.json'])];
    expect({ ...app, generator: null }).toEqual({ ...cli, generator: null });
    expect(app.frames[0].intervals).not.toBeNull();

    const population = await saved('Export population values (CSV)');
    expect(population.file).toBe('one_session.population.csv');
    const [header, row] = population.text.trim().split('\n');
    expect(header!.split(',').slice(0, 7)).toEqual(['session', 'condition', 'order', 'epoch', 'trials', 'neurons', 'fisher']);
    expect(Number(row!.split(',')[6])).toBeCloseTo(app.frames[0].population.fisher, 5);

    const pairs = await saved('Export shown pairs (CSV)');
    expect(pairs.file).toBe('one_session-task-session1-stimulus-pairs.csv');
    const lines = pairs.text.trim().split('\n');
    expect(lines[0]).toBe('neuron_a,neuron_b,rank,redundancy,redundancy_se,significant_fdr,noise_correlation');
    // 4 neurons: 6 pairs, all among the 300 strongest.
    expect(lines).toHaveLength(7);
  });

  it('one neuron: the warning comes first, the noise correlation is said to be undefined (not drawn as 0), no pair is counted', async () => {
    await openSmall(smallChorusFile({ neurons: 1, sessions: 3, trialsPerSide: 12 }), 'one neuron');
    const notice = page().getByRole('status', { name: /with warnings/ });
    await expect.poll(() => notice.getByRole('listitem').first().textContent()).toMatch(/one neuron/);
    const summary = page().getByRole('region', { name: 'Summary' });
    const noise = summary.getByRole('figure').filter({ hasText: 'Mean noise correlation' });
    await expect.poll(() => noise.textContent()).toContain('Not defined for these data: a noise correlation needs two neurons recorded together.');
    expect(await noise.getByRole('button').count()).toBe(0);
    await expect.poll(legendLinks).toMatch(/· 0 pairs measured in this frame$/);
  });

  it('two neurons never recorded together: no pair in any frame', async () => {
    const file = smallChorusFile({ neurons: 2, sessions: 2, trialsPerSide: 12 });
    // Session 1 recorded n1 only, session 2 n2 only.
    const sessions = file.sessions.map((s, k) => ({ ...s, neuronIds: [`n${k + 1}`], responses: s.responses.map((trial) => trial.map((epoch) => [epoch[k]!])) }));
    await openSmall({ ...file, sessions }, 'never together');
    await expect.poll(legendLinks).toMatch(/^0 of 0 links shown .* · 0 pairs measured in this frame$/);
    await page().getByRole('slider', { name: 'Session' }).fill('2');
    await expect.poll(legendLinks).toMatch(/· 0 pairs measured in this frame$/);
    expect(session.errors).toEqual([]);
  });
});

const NWB1 = new URL('../../../shared/data/meister-retina-nwb1/20080606_R1.nwb', import.meta.url);
if (!existsSync(NWB1)) console.info('NWB 1.x dialog test skipped: ../shared/data is not here (a fresh clone)');

describe.skipIf(!existsSync(NWB1))('the dataset dialog on files that do not read as a dataset (item 14)', () => {
  it('an NWB 1.x file is refused with what to do, and no empty "How to read" box asks for changes', async () => {
    await chooseFiles(page(), [{ name: '20080606_R1.nwb', buffer: readFileSync(NWB1) }]);
    const dialog = page().getByRole('dialog', { name: 'Open dataset' });
    const problems = dialog.getByRole('alert', { name: 'Problems reading the files' });
    await expect.poll(() => problems.textContent(), { timeout: 60_000 }).toContain('NWB 1.x is not supported');
    expect(await problems.textContent()).toContain('Nothing in them can be mapped otherwise: cancel, or choose other files.');
    expect(await problems.textContent()).not.toContain('Change how they are read below');
    expect(await dialog.getByRole('group', { name: 'How to read the files' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('a suite2p folder without its trials CSV shows what was found (ROIs, cells, all-zero ROIs) beside what is missing', async () => {
    const folder = new URL('../../../shared/data/suite2p-plane0-npy/plane0/', import.meta.url);
    await chooseFiles(page(), ['F.npy', 'iscell.npy', 'spks.npy'].map((name) => ({ name, buffer: readFileSync(new URL(name, folder)) })));
    const dialog = page().getByRole('dialog', { name: 'Open dataset' });
    const problems = dialog.getByRole('alert', { name: 'Problems reading the files' });
    await expect.poll(() => problems.textContent(), { timeout: 60_000 }).toContain('has no trials CSV');
    const found = problems.getByRole('region', { name: 'Found in the files' });
    expect(await found.textContent()).toContain('Found: suite2p plane');
    expect(await found.getByRole('listitem').allTextContents()).toContain('ROIs 219 × frames 2000; cells (iscell) 20; all-zero ROIs 47');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('the dataset dialog keeps what was typed (item 14)', () => {
  it('a sample rate entered for a Kilosort folder stays editable when a different problem comes next', async () => {
    // Spikes without params.py (no sample rate), and a trials table without a stimulus column.
    const times = Array.from({ length: 40 }, (_, k) => 30_000 * (k * 0.5 + 0.1));
    const files = [
      { name: 'spike_times.npy', buffer: Buffer.from(npyBytes([40], times)) },
      { name: 'spike_clusters.npy', buffer: Buffer.from(npyBytes([40], times.map((_, k) => k % 2))) },
      { name: 'trials.csv', buffer: Buffer.from(`start_time,stop_time,stim_on_time\n${Array.from({ length: 10 }, (_, t) => `${t * 2},${t * 2 + 2},${t * 2 + 0.5}`).join('\n')}\n`) },
    ];
    await chooseFiles(page(), files);
    const dialog = page().getByRole('dialog', { name: 'Open dataset' });
    const rate = dialog.getByRole('spinbutton', { name: 'Sample rate (Hz)' });
    await rate.waitFor({ timeout: 60_000 });
    await rate.fill('30000');
    await rate.blur();
    const problems = dialog.getByRole('alert', { name: 'Problems reading the files' });
    await expect.poll(() => problems.textContent(), { timeout: 60_000 }).toContain('has no stimulus column');
    // The rate is no longer the problem, and its field is still there with its value.
    expect(await rate.inputValue()).toBe('30000');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
