/** What a key does to playback, given where the focus is. */
export type PlaybackKeyAction = 'toggle-play' | 'step-forward' | 'step-back' | null;

/** The focused element, as far as the playback keys care. */
export interface FocusedControl {
  readonly tagName: string;
  /** An input's type attribute ('' for other elements). */
  readonly type: string;
  readonly contentEditable: boolean;
  /** Focused from the keyboard (Tab), not by a click or a tap. */
  readonly keyboardFocused: boolean;
  /** Inside a dialog: its keys are its own, and playback is behind it. */
  readonly inDialog: boolean;
}

/** Inputs whose keys are text editing: Space and the arrows belong to them. */
const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'url', 'email', 'password', 'tel', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

/**
 * Space plays and pauses, ← → step a frame wherever the focus is, except in a text field, which keeps
 * its keys. After a click on a button, select or slider the keys go on controlling playback (they used
 * to press the button again, or change the select or slider); those controls stay operable from the
 * keyboard with Enter and ↑ ↓. A checkbox or radio button reached with Tab keeps Space, its only key;
 * an open dialog keeps every key.
 */
export function playbackKeyAction(key: string, focused: FocusedControl | null): PlaybackKeyAction {
  const action: PlaybackKeyAction = key === ' ' ? 'toggle-play' : key === 'ArrowRight' ? 'step-forward' : key === 'ArrowLeft' ? 'step-back' : null;
  if (action === null || focused === null) return action;
  const tag = focused.tagName.toUpperCase();
  const type = focused.type.toLowerCase();
  if (focused.inDialog || focused.contentEditable || tag === 'TEXTAREA') return null;
  if (tag === 'INPUT' && TEXT_INPUT_TYPES.has(type)) return null;
  if (tag === 'INPUT' && (type === 'checkbox' || type === 'radio') && focused.keyboardFocused && action === 'toggle-play') return null;
  return action;
}

/**
 * The descriptor of a focused DOM element; `keyboardFocused` as the caller saw the focus arrive
 * (:focus-visible cannot tell: Chromium makes it match on any key press, Space included).
 */
export function describeFocus(element: Element | null, keyboardFocused: boolean): FocusedControl | null {
  if (!element || element === document.body || element === document.documentElement) return null;
  return {
    tagName: element.tagName,
    type: element instanceof HTMLInputElement ? element.type : '',
    contentEditable: element instanceof HTMLElement && element.isContentEditable,
    keyboardFocused,
    inDialog: element.closest('dialog, [role="dialog"], [role="alertdialog"]') !== null,
  };
}
