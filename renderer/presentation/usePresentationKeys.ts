import { useEffect } from 'react';
import { presentationActions, presentationStore } from '../state/presentationStore';
import { presentationCommand } from './presentationKeys';

/**
 * The talk's keys (presentationCommand) on the whole window, before any control sees them, and full
 * screen for the length of a presentation: entering asks for it (the Fullscreen API, which Electron's
 * window follows), leaving gives it back, and leaving full screen (Esc, which the browser keeps for
 * itself in full screen) ends the presentation. `start(fromCurrentStep)` begins one (F5 / Shift+F5).
 */
export function usePresentationKeys(start: (fromCurrentStep: boolean) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const presenting = presentationStore.getState().story !== null;
      // A text field keeps its keys (the story editor's caption), except for F5 which starts a talk.
      const typing = event.target instanceof HTMLElement && (event.target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName));
      const command = presentationCommand(event.key, event.shiftKey, presenting);
      if (command === null || (typing && !presenting && command !== 'start' && command !== 'start-here')) return;
      event.preventDefault();
      event.stopPropagation();
      if (command === 'start') start(false);
      else if (command === 'start-here') start(true);
      else presentationActions.run(command);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [start]);

  useEffect(() => {
    let entered = false;
    const stop = presentationStore.subscribe((state, before) => {
      if (state.story && !before.story) {
        entered = false;
        // Refused without a user's gesture, or by the platform: the presentation goes on in the window.
        void document.documentElement.requestFullscreen?.().then(
          () => (entered = true),
          () => undefined,
        );
      } else if (!state.story && before.story && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    });
    const onFullscreen = () => {
      if (!document.fullscreenElement && entered && presentationStore.getState().story) presentationActions.leave();
      if (!document.fullscreenElement) entered = false;
    };
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      stop();
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, []);
}
