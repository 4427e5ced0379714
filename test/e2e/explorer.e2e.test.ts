import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession, countPixels } from './harness';

/** The hypothesis explorer: two models of learning, live, by role and label. */
const session = appSession();

const explorer = () => session.page.getByRole('region', { name: 'Hypothesis explorer' });
const status = () => explorer().getByRole('status', { name: 'Explorer status' });

/** Waits for the update a change started: the status names its time once the model's network is on screen. */
async function settled(page: Page, before: string | null): Promise<string> {
  await expect.poll(async () => {
    const text = (await status().textContent()) ?? '';
    return /Simulated and analysed in \d+ ms/.test(text) && text !== before && (await page.getByRole('progressbar', { name: 'Analysis progress' }).count()) === 0;
  }, { timeout: 60_000 }).toBe(true);
  return (await status().textContent())!;
}

/** The chart's last task session of one model: its redundancy and noise correlation, from its label. */
async function lastTaskPoint(model: 'Feedback' | 'Decorrelation'): Promise<{ correlation: number; redundancy: number; session: number }[]> {
  const labels = await explorer().getByRole('group', { name: 'Correlation vs redundancy (explorer)' }).getByRole('listitem').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
  return labels
    .map((label) => new RegExp(`^${model}, task session (\\d+): noise correlation (-?[\\d.]+), redundancy (-?[\\d.]+)$`).exec(label))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ session: Number(m[1]), correlation: Number(m[2]), redundancy: Number(m[3]) }))
    .sort((a, b) => a.session - b.session);
}

describe('hypothesis explorer', () => {
  it('the feedback slider from 0 to its maximum raises the last session’s redundancy and changes the network', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Explore hypotheses' }).click();
    let text = await settled(page, null);
    // The demo that was on screen stays on the chart, on the same axes as the model.
    const chart = explorer().getByRole('group', { name: 'Correlation vs redundancy (explorer)' });
    expect(await chart.getByRole('listitem', { name: /^Data \(Simulated V4 learning \(seed 1\)\), task session 10:/ }).count()).toBe(1);
    const feedback = explorer().getByRole('slider', { name: /^Feedback strength \(ε\)/ });
    await feedback.fill('0');
    text = await settled(page, text);
    const [low, lowPixels] = [(await lastTaskPoint('Feedback')).at(-1)!, await countPixels(page)];
    await feedback.fill('6');
    await settled(page, text);
    const high = (await lastTaskPoint('Feedback')).at(-1)!;
    expect(high.redundancy).toBeGreaterThan(low.redundancy);
    // The network shows the last task session: its links (redundant orange, synergistic blue) change.
    await expect.poll(async () => {
      const now = await countPixels(page);
      return Math.abs(now.orange - lowPixels.orange) + Math.abs(now.blue - lowPixels.blue);
    }, { timeout: 20_000 }).toBeGreaterThan(50);
    expect(await page.getByRole('status', { name: 'Current frame' }).textContent()).toMatch(/^Session 8 of 8 · stimulus · task$/);
  }, 180_000);

  it('the efficient-coding model’s mean noise correlation falls across sessions; both models side by side', async () => {
    const { page } = session;
    const before = await status().textContent();
    await explorer().getByRole('radio', { name: 'Efficient coding (decorrelation)' }).check();
    const text = await settled(page, before);
    const points = await lastTaskPoint('Decorrelation');
    expect(points).toHaveLength(8);
    expect(points.at(-1)!.correlation).toBeLessThan(points[0]!.correlation - 0.03);
    expect(await status().textContent()).toMatch(/correlation is not redundancy/);
    await explorer().getByRole('checkbox', { name: 'Both side by side on the chart' }).check();
    await settled(page, text);
    await expect.poll(async () => (await lastTaskPoint('Feedback')).length, { timeout: 30_000 }).toBe(8);
    expect(await lastTaskPoint('Decorrelation')).toHaveLength(8);
    // "Open as dataset" keeps the model as the workspace's dataset; the Summary panel offers the same chart.
    await explorer().getByRole('button', { name: 'Open as dataset' }).click();
    expect(await explorer().count()).toBe(0);
    expect(await page.getByLabel('Current dataset', { exact: true }).textContent()).toMatch(/^Hypothesis: efficient coding/);
    expect(await page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Correlation vs redundancy' }).count()).toBe(1);
    expect(session.errors).toEqual([]);
  }, 180_000);

  it('?explore=simple is the kiosk-ready form: two big toggles and one slider', async () => {
    const context = await session.page.context().browser()!.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    await page.goto(`${new URL(session.page.url()).origin}/?explore=simple`);
    const simple = page.getByRole('region', { name: 'Hypothesis explorer' });
    await expect.poll(() => simple.getByRole('status', { name: 'Explorer status' }).textContent(), { timeout: 60_000 }).toMatch(/Simulated and analysed in/);
    expect(await simple.getByRole('button', { name: 'Brain with feedback' }).getAttribute('aria-pressed')).toBe('true');
    await simple.getByRole('button', { name: 'Brain that decorrelates' }).click();
    await expect.poll(() => simple.getByRole('button', { name: 'Brain that decorrelates' }).getAttribute('aria-pressed')).toBe('true');
    expect(await simple.getByRole('slider').count()).toBe(1);
    await context.close();
  }, 120_000);
});
