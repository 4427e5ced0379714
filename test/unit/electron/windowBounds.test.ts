import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, restoredBounds } from '../../../electron/windowBounds';

const laptop = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };

describe('main window bounds across starts', () => {
  it('reopens where it was closed, maximized if it was', () => {
    expect(restoredBounds({ x: 1600, y: 100, width: 1800, height: 1100, maximized: true }, [laptop, monitor])).toEqual({ x: 1600, y: 100, width: 1800, height: 1100, maximized: true });
  });

  it('a window left on a monitor since unplugged opens on screen, at its size', () => {
    expect(restoredBounds({ x: 1600, y: 100, width: 1800, height: 1100, maximized: false }, [laptop])).toEqual({ width: 1800, height: 1100, maximized: false });
  });

  it('a title bar above the screen or barely on it does not count as visible', () => {
    expect(restoredBounds({ x: 100, y: -600, width: 1200, height: 800, maximized: false }, [laptop]).x).toBeUndefined();
    expect(restoredBounds({ x: 1400, y: 100, width: 1200, height: 800, maximized: false }, [laptop]).x).toBeUndefined();
  });

  it('first start: the default size; a tiny saved window grows to the minimum', () => {
    expect(restoredBounds(null, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
    expect(restoredBounds({ x: 10, y: 30, width: 300, height: 200, maximized: false }, [laptop])).toMatchObject({ width: 800, height: 560 });
  });
});
