import { useEffect } from 'react';
import { viewActions } from '../state/viewStore';

/** Space plays/pauses, ← → step one frame — unless a form control has the focus (it keeps its keys). */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) return;
      if (event.key === ' ') viewActions.togglePlay();
      else if (event.key === 'ArrowRight') viewActions.step(1);
      else if (event.key === 'ArrowLeft') viewActions.step(-1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
