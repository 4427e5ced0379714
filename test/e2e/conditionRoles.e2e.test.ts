import { describe, expect, it } from 'vitest';
import { appSession, chooseFiles, countPixels, openFromDialog } from './harness';
import { smallChorusFile } from '../helpers/smallDataset';

/**
 * A dataset whose first session is passive: conditions appear as [passive, task]. The split view, the
 * difference view and the legend must still find the task condition by its role, not by its position.
 * Task pairs share noise along f′ (redundant), passive pairs do not, so task − passive is positive:
 * orange links in the difference view. Reading the conditions by position would flip it to blue.
 */
const passiveFirst = smallChorusFile({ neurons: 5, trialsPerSide: 60, sessions: 2, passive: true, passiveFirst: true, taskSharedNoise: 12, seed: 7 });

const session = appSession(async (page) => {
  await chooseFiles(page, [{ name: 'passive-first.chorus.json', buffer: Buffer.from(JSON.stringify(passiveFirst)) }]);
  await openFromDialog(page);
  await page.getByRole('img', { name: '3D network of 5 neurons' }).waitFor();
});

const view = () => session.page.getByRole('combobox', { name: 'View', exact: true });

describe('a dataset whose first session is passive', () => {
  it('starts on the task condition', async () => {
    expect(passiveFirst.sessions[0]!.condition).toBe('passive');
    await expect.poll(() => session.page.getByRole('status', { name: 'Current frame' }).textContent()).toMatch(/· task$/);
  });

  it('split view: the task pane is the task condition and the passive pane the passive one', async () => {
    await view().selectOption('split');
    const panes = session.page.locator('[data-scene]');
    await expect.poll(() => panes.count()).toBe(2);
    expect(await panes.nth(0).getAttribute('aria-label')).toBe('Task: 3D network of 5 neurons');
    expect(await panes.nth(1).getAttribute('aria-label')).toBe('Passive: 3D network of 5 neurons');
    // Each pane carries its title on screen, and the Summary panel folds away from the task pane.
    await expect.poll(() => panes.nth(0).getByText('Task', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => panes.nth(1).getByText('Passive', { exact: true }).isVisible()).toBe(true);
    const summary = session.page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.getByRole('button', { expanded: false }).count()).toBe(1);
    // Width ∝ |R|: the redundant task pairs draw far more link pixels than the independent passive ones.
    await expect
      .poll(async () => {
        const [task, passive] = [await countPixels(session.page, 0), await countPixels(session.page, 1)];
        return task.link > 2 * passive.link && task.orange > 100;
      }, { timeout: 30_000 })
      .toBe(true);
  });

  it('difference view: task − passive, positive (orange) where task is more redundant, and the legend says so', async () => {
    await view().selectOption('difference');
    const legend = session.page.getByRole('complementary', { name: 'Legend' });
    await expect.poll(() => legend.textContent()).toContain('more redundant in task than passive');
    // The width is of the difference, on R's scale: the legend no longer says "∝ |R_ij|" alone.
    expect(await legend.getByLabel('Link width').textContent()).toMatch(/^Link width ∝ \|Rij\(task\) − Rij\(passive\)\|, on the same scale as Rij: widest = [\d.]+$/);
    await expect
      .poll(async () => {
        const { orange, blue } = await countPixels(session.page, 0);
        return orange > 100 && orange > 5 * blue;
      }, { timeout: 30_000 })
      .toBe(true);
    await view().selectOption('single');
    // Out of split, the Summary panel is as it was before (open).
    const summary = session.page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.getByRole('button', { expanded: true }).count()).toBe(1);
    expect(session.errors).toEqual([]);
  });
});
