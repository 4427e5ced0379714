import { describe, expect, it } from 'vitest';
import { presentationCommand } from '../../../../renderer/presentation/presentationKeys';

describe('the presentation keys', () => {
  it("are a clicker's and PowerPoint's: next, previous, first, last, blank screens, leave", () => {
    for (const key of ['ArrowRight', 'PageDown', ' ', 'Enter', 'n', 'N']) expect(presentationCommand(key, false, true)).toBe('next');
    for (const key of ['ArrowLeft', 'PageUp', 'Backspace', 'p', 'P']) expect(presentationCommand(key, false, true)).toBe('previous');
    expect(presentationCommand('Home', false, true)).toBe('first');
    expect(presentationCommand('End', false, true)).toBe('last');
    for (const key of ['b', 'B', '.']) expect(presentationCommand(key, false, true)).toBe('black');
    expect(presentationCommand('w', false, true)).toBe('white');
    expect(presentationCommand('Escape', false, true)).toBe('leave');
    expect(presentationCommand('F5', false, true)).toBe('start');
    expect(presentationCommand('F5', true, true)).toBe('start-here');
    expect(presentationCommand('x', false, true)).toBeNull();
    expect(presentationCommand('ArrowUp', false, true)).toBeNull();
  });

  it('leave the workspace its keys, except F5 and Shift+F5, which start a presentation', () => {
    for (const key of ['ArrowRight', 'PageDown', ' ', 'Enter', 'b', '.', 'Escape', 'Home']) expect(presentationCommand(key, false, false)).toBeNull();
    expect(presentationCommand('F5', false, false)).toBe('start');
    expect(presentationCommand('F5', true, false)).toBe('start-here');
  });
});
