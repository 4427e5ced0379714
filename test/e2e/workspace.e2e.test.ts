import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appSession } from './harness';

/** The exploration workspace on the demo: layouts, link filter, inspector, split view, stills, views. */
const session = appSession();

const status = () => session.page.getByRole('status', { name: 'Current frame' });
const linksShown = async () => Number(/^(\d+) of/.exec((await session.page.getByLabel('Links shown').textContent()) ?? '')?.[1]);

/** The main canvas's pixels, downsampled, to compare two states of the scene. */
async function sceneSnapshot(): Promise<number[]> {
  return session.page.evaluate(() => {
    const canvas = document.querySelector('[data-scene="main"] canvas') as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = 96;
    copy.height = 64;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0, 96, 64);
    return Array.from(context.getImageData(0, 0, 96, 64).data);
  });
}

/** The layout the main scene has finished moving to ('moving' during the LAYOUT_SECONDS blend; null before its first frame). */
const layoutShown = () => session.page.getByRole('img', { name: /3D network/ }).getAttribute('data-layout');

const changedFraction = (a: number[], b: number[]) => {
  let changed = 0;
  for (let k = 0; k < a.length; k += 4) if (Math.abs(a[k]! - b[k]!) + Math.abs(a[k + 1]! - b[k + 1]!) + Math.abs(a[k + 2]! - b[k + 2]!) > 60) changed++;
  return changed / (a.length / 4);
};

