import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../renderer/scene/SceneBoundary';

describe('a failed scene is made again', () => {
  it('after 0.5 s, then twice as long each time, never more than 16 s apart', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 16_000, 16_000]);
    expect(retryDelayMs(0)).toBe(500);
  });
});
