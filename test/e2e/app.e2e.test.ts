import { describe, expect, it } from 'vitest';
import { appSession, chooseFiles as pickFiles, countPixels, openFromDialog as openDialogChoice, playbackTimePasses, settledPixels } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';
import { npyBytes } from '../helpers/npyBytes';
import { zipSync } from 'fflate';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const economo = fileURLToPath(new URL('../../../shared/data/economo-alm-nwb/sub-anm369963_ses-20170228.nwb', import.meta.url));
if (!existsSync(economo)) console.warn(`real-NWB end-to-end test skipped: ${economo} is absent (it is present in CI)`);

const session = appSession();

const status = () => session.page.getByRole('status', { name: 'Current frame' });

const dialog = () => session.page.getByRole('dialog', { name: 'Open dataset' });

async function chooseFiles(files: { name: string; buffer: Buffer }[]): Promise<void> {
  await pickFiles(session.page, files);
}

async function chooseFile(name: string, contents: string): Promise<void> {
  await chooseFiles([{ name, buffer: Buffer.from(contents) }]);
}

const openFromDialog = () => openDialogChoice(session.page);

describe('Chorus in Chromium (demo dataset)', () => {
  it('loads the demo and draws a network that is not blank', async () => {
    await expect.poll(() => status().textContent()).toBe('Session 1 of 10 · early stimulus · task');
    expect(await session.page.getByLabel('Current dataset', { exact: true }).textContent()).toContain('Simulated V4 learning');
    const pixels = await settledPixels(session.page);
    expect(pixels.drawn).toBeGreaterThan(5000);
    expect(pixels.link).toBeGreaterThan(500);
    expect(session.errors).toEqual([]);
  });

  it('Play animates through the frames and the status line moves; Pause stops it', async () => {
    const before = await status().textContent();
    await session.page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => status().textContent(), { timeout: 20_000 }).not.toBe(before);
    await session.page.getByRole('button', { name: 'Pause' }).click();
    await expect(session.page.getByRole('button', { name: 'Play' }).isVisible()).resolves.toBe(true);
    const paused = await status().textContent();
    // Playback time for two frames at the chosen speed: a clock still running would have moved the status.
    const speed = Number(await session.page.getByLabel('Speed').inputValue());
    await playbackTimePasses(session.page, 2 / speed);
    expect(await status().textContent()).toBe(paused);
  });

  it('links at the last task session are thicker than at the first (pre-decision)', async () => {
    await session.page.getByRole('radio', { name: 'Task' }).check();
    await session.page.getByLabel('Epoch').selectOption({ label: 'pre-decision' });
    await session.page.getByRole('slider', { name: 'Session' }).fill('1');
    await expect.poll(() => status().textContent()).toBe('Session 1 of 10 · pre-decision · task');
    const first = await settledPixels(session.page);
    await session.page.getByRole('slider', { name: 'Session' }).fill('10');
    await expect.poll(() => status().textContent()).toBe('Session 10 of 10 · pre-decision · task');
    const last = await settledPixels(session.page);
    expect(last.link).toBeGreaterThan(first.link * 1.3);

    // Passive viewing of the same days does not strengthen the links like the task does.
    await session.page.getByRole('radio', { name: 'Passive' }).check();
    await expect.poll(() => status().textContent()).toBe('Session 10 of 10 · pre-decision · passive');
    const passiveLast = await settledPixels(session.page);
    await session.page.getByRole('slider', { name: 'Session' }).fill('1');
    const passiveFirst = await settledPixels(session.page);
    expect(passiveLast.link / passiveFirst.link).toBeLessThan(last.link / first.link);
    await session.page.getByRole('radio', { name: 'Task' }).check();
  });

  it('works from the keyboard: arrows step frames, Space plays and pauses', async () => {
    await session.page.getByRole('slider', { name: 'Session' }).fill('1');
    await session.page.getByLabel('Epoch').selectOption({ label: 'early stimulus' });
    await session.page.locator('body').click({ position: { x: 5, y: 300 } });
    await session.page.keyboard.press('ArrowRight');
    await expect.poll(() => status().textContent()).toBe('Session 1 of 10 · late stimulus · task');
    await session.page.keyboard.press('ArrowLeft');
    await expect.poll(() => status().textContent()).toBe('Session 1 of 10 · early stimulus · task');
    await session.page.keyboard.press(' ');
    await expect.poll(() => session.page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await session.page.keyboard.press(' ');
    await expect.poll(() => session.page.getByRole('button', { name: 'Play' }).count()).toBe(1);
  });

  it('runs under the strict CSP: WebAssembly (the SIMD kernel) compiles; inline scripts and string eval do not run', async () => {
    // (session.page.evaluate itself is exempt from CSP's eval check, so the probes run after it returns.)
    await session.page.evaluate(() => {
      const flags = window as unknown as { inlineRan?: boolean; evalRan?: boolean; wasm?: string; probesDone?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      (setTimeout as unknown as (code: string, ms: number) => void)('window.evalRan = true', 0);
      // Timers of equal delay run in order: once this one has run, the string timer has had its turn.
      setTimeout(() => (flags.probesDone = true), 0);
      try {
        new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
        flags.wasm = 'compiled';
      } catch (error) {
        flags.wasm = String(error);
      }
    });
    await expect.poll(() => session.page.evaluate(() => (window as unknown as { probesDone?: boolean }).probesDone ?? false)).toBe(true);
    const flags = await session.page.evaluate(() => {
      const w = window as unknown as { inlineRan?: boolean; evalRan?: boolean; wasm?: string };
      return { inline: w.inlineRan ?? false, eval: w.evalRan ?? false, wasm: w.wasm };
    });
    expect(flags).toEqual({ inline: false, eval: false, wasm: 'compiled' });
  });

  it('gives every control a name a screen reader can read', async () => {
    const unnamed = await session.page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, progress')]
        .filter((element) => {
          const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
          const text = element.textContent?.trim();
          const wrapped = element.closest('label')?.textContent?.trim();
          return !labelled && !text && !wrapped;
        })
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });
});

describe('opening files', () => {
  const badFiles: [string, () => string, RegExp][] = [
    [
      'missing field',
      () => {
        const file = smallChorusFile();
        delete (file.sessions[0] as { epochs?: unknown }).epochs;
        return JSON.stringify(file);
      },
      /sessions\[0\]\.epochs \(session "day1-task"\): is missing/,
    ],
    ['NaN', () => JSON.stringify(smallChorusFile()).replace(/"responses":\[\[\[\d+/, '"responses":[[[NaN'), /neuron "n1": response is NaN/],
    [
      'too few trials',
      () => JSON.stringify(smallChorusFile({ neurons: 3, trialsPerSide: 1 })),
      /no ±c stimulus pair with 2 or more trials on each side/,
    ],
    ['corrupt bytes', () => '{"format":"chorus-dataset","version":1,"sess', /is not valid JSON/],
  ];

  for (const [label, contents, message] of badFiles) {
    it(`a file with a ${label} gets a visible message and the previous dataset stays loaded`, async () => {
      await chooseFile(`${label}.chorus.json`, contents());
      const alert = dialog().getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(message);
      expect(await alert.textContent()).toContain('the previous dataset stays loaded');
      expect(await dialog().getByRole('button', { name: 'Open', exact: true }).isEnabled()).toBe(false);
      await dialog().getByRole('button', { name: 'Cancel' }).click();
      expect(await session.page.getByLabel('Current dataset', { exact: true }).textContent()).toContain('Simulated V4 learning');
      expect((await countPixels(session.page)).link).toBeGreaterThan(0);
    });
  }

  it('a neuron that never fires is named, and can be left out with one click', async () => {
    const file = smallChorusFile({ neurons: 3, trialsPerSide: 12 });
    for (const session of file.sessions) for (const trial of session.responses) trial[0]![1] = 0;
    await chooseFile('silent.chorus.json', JSON.stringify(file));
    const alert = dialog().getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/neuron "n2" never fires/);
    await alert.getByRole('button', { name: 'Load without silent neurons' }).click();
    await expect.poll(() => dialog().getByLabel('What was found').textContent()).toMatch(/Neurons2/);
    await openFromDialog();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent()).toBe('small test file');
    expect(await session.page.getByRole('img').getAttribute('aria-label')).toBe('3D network of 2 neurons');
  });

  it('a valid file opens into the network, and the demo comes back with one click', async () => {
    await chooseFile('small.chorus.json', JSON.stringify(smallChorusFile({ neurons: 4, trialsPerSide: 12, sessions: 3 })));
    await openFromDialog();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent()).toBe('small test file');
    await expect.poll(() => status().textContent()).toBe('Session 1 of 3 · stimulus · task');
    await session.page.getByRole('button', { name: 'Load demo' }).click();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent(), { timeout: 60_000 }).toContain('Simulated V4 learning');
  });
});

