import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession } from './harness';

/**
 * Issue 12's acceptance, as a speaker goes: build a 3-step story in the editor, save it, reload the
 * page, open it, Present; PageDown and PageUp move through it (caption and status line follow), B
 * blacks the screen, Esc leaves. A story of another dataset is refused with a message, and the editor
 * keeps what it had. By role and label.
 */
const session = appSession();
const page = (): Page => session.page;

async function addStep(caption: string): Promise<void> {
  const editor = page().getByRole('region', { name: 'Story editor' });
  await editor.getByRole('button', { name: 'Add step from current view' }).click();
  await editor.getByLabel('Caption').fill(caption);
}

/** Moves the workspace's frame with the playback keys (a clicked button leaves them to playback). */
async function stepFrames(count: number): Promise<void> {
  for (let k = 0; k < count; k++) await page().keyboard.press('ArrowRight');
}

describe('the story editor', () => {
  let saved = '';

  it('builds a 3-step story from views and saves it as a .chorus-story.json', async () => {
    await page().getByRole('button', { name: 'Story editor' }).click();
    const editor = page().getByRole('region', { name: 'Story editor' });
    await addStep('First **step**: day one');
    await editor.getByRole('button', { name: 'Add step from current view' }).focus();
    await stepFrames(5);
    await addStep('Second step, two days on');
    await page().getByLabel('Layout').selectOption('tuning');
    await addStep('Third step, by tuning');
    await editor.getByLabel('Title').fill('My first talk');
    const steps = editor.getByRole('list', { name: 'Story steps' }).getByRole('listitem');
    expect(await steps.count()).toBe(3);
    expect(await steps.nth(0).getByRole('button').first().textContent()).toBe('1. First step: day one');
    await expect.poll(() => editor.getByRole('status', { name: 'Story status' }).textContent(), { timeout: 15_000 }).toBe('3 steps · unsaved changes');

    // Reordering from the keyboard, and back.
    await editor.getByRole('button', { name: 'Move step 3 up' }).click();
    expect(await steps.nth(1).getByRole('button').first().textContent()).toBe('2. Third step, by tuning');
    await editor.getByRole('button', { name: 'Move step 2 down' }).click();
    expect(await steps.nth(2).getByRole('button').first().textContent()).toBe('3. Third step, by tuning');

    const [download] = await Promise.all([page().waitForEvent('download'), editor.getByRole('button', { name: 'Save story…' }).click()]);
    expect(download.suggestedFilename()).toBe('my-first-talk.chorus-story.json');
    saved = join(await mkdtemp(join(tmpdir(), 'chorus-story-')), download.suggestedFilename());
    await download.saveAs(saved);
    const story = JSON.parse(await readFile(saved, 'utf8'));
    expect(story).toMatchObject({ chorusStory: 1, title: 'My first talk', dataset: { kind: 'demo', name: 'Simulated V4 learning (seed 1)' } });
    expect(story.steps.map((s: { view: { position: number; layout: string } }) => [s.view.position, s.view.layout])).toEqual([
      [0, 'anatomical'],
      [5, 'anatomical'],
      [5, 'tuning'],
    ]);
    await expect.poll(() => editor.getByRole('status', { name: 'Story status' }).textContent(), { timeout: 15_000 }).toBe('3 steps · saved');
  });

  it('opens the saved story after a reload and presents it with the keys', async () => {
    await page().reload();
    await page().getByRole('status', { name: 'Current frame' }).waitFor({ timeout: 90_000 });
    await page().getByRole('button', { name: 'Story editor' }).click();
    const editor = page().getByRole('region', { name: 'Story editor' });
    const chooser = page().waitForEvent('filechooser');
    await editor.getByRole('button', { name: 'Open story…' }).click();
    await (await chooser).setFiles(saved);
    await expect.poll(() => editor.getByRole('list', { name: 'Story steps' }).getByRole('listitem').count(), { timeout: 15_000 }).toBe(3);
    expect(await editor.getByLabel('Title').inputValue()).toBe('My first talk');

    await page().getByRole('button', { name: 'Present' }).click();
    const status = page().getByRole('status', { name: 'Presentation status' });
    const caption = page().getByRole('region', { name: 'Presentation' }).getByLabel('Caption');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Step 1 of 3 · Session 1 of 10 · early stimulus · task');
    expect(await caption.innerText()).toBe('First step: day one');
    expect(await caption.locator('strong').textContent()).toBe('step');
    await page().keyboard.press('PageDown');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Step 2 of 3 · Session 2 of 10 · pre-decision · task');
    expect(await caption.innerText()).toBe('Second step, two days on');
    await page().keyboard.press('PageUp');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('Step 1 of 3 · Session 1 of 10 · early stimulus · task');
    expect(await caption.innerText()).toBe('First step: day one');
    await page().keyboard.press('b');
    await page().getByRole('img', { name: 'Black screen' }).waitFor();
    await page().keyboard.press('Escape');
    await page().getByRole('button', { name: 'Present' }).waitFor();
    expect(await status.count()).toBe(0);
  });

  it('refuses a story of another dataset, saying which, and keeps the one in the editor', async () => {
    const other = JSON.parse(await readFile(saved, 'utf8'));
    other.dataset.name = 'Simulated V4 learning (seed 2)';
    for (const step of other.steps) step.view.dataset = other.dataset.name;
    const path = saved.replace('.chorus-story.json', '-other.chorus-story.json');
    await writeFile(path, JSON.stringify(other));
    const editor = page().getByRole('region', { name: 'Story editor' });
    const chooser = page().waitForEvent('filechooser');
    await editor.getByRole('button', { name: 'Open story…' }).click();
    await (await chooser).setFiles(path);
    const notice = page().getByRole('alert', { name: /Could not open the story my-first-talk-other\.chorus-story\.json/ });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('this story is of the demo "Simulated V4 learning (seed 2)"; open it first (Load demo)');
    expect(await editor.getByLabel('Title').inputValue()).toBe('My first talk');
    expect(session.errors).toEqual([]);
  });
});
