/**
 * The kiosk's blocked keys, one rule for Electron's kiosk window (before-input-event, electron/kiosk.ts)
 * and the web build's page (a keydown listener in renderer/kiosk/Kiosk.tsx, where Chromium lets a page
 * cancel the zoom and history keys; the rest, such as closing the window, only Electron can stop).
 */
/** A key as Electron's before-input-event gives it. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/**
 * Keys that would leave, reload, zoom, print, open tools or windows, or navigate: a visitor's keyboard
 * (or a prankster's) reaches none of them. Ctrl and Cmd are the same here (macOS and the others).
 */
export function isBlockedKioskKey(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const command = input.control || input.meta;
  if (['F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch'].includes(key)) return true;
  if (input.alt && ['ArrowLeft', 'ArrowRight', 'Home', 'F4'].includes(key)) return true;
  if (command && ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'l', 'f', 'g', 'h', 'j', 'u', '+', '=', '-', '_', '0', '[', ']'].includes(key)) return true;
  if (command && input.shift && ['i', 'j', 'c', 'delete', 'Delete'].includes(key)) return true;
  return false;
}