describe('summary panel', () => {
  it('charts every condition over sessions with intervals and tests, and a point jumps to its session', async () => {
    await chooseFile('two-conditions.chorus.json', JSON.stringify(smallChorusFile({ neurons: 4, trialsPerSide: 30, sessions: 4, passive: true })));
    await openFromDialog();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent()).toBe('small test file');
    const summary = session.page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.getByLabel('Tests').textContent(), { timeout: 60_000 }).toMatch(/Task: slope [+-]\d/);
    expect(await summary.getByLabel('Tests').textContent()).toMatch(/Task − passive, same days/);
    expect(await summary.textContent()).toMatch(/Bands: 95% intervals \(I: exact Gaussian sampling law/);
    const redundancy = summary.getByRole('group', { name: 'Population redundancy I_shuffle − I' });
    expect(await redundancy.getByRole('button').count()).toBe(8);
    // Behaviour beside redundancy: percent correct of the 4 task sessions (every trial correct in this file).
    const behaviour = summary.getByRole('group', { name: 'Behaviour: percent correct' });
    expect(await behaviour.getByRole('button').count()).toBe(4);
    expect(await behaviour.getByRole('button', { name: 'Task session 2: 100.0%' }).count()).toBe(1);
    // The inspector's population view (nothing picked): I_bc with its interval beside the decoder checks.
    const inspector = session.page.getByRole('region', { name: 'Inspector' });
    const decoders = inspector.getByRole('group', { name: 'Decoder checks, task' });
    await expect.poll(() => decoders.getByRole('button').count()).toBe(12);
    const table = inspector.getByRole('table', { name: /^Session 1 \(95% intervals\)/ });
    expect(await table.getByRole('row', { name: /^I_bc/ }).textContent()).toMatch(/^I_bc-?[\d.e-]+ \[-?[\d.e-]+, -?[\d.e-]+\]$/);
    expect(await table.getByRole('row', { name: /^I_diag/ }).textContent()).toMatch(/^I_diag-?\d/);
    expect(await table.getByRole('row', { name: /^Logistic, held out/ }).textContent()).toMatch(/^Logistic, held out-?\d/);
    expect(await inspector.textContent()).toMatch(/A decoder trained on other trials should find no more than I_bc/);
    await redundancy.getByRole('button', { name: /^Passive session 3:/ }).click();
    await expect.poll(() => status().textContent()).toBe('Session 3 of 4 · stimulus · passive');
    await summary.getByRole('button', { name: 'Summary' }).click();
    expect(await redundancy.count()).toBe(0);
    await summary.getByRole('button', { name: 'Summary' }).click();
  });
});

