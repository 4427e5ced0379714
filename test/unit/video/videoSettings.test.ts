import { describe, expect, it } from 'vitest';
import { formatDuration, formatOfFileName, otherFormat, parseFrameRate, parseVideoSize, videoSizeProblem, videoTextScale } from '../../../shared/video/videoSettings';

describe('video settings', () => {
  it('reads WIDTHxHEIGHT (x or ×), portrait too, up to 3840 × 2160', () => {
    expect(parseVideoSize('1920x1080')).toEqual({ width: 1920, height: 1080 });
    expect(parseVideoSize(' 640 × 360 ')).toEqual({ width: 640, height: 360 });
    expect(parseVideoSize('1080x1920')).toEqual({ width: 1080, height: 1920 });
    expect(parseVideoSize('3840x2160')).toEqual({ width: 3840, height: 2160 });
  });

  it('refuses sizes the codecs cannot take, saying why', () => {
    expect(() => parseVideoSize('1920')).toThrow(/WIDTHxHEIGHT/);
    expect(() => parseVideoSize('641x360')).toThrow(/must be even/);
    expect(() => parseVideoSize('4096x2160')).toThrow(/at most 3840 × 2160/);
    expect(() => parseVideoSize('32x32')).toThrow(/at least 64/);
    expect(videoSizeProblem({ width: 1280.5, height: 720 })).toMatch(/whole pixels/);
    expect(videoSizeProblem({ width: 1280, height: 720 })).toBeNull();
  });

  it('reads frame rates from 1 to 60 and formats by extension', () => {
    expect(parseFrameRate('30')).toBe(30);
    expect(() => parseFrameRate('0')).toThrow(/from 1 to 60/);
    expect(() => parseFrameRate('29.97')).toThrow(/whole number/);
    expect(() => parseFrameRate('120')).toThrow(/from 1 to 60/);
    expect(formatOfFileName('talk.MP4')).toBe('mp4');
    expect(formatOfFileName('talk.webm')).toBe('webm');
    expect(formatOfFileName('talk.mov')).toBeNull();
    expect(otherFormat('mp4')).toBe('webm');
    expect(otherFormat('webm')).toBe('mp4');
  });

  it('scales text with the video height, legible at 360p', () => {
    expect(videoTextScale(360)).toBe(0.6);
    expect(videoTextScale(1080)).toBeCloseTo(1.2);
    expect(videoTextScale(2160)).toBeCloseTo(2.4);
  });

  it('says durations in seconds, then minutes and seconds', () => {
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(65)).toBe('1 min 05 s');
    expect(formatDuration(Number.NaN)).toBe('…');
    expect(formatDuration(-1)).toBe('…');
  });
});
