import { describe, expect, it } from 'vitest';
import { playbackKeyAction, type FocusedControl } from '../../../../renderer/ui/playbackKeys';

const focus = (tagName: string, extra: Partial<FocusedControl> = {}): FocusedControl => ({ tagName, type: '', contentEditable: false, keyboardFocused: false, inDialog: false, ...extra });

describe('the playback keys', () => {
  it('with nothing focused: Space plays or pauses, the arrows step, other keys do nothing', () => {
    expect(playbackKeyAction(' ', null)).toBe('toggle-play');
    expect(playbackKeyAction('ArrowRight', null)).toBe('step-forward');
    expect(playbackKeyAction('ArrowLeft', null)).toBe('step-back');
    expect(playbackKeyAction('ArrowUp', null)).toBeNull();
    expect(playbackKeyAction('Enter', null)).toBeNull();
  });

  it('after a click on a button, a select, a slider or a checkbox, the keys still control playback', () => {
    for (const control of [focus('BUTTON'), focus('SELECT'), focus('INPUT', { type: 'range' }), focus('INPUT', { type: 'checkbox' }), focus('INPUT', { type: 'radio' }), focus('CANVAS')]) {
      expect(playbackKeyAction(' ', control)).toBe('toggle-play');
      expect(playbackKeyAction('ArrowRight', control)).toBe('step-forward');
      expect(playbackKeyAction('ArrowLeft', control)).toBe('step-back');
    }
  });

  it('a text field keeps all its keys', () => {
    for (const control of [focus('INPUT'), focus('INPUT', { type: 'text' }), focus('INPUT', { type: 'number' }), focus('INPUT', { type: 'search' }), focus('TEXTAREA'), focus('DIV', { contentEditable: true })]) {
      expect(playbackKeyAction(' ', control)).toBeNull();
      expect(playbackKeyAction('ArrowLeft', control)).toBeNull();
    }
  });

  it('a checkbox reached with Tab keeps Space (its only key) but not the arrows; a dialog keeps every key', () => {
    expect(playbackKeyAction(' ', focus('INPUT', { type: 'checkbox', keyboardFocused: true }))).toBeNull();
    expect(playbackKeyAction('ArrowRight', focus('INPUT', { type: 'checkbox', keyboardFocused: true }))).toBe('step-forward');
    expect(playbackKeyAction(' ', focus('BUTTON', { keyboardFocused: true }))).toBe('toggle-play');
    expect(playbackKeyAction(' ', focus('BUTTON', { inDialog: true }))).toBeNull();
    expect(playbackKeyAction('ArrowRight', focus('SELECT', { inDialog: true }))).toBeNull();
  });
});
