import { describe, expect, it } from 'vitest';
import { isPresenterUrl, presenterBounds } from '../../../electron/presenterWindow';

describe('the presenter window', () => {
  it('opens only for the app page with ?presenter', () => {
    expect(isPresenterUrl('chorus://app/index.html?presenter')).toBe(true);
    expect(isPresenterUrl('chorus://app/?presenter')).toBe(true);
    expect(isPresenterUrl('chorus://app/index.html')).toBe(false);
    expect(isPresenterUrl('chorus://app/assets/x.js?presenter')).toBe(false);
    expect(isPresenterUrl('https://example.org/?presenter')).toBe(false);
    expect(isPresenterUrl('chorus://evil/index.html?presenter')).toBe(false);
  });

  it('fills the other display, or sits in the middle of the only one', () => {
    const laptop = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
    const projector = { id: 2, workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };
    expect(presenterBounds([laptop, projector], 2)).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
    expect(presenterBounds([laptop, projector], 1)).toEqual({ x: 1440, y: 0, width: 1920, height: 1080 });
    expect(presenterBounds([laptop], 1)).toEqual({ x: 240, y: 143, width: 960, height: 640 });
    expect(presenterBounds([{ id: 3, workArea: { x: 0, y: 0, width: 800, height: 600 } }], 3)).toEqual({ x: 0, y: 0, width: 800, height: 600 });
  });
});