describe('exploration workspace (demo)', () => {
  it('switching the layout moves the nodes (animated), and switching back restores them', async () => {
    await expect.poll(layoutShown, { timeout: 30_000 }).toBe('anatomical');
    const before = await sceneSnapshot();
    await session.page.getByLabel('Layout').selectOption('functional');
    await expect.poll(layoutShown, { timeout: 30_000 }).toBe('functional');
    const functional = await sceneSnapshot();
    expect(changedFraction(before, functional)).toBeGreaterThan(0.02);
    await session.page.getByLabel('Layout').selectOption('tuning');
    await expect.poll(layoutShown, { timeout: 30_000 }).toBe('tuning');
    expect(changedFraction(functional, await sceneSnapshot())).toBeGreaterThan(0.02);
    await session.page.getByLabel('Layout').selectOption('anatomical');
    await expect.poll(layoutShown, { timeout: 30_000 }).toBe('anatomical');
    expect(changedFraction(before, await sceneSnapshot())).toBeLessThan(0.01);
  });

  it('the link filter changes the count in the legend: top-K, a threshold, and significant only', async () => {
    expect(await linksShown()).toBe(300);
    await session.page.getByLabel('Links per frame').fill('50');
    await expect.poll(linksShown).toBe(50);
    await session.page.getByRole('combobox', { name: 'Links', exact: true }).selectOption('threshold');
    const threshold = await linksShown();
    await session.page.getByLabel('Threshold |R|').fill('0');
    await expect.poll(linksShown).toBeGreaterThan(threshold);
    await session.page.getByRole('combobox', { name: 'Links', exact: true }).selectOption('significant');
    // Waits on the statistics pass (state, not time): minutes on a busy 2-core machine with software WebGL.
    await expect.poll(() => session.page.getByLabel('Links shown').textContent(), { timeout: 900_000 }).toMatch(/significant after FDR/);
    const significant = await linksShown();
    await session.page.getByRole('combobox', { name: 'Links', exact: true }).selectOption('top');
    await session.page.getByLabel('Links per frame').fill('5000');
    expect(significant).toBeLessThan(await linksShown());
    await session.page.getByLabel('Links per frame').fill('300');
  }, 930_000);

  it('selecting a neuron opens the inspector with its charts; clicking it in the scene selects it too', async () => {
    const inspector = session.page.getByRole('region', { name: 'Inspector' });
    const choice = session.page.getByLabel('Inspect neuron');
    // The first entry is the most task-relevant neuron.
    const first = (await choice.locator('option').nth(1).textContent())!.split(' — ')[0]!;
    await choice.selectOption({ index: 1 });
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toBe(`Neuron ${first}`);
    const information = inspector.getByRole('group', { name: `Information of ${first}` });
    expect(await information.getByRole('button').count()).toBe(20);
    expect(await inspector.getByRole('group', { name: `Mean response of ${first}` }).count()).toBe(1);
    expect(await inspector.getByRole('group', { name: `Choice probability of ${first}` }).count()).toBe(1);
    // Its name is drawn beside it; a click there picks it again after clearing.
    await expect.poll(() => session.page.locator('[data-scene="main"] .node-label.selected').allTextContents()).toEqual([first]);
    const box = (await session.page.locator('[data-scene="main"] .node-label.selected').boundingBox())!;
    await inspector.getByRole('button', { name: 'Clear selection' }).click();
    await session.page.mouse.click(box.x - 8, box.y + 8 + 2);
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toBe(`Neuron ${first}`);
    // A partner link opens the pair's charts.
    await inspector.getByRole('list').getByRole('button').first().click();
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Pair /);
    expect(await inspector.getByRole('group', { name: /^Noise correlation of / }).count()).toBe(1);
  });

  it('hovering a neuron names it; moving away takes the name off', async () => {
    const choice = session.page.getByLabel('Inspect neuron');
    const count = await choice.locator('option').count();
    // A weakly relevant neuron (not among the few always labelled) that no panel covers.
    let last = '';
    let box = { x: 0, y: 0 };
    for (let k = count - 1; k > count - 20; k--) {
      last = (await choice.locator('option').nth(k).textContent())!.split(' — ')[0]!;
      await choice.selectOption({ index: k });
      // The label of this neuron (the previous selection's labels go on the next animation frame).
      const label = session.page.locator('[data-scene="main"] .node-label.selected').filter({ hasText: new RegExp(`^${last}$`) });
      await expect.poll(() => session.page.locator('[data-scene="main"] .node-label.selected').allTextContents()).toEqual([last]);
      box = (await label.boundingBox())!;
      const onCanvas = await session.page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName === 'CANVAS', [box.x - 8, box.y + 10]);
      if (onCanvas) break;
    }
    await session.page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Clear selection' }).click();
    const names = () => session.page.locator('[data-scene="main"] .node-label:not([hidden])').allTextContents();
    await expect.poll(names).not.toContain(last);
    await session.page.mouse.move(box.x - 8, box.y + 8 + 2);
    await expect.poll(names).toContain(last);
    await session.page.mouse.move(box.x + 300, box.y - 200);
    await expect.poll(names).not.toContain(last);
  });

  it('split view shows task and passive in two canvases that share one camera', async () => {
    await session.page.getByRole('combobox', { name: 'View', exact: true }).selectOption('split');
    const task = session.page.getByRole('img', { name: /^Task: 3D network/ });
    const passive = session.page.getByRole('img', { name: /^Passive: 3D network/ });
    await expect.poll(() => session.page.locator('[data-scene] canvas').count()).toBe(2);
    const box = (await task.boundingBox())!;
    // Right of the summary panel, which floats over the task scene's left side.
    const [x, y] = [box.x + box.width * 0.8, box.y + box.height / 2];
    await session.page.mouse.move(x, y);
    await session.page.mouse.down();
    await session.page.mouse.move(x - 100, y + 30, { steps: 8 });
    await session.page.mouse.up();
    // The drag's damping tail moves both scenes for a while (many frames under software WebGL), the passive
    // one a frame behind: compare them once neither moves over two rendered frames.
    const cameras = async () => [await task.getAttribute('data-camera'), await passive.getAttribute('data-camera')];
    const camerasAtRest = async () => {
      const before = await cameras();
      await session.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const after = await cameras();
      return JSON.stringify(before) === JSON.stringify(after) ? 'at rest' : `moving: ${after.join(' / ')}`;
    };
    await expect.poll(camerasAtRest, { timeout: 60_000 }).toBe('at rest');
    const cameraOf = async (scene: typeof task) => JSON.parse((await scene.getAttribute('data-camera'))!);
    const [a, b] = [await cameraOf(task), await cameraOf(passive)];
    expect(a.position).not.toEqual([0, 1.05, 1.75]);
    expect(b).toEqual(a);
    await session.page.getByRole('combobox', { name: 'View', exact: true }).selectOption('single');
  });

  it('"Save image" writes a PNG of the chosen multiple of the window size', async () => {
    // The statistics pass done first: its results re-lay the page out (the scene's height moved by 94 px
    // when they landed between measuring the scene and saving it, in a CI run beside another npm test).
    // That was not always enough: the scene is measured once its size has held for half a second, and the
    // image must be 3× the scene as it was when saved — measured just before the click or, should a late
    // re-layout land while the tiles render, just after the download.
    await session.page.getByLabel('Tests', { exact: true }).waitFor({ timeout: 300_000 });
    const scene = session.page.getByRole('img', { name: /3D network/ });
    const sceneSize = async () => {
      const { width, height } = (await scene.boundingBox())!;
      return { width, height };
    };
    const steadySize = async () => {
      const before = await sceneSize();
      await session.page.waitForTimeout(500);
      return JSON.stringify(before) === JSON.stringify(await sceneSize()) ? 'steady' : 'moving';
    };
    await expect.poll(steadySize, { timeout: 60_000 }).toBe('steady');
    await session.page.getByLabel('Image size').selectOption('3');
    const atClick = await sceneSize();
    // Tiles render with the page running between them: minutes on a busy machine with software WebGL.
    const download = session.page.waitForEvent('download', { timeout: 600_000 });
    await session.page.getByRole('button', { name: 'Save image' }).click();
    const file = await (await download).path();
    const afterSave = await sceneSize();
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const imageSize = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    const threeTimes = (size: { width: number; height: number }) => Math.abs(imageSize.width - size.width * 3) <= 3 && Math.abs(imageSize.height - size.height * 3) <= 3;
    expect(threeTimes(atClick) || threeTimes(afterSave), `image ${JSON.stringify(imageSize)}, scene at the click ${JSON.stringify(atClick)}, after ${JSON.stringify(afterSave)}`).toBe(true);
  }, 630_000);

  it('a saved view reopens to the same frame, layout and selection; the URL carries it too', async () => {
    await session.page.getByLabel('Layout').selectOption('functional');
    await session.page.getByRole('slider', { name: 'Session' }).fill('4');
    await session.page.getByLabel('Inspect neuron').selectOption({ index: 2 });
    const selected = await session.page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 3 }).textContent();
    await expect.poll(() => status().textContent()).toMatch(/^Session 4 of 10/);
    const download = session.page.waitForEvent('download');
    await session.page.getByRole('button', { name: 'Save view' }).click();
    const saved = await (await download).path();
    // The URL follows the view (debounced): it names the same session and neuron.
    const viewInUrl = () => JSON.parse(decodeURIComponent(/#view=(.*)$/.exec(session.page.url())?.[1] ?? '{}')) as { position?: number; selection?: { id: string } };
    await expect.poll(() => viewInUrl().position).toBe(9);
    expect(`Neuron ${viewInUrl().selection?.id}`).toBe(selected);
    const url = session.page.url();
    await session.page.getByRole('slider', { name: 'Session' }).fill('9');
    await session.page.getByLabel('Layout').selectOption('anatomical');
    await session.page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Clear selection' }).click();
    const chooser = session.page.waitForEvent('filechooser');
    await session.page.getByRole('button', { name: 'Open view…' }).click();
    await (await chooser).setFiles(saved);
    await expect.poll(() => status().textContent()).toMatch(/^Session 4 of 10/);
    expect(await session.page.getByLabel('Layout').inputValue()).toBe('functional');
    expect(await session.page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 3 }).textContent()).toBe(selected);

    // The same view from the URL, in a fresh session.page.
    const other = await session.page.context().browser()!.newPage({ viewport: { width: 1100, height: 760 } });
    await other.goto(url);
    await expect.poll(() => other.getByRole('status', { name: 'Current frame' }).textContent(), { timeout: 60_000 }).toMatch(/^Session 4 of 10/);
    expect(await other.getByRole('region', { name: 'Inspector' }).getByRole('heading', { level: 3 }).textContent()).toBe(selected);
    await other.close();
  });

  it('the light theme recolours the page and the scene; no console session.errors on the way', async () => {
    await session.page.getByLabel('Theme').selectOption('light');
    await expect.poll(() => session.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(246, 248, 250)');
    await session.page.getByLabel('Theme').selectOption('dark');
    expect(session.errors).toEqual([]);
  });
});