describe.skipIf(!existsSync(economo))('a real NWB recording', () => {
  it('opens in the browser build and reaches the network with the single-neuron message', async () => {
    await chooseFiles([{ name: 'sub-anm369963_ses-20170228.nwb', buffer: readFileSync(economo) }]);
    const found = dialog().getByLabel('What was found');
    await expect.poll(() => found.textContent(), { timeout: 60_000 }).toMatch(/FormatNWB 2\.xNeurons1Sessions1Trials per conditiontask 178/);
    expect(await found.textContent()).toMatch(/Epochspole_in–pole_out, pole_out–cue_start, cue_start–end/);
    await openFromDialog();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent(), { timeout: 60_000 }).toBe('anm369963_2017-02-28_2');
    await expect.poll(() => status().textContent()).toBe('Session 1 of 1 · pole_in–pole_out · task');
    const notice = session.page.getByRole('status', { name: /with warnings/ });
    expect(await notice.textContent()).toMatch(/one neuron only: pairwise shared information and noise correlations need at least 2 neurons/);
    expect(await session.page.getByRole('img').getAttribute('aria-label')).toBe('3D network of 1 neuron');
  });

  it('opens two NWB files at once as two sessions, saying their neurons are not matched', async () => {
    const second = economo.replace('sub-anm369963_ses-20170228', 'sub-anm372793_ses-20170508');
    await chooseFiles([
      { name: 'sub-anm369963_ses-20170228.nwb', buffer: readFileSync(economo) },
      { name: 'sub-anm372793_ses-20170508.nwb', buffer: readFileSync(second) },
    ]);
    await openFromDialog();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent(), { timeout: 60_000 }).toBe('sub-anm369963_ses-20170228 + sub-anm372793_ses-20170508');
    await expect.poll(() => status().textContent()).toBe('Session 1 of 2 · pole_in–pole_out · task');
    expect(await session.page.getByRole('status', { name: /with warnings/ }).textContent()).toMatch(/neurons are not matched across files/);
  });
});


