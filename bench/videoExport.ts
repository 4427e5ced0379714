/**
 * Video export speed (issue 12): `chorus render` of part of the demo story — day 1, then the sessions
 * playing — at 1920×1080 and 30 fps as H.264, frame by frame in headless Chromium with the app's own
 * code. Prints frames per second here (software GL on this machine) and the ratio to real time (the
 * peer: a video plays at its frame rate). Built and run by scripts/bench.mjs; `--size WxH` and `--fps N`
 * change the workload.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCommand } from '../node/cliRender';
import { DEMO_TIMELINE_FILE } from '../shared/network/shippedDemo';
import { decodeTimelineFile } from '../shared/network/timelineFile';
import { demoStory } from '../shared/story/demoStory';
import { storyVideoPlan, timelineShape } from '../shared/story/storyClock';
import { storyFileText } from '../shared/story/storyFile';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = join(root, 'dist', 'renderer');
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const size = flag('--size', '1920x1080');
const fps = Number(flag('--fps', '30'));

const bytes = readFileSync(join(rendererDir, DEMO_TIMELINE_FILE));
const { timeline } = decodeTimelineFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const full = demoStory(timeline);
// Day 1, then the ten sessions playing with the camera on its arc: what most of a talk's video is.
const story = { ...full, title: 'Video export benchmark', steps: full.steps.slice(2, 4).map((step) => ({ ...step, advanceAfterSeconds: 1 })) };
const storyPath = join(out, 'video-bench.chorus-story.json');
writeFileSync(storyPath, storyFileText(story));
const frames = storyVideoPlan(story, timelineShape(timeline), fps).frames;

const started = performance.now();
let stderr = '';
const code = await renderCommand([storyPath, '--out', join(out, 'video-bench.mp4'), '--size', size, '--fps', String(fps)], { stderr: (text) => void (stderr += text), rendererDir });
const seconds = (performance.now() - started) / 1000;
if (code !== 0) {
  console.error(`video export benchmark failed: ${stderr}`);
  process.exit(1);
}
const rate = frames / seconds;
console.log(`\nVideo export (chorus render, H.264 ${size} at ${fps} fps, ${frames} frames = ${(frames / fps).toFixed(1)} s of video; headless Chromium, software GL)`);
console.log(`  ${seconds.toFixed(1)} s including the browser's start: ${rate.toFixed(2)} frames/s here; ${(rate / fps).toFixed(3)}× real time (a video plays at ${fps} frames/s), ${(seconds / (frames / fps)).toFixed(1)} s per second of video`);
