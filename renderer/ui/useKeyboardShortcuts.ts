import { useEffect } from 'react';
import { viewActions } from '../state/viewStore';
import { presentationStore } from '../state/presentationStore';
import { describeFocus, playbackKeyAction } from './playbackKeys';

/** Space plays/pauses, ← → step one frame, wherever the focus is but in a text field (see playbackKeyAction). */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    // How the focus arrived: a pointer press before it (a click, a tap) or not (Tab, a script).
    let pointerDown = false;
    let keyboardFocused = false;
    const onPointerDown = () => (pointerDown = true);
    const onFocusIn = () => {
      keyboardFocused = !pointerDown;
      pointerDown = false;
    };
    const onKey = (event: KeyboardEvent) => {
      pointerDown = false;
      // A presentation's keys are its own (usePresentationKeys), whichever listener runs first.
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || presentationStore.getState().story !== null) return;
      const action = playbackKeyAction(event.key, describeFocus(document.activeElement, keyboardFocused));
      if (action === null) return;
      // Before the focused control sees the key: a button is not pressed again, a select or slider not changed.
      event.preventDefault();
      event.stopPropagation();
      if (action === 'toggle-play') viewActions.togglePlay();
      else viewActions.step(action === 'step-forward' ? 1 : -1);
    };
    window.addEventListener('pointerdown', onPointerDown, { capture: true });
    window.addEventListener('focusin', onFocusIn, { capture: true });
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, { capture: true });
      window.removeEventListener('focusin', onFocusIn, { capture: true });
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, []);
}
