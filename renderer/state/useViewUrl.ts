import { useEffect } from 'react';
import { sceneActions, sceneStore } from './sceneStore';
import { viewStore } from './viewStore';
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
      if (state.timelineVersion === previous.timelineVersion || !state.timeline) return;
      sceneActions.reset();
      if (pending && pending.dataset === state.timeline.datasetName) {
        applyView(pending, state.timeline);
        pending = null;
      }
    });
    const write = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const view = currentView();
        if (view && !pending) window.history.replaceState(null, '', hashOfView(view));
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
