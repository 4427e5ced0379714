import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCommand } from '../../node/cliRender';
import { decodeTimelineFile } from '../../shared/network/timelineFile';
import { DEMO_TIMELINE_FILE } from '../../shared/network/shippedDemo';
import { demoStory } from '../../shared/story/demoStory';
import { storyVideoPlan, timelineShape } from '../../shared/story/storyClock';
import { videoTextScale } from '../../shared/video/videoSettings';
import { captionBand } from '../../renderer/video/videoOverlay';
import { brightPixels, decodeFrame, hasFfmpeg, meanDifference, probeVideo } from './videoProbe';

/**
 * Issue 12, item 7: `chorus render` writes the demo story as a video headless (the built app in Debian's
 * Chromium), read back by Debian's ffmpeg as a player would: codec, size, rate, the frame count the
 * story's plan gives, and pictures that change and carry their captions.
 */
const rendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'chorus-render-'));
const ffmpeg = hasFfmpeg();
if (!ffmpeg) console.log('render e2e: skipped the ffprobe checks: ffmpeg is not installed (apt-get install ffmpeg)');

async function render(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await renderCommand(args, { stderr: (text) => void (stderr += text), rendererDir });
  return { code, stderr };
}

/** The demo story's frame count at `fps`, from its plan (the shipped demo timeline the app shows). */
function demoFrames(fps: number): number {
  const bytes = readFileSync(join(rendererDir, DEMO_TIMELINE_FILE));
  const { timeline } = decodeTimelineFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return storyVideoPlan(demoStory(timeline), timelineShape(timeline), fps).frames;
}

function checkVideo(path: string, codec: string): void {
  const video = probeVideo(path);
  expect(video).toMatchObject({ codec, width: 640, height: 360, fps: 10, frames: demoFrames(10) });
  const first = decodeFrame(path, 0, 640, 360);
  const last = decodeFrame(path, video.frames - 1, 640, 360);
  // Day 1 (single view) against the closing difference view: other links, other caption.
  expect(meanDifference(first, last)).toBeGreaterThan(2);
  // Each frame's caption band holds light text (three rows or fewer at this width).
  for (const frame of [first, last]) {
    const band = captionBand(640, 360, videoTextScale(360), 3);
    expect(brightPixels(frame, 640, { x: band.x, y: band.y, width: band.width, height: band.height })).toBeGreaterThan(150);
  }
}

describe('chorus render', () => {
  it('--demo-story to MP4: H.264, 640×360, 10 fps, the plan’s frame count; first and last frames differ and carry captions', { timeout: 600_000 }, async () => {
    const out = join(work, 'demo.mp4');
    const { code, stderr } = await render(['--demo-story', '--out', out, '--size', '640x360', '--fps', '10']);
    expect(stderr).toMatch(/wrote .*demo\.mp4: \d+ frames, 640×360 at 10 fps/);
    expect(code).toBe(0);
    expect(readFileSync(out).subarray(4, 8).toString('latin1')).toBe('ftyp');
    if (ffmpeg) checkVideo(out, 'h264');
  });

  it('--demo-story to WebM: VP9, likewise', { timeout: 600_000 }, async () => {
    const out = join(work, 'demo.webm');
    const { code, stderr } = await render(['--demo-story', '--out', out, '--size', '640x360', '--fps', '10', '--progress']);
    expect(code).toBe(0);
    // --progress: frames done of all with the time left, on one line rewritten in place.
    expect(stderr).toMatch(/\rframe \d+ of \d+ \(\d+%\), .* left/);
    expect([...readFileSync(out).subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML (Matroska/WebM)
    if (ffmpeg) checkVideo(out, 'vp9');
  });

  it('--still writes one step as a PNG at --scale × the scene; a step past the end is refused with the story’s length', { timeout: 300_000 }, async () => {
    const out = join(work, 'step.png');
    const { code, stderr } = await render(['--demo-story', '--still', '3', '--scale', '2', '--size', '960x540', '--out', out]);
    expect(stderr).toMatch(/wrote .*step\.png: step 3 at 2× a 960×540 window/);
    expect(code).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // The scene fills the window (the panels hidden, as in a presentation); the still is twice its size.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);

    const refused = await render(['--demo-story', '--still', '99', '--out', join(work, 'none.png')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--still 99: the story has 10 steps \(1 to 10\)/);
  });
});
