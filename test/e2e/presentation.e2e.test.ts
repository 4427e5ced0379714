import { describe, expect, it } from 'vitest';
import { appSession } from './harness';

/**
 * Issue 12, presentation mode: Present shows the built-in demo story full size with the workspace's
 * panels hidden; the talk's keys move through every step (each with its caption, in large type), the
 * camera flies between steps rather than jumping, B / . / W blank the screen, and Esc returns to the
 * workspace as it was. Found by role and label.
 */
const session = appSession();

describe('presenting the demo story', () => {
  it('plays every step from start to end with its caption, and leaves with Esc', async () => {
    const { page, errors } = session;
    await page.getByRole('button', { name: 'Present' }).click();
    const status = page.getByRole('status', { name: 'Presentation status' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Step 1 of \d+/);
    const count = Number(/of (\d+)/.exec((await status.textContent())!)![1]);
    expect(count).toBeGreaterThanOrEqual(8);
    expect(count).toBeLessThanOrEqual(12);
    await expect.poll(() => page.getByRole('button', { name: 'Open dataset…' }).isVisible(), { timeout: 15_000 }).toBe(false);
    expect(await page.getByRole('region', { name: 'Summary' }).isVisible()).toBe(false);
    expect(await page.getByRole('listitem', { name: /Step \d+, on screen/ }).count()).toBe(1);

    const caption = page.getByRole('region', { name: 'Presentation' }).getByLabel('Caption');
    const captions: string[] = [];
    const frames: string[] = [];
    for (let k = 1; k <= count; k++) {
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^Step ${k} of ${count}`));
      const text = (await caption.innerText()).trim();
      expect(text.length, `step ${k}'s caption`).toBeGreaterThan(20);
      captions.push(text);
      frames.push((await status.textContent())!);
      // Large type: at least 32 px at 1080p, scaled with the window (here 760 px high: ≥ 22.5 px).
      const size = await caption.locator('p').evaluate((p) => ({ font: parseFloat(getComputedStyle(p).fontSize), height: innerHeight }));
      expect(size.font).toBeGreaterThanOrEqual((32 * size.height) / 1080 - 0.5);
      if (k < count) await page.keyboard.press('PageDown');
    }
    expect(new Set(captions).size).toBe(count);
    // The story's data: day 1 of the task, a later step in passive viewing.
    expect(frames[0]).toMatch(/Session 1 of 10 · early stimulus · task/);
    expect(frames.some((f) => /· passive$/.test(f))).toBe(true);
    await page.keyboard.press('PageDown'); // past the end: stays on the last step
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^Step ${count} of`));

    await page.keyboard.press('PageUp');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^Step ${count - 1} of`));
    expect((await caption.innerText()).trim()).toBe(captions[count - 2]);
    await page.keyboard.press('Home');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Step 1 of/);
    await page.keyboard.press('End');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^Step ${count} of`));

    const black = page.getByRole('img', { name: 'Black screen' });
    await page.keyboard.press('b');
    await black.waitFor();
    const covered = await black.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return { full: box.width >= innerWidth && box.height >= innerHeight, colour: getComputedStyle(element).backgroundColor };
    });
    expect(covered).toEqual({ full: true, colour: 'rgb(0, 0, 0)' });
    await page.keyboard.press('b');
    await black.waitFor({ state: 'detached' });
    await page.keyboard.press('.');
    await black.waitFor();
    await page.keyboard.press('PageUp'); // the first key brings the picture back, on the same step
    await black.waitFor({ state: 'detached' });
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^Step ${count} of`));
    await page.keyboard.press('w');
    await page.getByRole('img', { name: 'White screen' }).waitFor();
    await page.keyboard.press('w');

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Open dataset…' }).waitFor();
    expect(await status.count()).toBe(0);
    await page.getByRole('status', { name: 'Current frame' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('flies the camera between steps (many positions on the way), and F5 starts again from the first step', async () => {
    const { page } = session;
    await page.keyboard.press('F5');
    const status = page.getByRole('status', { name: 'Presentation status' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Step 1 of/);
    await page.waitForTimeout(2_000); // the first step's transition done
    const scene = page.locator('[data-scene="main"]');
    const before = await scene.getAttribute('data-camera');
    await page.keyboard.press('PageDown');
    const seen = new Set<string>();
    const until = Date.now() + 4_000;
    while (Date.now() < until) {
      seen.add((await scene.getAttribute('data-camera'))!);
      await page.waitForTimeout(50);
    }
    seen.delete(before!);
    // A jump would show one new camera; a flight shows the ones on its way.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Leave presentation' }).click();
    await page.getByRole('button', { name: 'Present' }).waitFor();
  });

  it('opens a presenter view that follows the presentation, and moves it in turn', async () => {
    const { page, errors } = session;
    await page.getByRole('button', { name: 'Present' }).click();
    const status = page.getByRole('status', { name: 'Presentation status' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Step 1 of/);
    const opened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Presenter view' }).click();
    const presenter = await opened;
    presenter.on('pageerror', (error) => errors.push(`presenter view: ${error.message}`));
    const presenterStatus = presenter.getByRole('status', { name: 'Presenter status' });
    await expect.poll(() => presenterStatus.textContent(), { timeout: 30_000 }).toMatch(/^Step 1 of 10/);
    expect(await presenter.getByRole('region', { name: 'Speaker notes' }).textContent()).toMatch(/simulated population/i);
    expect(await presenter.getByRole('region', { name: 'Next step' }).textContent()).toMatch(/A link joins two neurons/);
    expect(await presenter.getByLabel('Elapsed time').textContent()).toMatch(/^\d+:\d\d$/);

    // The main window moves the presenter view…
    await page.keyboard.press('PageDown');
    await expect.poll(() => presenterStatus.textContent(), { timeout: 15_000 }).toMatch(/^Step 2 of 10/);
    expect(await presenter.getByRole('region', { name: 'Current step' }).textContent()).toMatch(/A link joins two neurons/);
    // …and the presenter view moves the presentation, by button and by key.
    await presenter.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Step 3 of 10/);
    await presenter.keyboard.press('PageUp');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Step 2 of 10/);
    await presenter.getByRole('button', { name: 'Black screen' }).click();
    await page.getByRole('img', { name: 'Black screen' }).waitFor();
    await expect.poll(() => presenterStatus.textContent(), { timeout: 15_000 }).toMatch(/screen black$/);
    await presenter.getByRole('button', { name: 'End presentation' }).click();
    await page.getByRole('button', { name: 'Present' }).waitFor();
    await expect.poll(() => presenterStatus.textContent(), { timeout: 15_000 }).toMatch(/^Waiting for a presentation/);
    await presenter.close();
    expect(errors).toEqual([]);
  });
});
