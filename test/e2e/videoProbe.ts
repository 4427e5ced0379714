import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Debian's ffmpeg (installed by .ci/run) reads back what Chorus writes: a video's stream as ffprobe
 * sees it, and single frames decoded to RGB, so the tests check the file a player gets.
 */
export function hasFfmpeg(): boolean {
  return spawnSync('ffprobe', ['-version']).status === 0 && spawnSync('ffmpeg', ['-version']).status === 0;
}

export interface ProbedVideo {
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Frames counted by decoding the stream (not the container's claim). */
  readonly frames: number;
  readonly format: string;
}

export function probeVideo(path: string): ProbedVideo {
  const text = execFileSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=codec_name,width,height,r_frame_rate,nb_read_frames:format=format_name', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  const json = JSON.parse(text) as { streams: { codec_name: string; width: number; height: number; r_frame_rate: string; nb_read_frames: string }[]; format: { format_name: string } };
  const stream = json.streams[0]!;
  const [num, den] = stream.r_frame_rate.split('/').map(Number) as [number, number];
  return { codec: stream.codec_name, width: stream.width, height: stream.height, fps: num / den, frames: Number(stream.nb_read_frames), format: json.format.format_name };
}

/** Frame `index` (0-based) decoded to RGB, rows top-down. */
export function decodeFrame(path: string, index: number, width: number, height: number): Uint8Array {
  const out = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${index})`, '-vsync', '0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: width * height * 3 + 1024 });
  if (out.length !== width * height * 3) throw new Error(`frame ${index} of ${path}: ${out.length} bytes, expected ${width * height * 3}`);
  return new Uint8Array(out);
}

/** One MD5 per decoded frame (ffmpeg's framemd5): equal lists are equal pictures. */
export function frameDigests(path: string): string[] {
  const text = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'framemd5', '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(',').pop()!.trim());
}

/** Mean absolute difference of two RGB frames, per channel (0–255). */
export function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += Math.abs(a[k]! - b[k]!);
  return sum / a.length;
}

/** Pixels in a rectangle brighter than `level` in every channel: light text on the dark caption band. */
export function brightPixels(rgb: Uint8Array, width: number, rect: { x: number; y: number; width: number; height: number }, level = 200): number {
  let count = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const k = 3 * (y * width + x);
      if (rgb[k]! > level && rgb[k + 1]! > level && rgb[k + 2]! > level) count++;
    }
  }
  return count;
}