describe('the dataset dialog', () => {
  it('asks which axis is which when sizes cannot tell, and opens once they are named', async () => {
    // resp: 5 neurons × 12 trials × 2 orientations; nothing tells neurons from trials by size alone.
    const [neurons, trials, conditions] = [5, 12, 2];
    const values = Float64Array.from({ length: neurons * trials * conditions }, (_, k) => ((k * 7919) % 13) + (k % conditions) * 3);
    const npz = zipSync({ 'resp.npy': npyBytes([neurons, trials, conditions], values), 'orientations.npy': npyBytes([conditions], [-1, 1]) });
    await chooseFiles([{ name: 'grating.npz', buffer: Buffer.from(npz) }]);
    await expect.poll(() => dialog().getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/axes of \(5 × 12 × 2\) are ambiguous/);
    const axes = dialog().getByRole('group', { name: 'Axes of resp' });
    await axes.getByLabel('Axis 1 (5)').selectOption('neuron');
    await axes.getByLabel('Axis 2 (12)').selectOption('trial');
    await axes.getByLabel('Axis 3 (2)').selectOption('condition');
    const found = dialog().getByLabel('What was found');
    await expect.poll(() => found.textContent(), { timeout: 30_000 }).toMatch(/Neurons5Sessions1Trials per conditiontask 24Stimulus values-1, 1/);
    await openFromDialog();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent(), { timeout: 60_000 }).toBe('grating');
    expect(await session.page.getByRole('img').getAttribute('aria-label')).toBe('3D network of 5 neurons');
  });

  it('maps a CSV whose columns have other names, one selector per role', async () => {
    const rows = ['day,context,rank,trial,signal,window,cell,rate'];
    for (let t = 0; t < 24; t++) for (let n = 0; n < 4; n++) rows.push(`d1,task,1,${t},${t % 2 ? 1 : -1},stim,c${n},${(t % 2) * (n + 1) + (((t * 31 + n * 17) * 2654435761) % 97) / 10}`);
    await chooseFiles([{ name: 'lab-export.csv', buffer: Buffer.from(`${rows.join('\n')}\n`) }]);
    await expect.poll(() => dialog().getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/is missing the column\(s\) session, condition, order, stimulus, epoch, neuron, response/);
    const columns = dialog().getByRole('group', { name: 'Columns' });
    for (const [role, column] of [['session', 'day'], ['condition', 'context'], ['order', 'rank'], ['stimulus', 'signal'], ['epoch', 'window'], ['neuron', 'cell'], ['response', 'rate']]) {
      await columns.getByLabel(`Column for ${role}`).selectOption(column!);
    }
    await expect.poll(() => dialog().getByLabel('What was found').textContent(), { timeout: 30_000 }).toMatch(/Neurons4Sessions1Trials per conditiontask 24/);
    await openFromDialog();
    await expect.poll(() => session.page.getByLabel('Current dataset', { exact: true }).textContent(), { timeout: 60_000 }).toBe('lab-export');
  });

  it.skipIf(!existsSync(economo))('sets an epoch window around a trial event, and the network shows that epoch', async () => {
    await chooseFiles([{ name: 'sub-anm369963_ses-20170228.nwb', buffer: readFileSync(economo) }]);
    const found = dialog().getByLabel('What was found');
    await expect.poll(() => found.textContent(), { timeout: 60_000 }).toMatch(/Neurons1/);
    await dialog().getByRole('button', { name: 'Add epoch window' }).click();
    const window = dialog().getByRole('group', { name: 'Epoch window 1' });
    await window.getByLabel('Name').fill('delay');
    await window.getByLabel('Event').selectOption('cue_start_time');
    await window.getByLabel('From (s)').fill('-1.2');
    await window.getByLabel('To (s)').fill('0');
    await dialog().getByRole('button', { name: 'Update preview' }).click();
    await expect.poll(() => found.textContent(), { timeout: 60_000 }).toMatch(/Epochsdelay(?!,)/);
    await openFromDialog();
    await expect.poll(() => status().textContent(), { timeout: 60_000 }).toBe('Session 1 of 1 · delay · task');
  });
});
