import { useEffect } from 'react';
import { sceneActions, sceneStore } from './sceneStore';
import { viewActions, viewStore } from './viewStore';
import { applyView, currentView, hashOfView, viewFromHash } from './viewFile';

/**
 * The web build keeps the view in the URL (#view=…): opening such a link restores the view once its
 * dataset is on screen (the demo, or the same file opened again). A new dataset starts the selection
 * and camera over.
 */
export function useViewUrl(enabled: boolean): void {
  useEffect(() => {
    let pending = enabled ? viewFromHash(window.location.hash) : null;
    let timer = 0;
    const unsubscribeTimeline = viewStore.subscribe((state, previous) => {
      if (state.datasetVersion === previous.datasetVersion || !state.timeline) return;
      sceneActions.reset();
      if (pending && pending.dataset === state.timeline.datasetName) {
        applyView(pending, state.timeline);
        pending = null;
      } else if (pending) {
        viewActions.setNotice({ kind: 'warning', title: 'The view in this link is of another dataset', lines: [`Open "${pending.dataset}" to see it; it is applied as soon as that dataset is shown.`] });
      }
    });
    const write = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const view = currentView();
        // Written once a dataset is shown (a link's view of another dataset waits for that one).
        if (view) window.history.replaceState(null, '', hashOfView(view));
      }, 300);
    };
    const unsubscribeView = enabled ? viewStore.subscribe(write) : () => {};
    const unsubscribeScene = enabled ? sceneStore.subscribe(write) : () => {};
    return () => {
      unsubscribeTimeline();
      unsubscribeView();
      unsubscribeScene();
      window.clearTimeout(timer);
    };
  }, [enabled]);
}
