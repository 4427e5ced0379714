import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetFileProblem, findChromium, parseRenderArgs, progressLine, renderCommand } from '../../../node/cliRender';
import type { Story } from '../../../shared/story/storyFile';

describe('chorus render arguments', () => {
  it('a video: the story or the demo story, --out with its format, size and rate defaults', () => {
    expect(parseRenderArgs(['--demo-story', '--out', 'talk.mp4'])).toEqual({
      story: null,
      dataset: null,
      out: 'talk.mp4',
      size: { width: 1920, height: 1080 },
      fps: 30,
      format: 'mp4',
      still: null,
      scale: 1,
      progress: false,
    });
    expect(parseRenderArgs(['my.chorus-story.json', '--dataset', 'd.nwb', '--out', 'x.webm', '--size', '640x360', '--fps', '10', '--progress'])).toMatchObject({
      story: 'my.chorus-story.json',
      dataset: 'd.nwb',
      format: 'webm',
      size: { width: 640, height: 360 },
      fps: 10,
      progress: true,
    });
  });

  it('a still: --still STEP, --scale (default 2) and a .png', () => {
    expect(parseRenderArgs(['--demo-story', '--still', '4', '--out', 'fig.png', '--scale', '4'])).toMatchObject({ still: 4, scale: 4, format: null, size: { width: 1280, height: 720 } });
    expect(parseRenderArgs(['--demo-story', '--still', '1', '--out', 'fig.PNG'])).toMatchObject({ still: 1, scale: 2 });
  });

  it.each([
    [['--out', 'a.mp4'], /which story\?/],
    [['s.json', '--demo-story', '--out', 'a.mp4'], /not both/],
    [['a.json', 'b.json', '--out', 'a.mp4'], /one story at a time/],
    [['--demo-story'], /--out FILE is required/],
    [['--demo-story', '--out', 'a.mov'], /\.mp4 \(H\.264\) or \.webm/],
    [['--demo-story', '--out', 'a.mp4', '--size', '641x360'], /--size: .*even/],
    [['--demo-story', '--out', 'a.mp4', '--fps', '0'], /--fps: /],
    [['--demo-story', '--out', 'a.mp4', '--scale', '2'], /--scale is for --still/],
    [['--demo-story', '--still', '0', '--out', 'a.png'], /--still needs a step number from 1/],
    [['--demo-story', '--still', '2', '--out', 'a.jpg'], /written as \.png/],
    [['--demo-story', '--still', '2', '--out', 'a.png', '--scale', '5'], /--scale needs a whole number from 1 to 4/],
    [['--demo-story', '--still', '2', '--out', 'a.png', '--fps', '30'], /--fps is for videos/],
    [['--demo-story', '--dataset', 'x.nwb', '--out', 'a.mp4'], /leave out --dataset/],
    [['--demo-story', '--out', 'a.mp4', '--sise', '1x1'], /Unknown option '--sise'/],
  ])('refuses %j, naming what is wrong', (argv, message) => {
    expect(() => parseRenderArgs(argv)).toThrow(message);
  });

  it('exits 2 with one line and the usage for bad arguments, before any browser starts', async () => {
    let stderr = '';
    const code = await renderCommand(['--demo-story'], { stderr: (t) => void (stderr += t), rendererDir: '/nonexistent' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^chorus render: --out FILE is required.*\nUsage:\n {2}chorus render/s);
  });

  it('exits 2 naming the story file that is missing or not a story', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-render-args-'));
    const bad = join(dir, 'bad.chorus-story.json');
    writeFileSync(bad, '{"chorusStory": 7}');
    for (const [path, message] of [
      [join(dir, 'missing.json'), /story .*missing\.json: no such file/],
      [bad, /bad\.chorus-story\.json: .*chorusStory/],
    ] as const) {
      let stderr = '';
      expect(await renderCommand([path, '--out', join(dir, 'a.mp4')], { stderr: (t) => void (stderr += t), rendererDir: dir })).toBe(2);
      expect(stderr).toMatch(message);
    }
  });
});

describe('chorus render: the story’s dataset', () => {
  const files: Story['dataset'] = { kind: 'files', name: 'V4 rec', files: [{ name: 'rec.nwb', bytes: 100, sha256: 'a'.repeat(64) }] };
  const story = (dataset: Story['dataset']) => ({ chorusStory: 1, title: 't', dataset, steps: [] }) as unknown as Story;
  const file = { name: 'rec.nwb', bytes: 100, sha256: 'a'.repeat(64) };

  it('takes the file the story names, by name, size and SHA-256', () => {
    expect(datasetFileProblem(story(files), file)).toBeNull();
  });

  it('says what differs otherwise', () => {
    expect(datasetFileProblem(story(files), null)).toMatch(/of rec\.nwb \("V4 rec"\); give it with --dataset FILE/);
    expect(datasetFileProblem(story(files), { ...file, name: 'other.nwb' })).toMatch(/story is of rec\.nwb; --dataset is other\.nwb/);
    expect(datasetFileProblem(story(files), { ...file, bytes: 99 })).toMatch(/99 bytes; the story's is 100: another version/);
    expect(datasetFileProblem(story(files), { ...file, sha256: 'b'.repeat(64) })).toMatch(/other contents .*bbbbbbbbbbbb… where the story has aaaaaaaaaaaa…/);
    expect(datasetFileProblem(story({ kind: 'demo', name: 'demo' }), file)).toMatch(/demo dataset "demo"; leave out --dataset/);
    expect(datasetFileProblem(story({ kind: 'demo', name: 'demo' }), null)).toBeNull();
  });
});

describe('chorus render: its surroundings', () => {
  it('says in one line what is missing: the built app, then a browser', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-render-env-'));
    let stderr = '';
    const io = { stderr: (t: string) => void (stderr += t), rendererDir: dir, findBrowser: () => null };
    expect(await renderCommand(['--demo-story', '--out', join(dir, 'a.mp4')], io)).toBe(2);
    expect(stderr).toBe(`chorus render: the app is not built (${dir} has no index.html): run \`npm run build\`\n`);
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    stderr = '';
    expect(await renderCommand(['--demo-story', '--out', join(dir, 'a.mp4')], io)).toBe(2);
    expect(stderr).toBe('chorus render: no Chromium or Chrome was found for rendering: install one (Debian: apt-get install chromium) or set CHORUS_CHROMIUM=/path/to/chrome\n');
    stderr = '';
    const out = join(dir, 'no-such-folder', 'a.mp4');
    expect(await renderCommand(['--demo-story', '--out', out], { ...io, findBrowser: () => '/bin/true' })).toBe(2);
    expect(stderr).toBe(`chorus render: --out ${out}: cannot be written (no such folder)\n`);
  });

  it('finds the browser named by CHORUS_CHROMIUM first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chorus-chrome-'));
    const fake = join(dir, 'chrome');
    writeFileSync(fake, '');
    expect(findChromium({ CHORUS_CHROMIUM: fake })).toBe(fake);
  });

  it('says progress as done of all with the time left', () => {
    expect(progressLine('frame', 50, 200, 10)).toBe('frame 50 of 200 (25%), 30 s left');
    expect(progressLine('frame', 0, 200, 0)).toBe('frame 0 of 200 (0%), … left');
  });
});