describe('a first walk-through, using only the on-screen labels', () => {
  it('play, pause, pick the most task-relevant neuron, see its links strengthen in task but not passive, save a 4K still', async () => {
    const start = await status().textContent();
    await session.page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => status().textContent(), { timeout: 20_000 }).not.toBe(start);
    await session.page.getByRole('button', { name: 'Pause' }).click();
    const inspect = session.page.getByLabel('Inspect neuron');
    await inspect.selectOption({ index: 1 });
    const inspector = session.page.getByRole('region', { name: 'Inspector' });
    await session.page.getByLabel('Epoch').selectOption({ label: 'pre-decision' });
    /** Sum of |R| over the neuron's five strongest partners at a session of a condition. */
    const partnerStrength = async (condition: 'Task' | 'Passive', day: number) => {
      await session.page.getByRole('radio', { name: condition }).check();
      await session.page.getByRole('slider', { name: 'Session' }).fill(String(day));
      await expect.poll(() => status().textContent()).toMatch(new RegExp(`^Session ${day} of 10 · pre-decision · ${condition.toLowerCase()}`));
      const texts = await inspector.getByRole('list').getByRole('button').allTextContents();
      return texts.reduce((sum, text) => sum + Math.abs(Number(/R = (-?[\d.]+)/.exec(text)?.[1] ?? 0)), 0);
    };
    const [taskFirst, taskLast] = [await partnerStrength('Task', 1), await partnerStrength('Task', 10)];
    const [passiveFirst, passiveLast] = [await partnerStrength('Passive', 1), await partnerStrength('Passive', 10)];
    expect(taskLast).toBeGreaterThan(1.5 * taskFirst);
    expect(taskLast / taskFirst).toBeGreaterThan(passiveLast / Math.max(passiveFirst, 1e-9));
    await session.page.getByRole('radio', { name: 'Task' }).check();
    await session.page.getByLabel('Image size').selectOption('4');
    // Tiles render with the page running between them: minutes on a busy machine with software WebGL.
    const download = session.page.waitForEvent('download', { timeout: 600_000 });
    await session.page.getByRole('button', { name: 'Save image' }).click();
    const png = readFileSync(await (await download).path());
    // 4× the scene: 4K wide (≥ 3840 pixels) from this 1100-pixel window.
    const scene = (await session.page.getByRole('img', { name: /3D network/ }).boundingBox())!;
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(3840);
    expect(Math.abs(png.readUInt32BE(20) - 4 * scene.height)).toBeLessThanOrEqual(4);
  }, 630_000);
});
