import { useEffect } from 'react';
import { sceneActions, sceneStore } from './sceneStore';
import { viewActions, viewStore, type Notice } from './viewStore';
import { applyView, currentView } from './viewFile';
import { hashOfView, viewInHash, type ViewFile } from '../../shared/view/viewSchema';

/**
 * The web build keeps the view in the URL (#view=…): opening such a link restores the view once its
 * dataset is on screen (the demo, or the same file opened again). A new dataset starts the selection
 * and camera over. What the link's view cannot do is said in the view notice: it is of another dataset
 * (until that dataset opens), it cannot be read, or parts of it do not fit the dataset. While the link's
 * view waits or cannot be read, the address keeps the link as it was, so it can be copied, fixed or
 * reopened; dismissing the notice lets the address follow the view again.
 */
export function useViewUrl(enabled: boolean): void {
  useEffect(() => {
    const link = enabled ? viewInHash(window.location.hash) : null;
    let pending: ViewFile | null = link?.view ?? null;
    let keepLink = link !== null;
    let linkNotice: Notice | null = null;
    const say = (notice: Notice | null) => {
      linkNotice = notice;
      viewActions.setViewNotice(notice);
    };
    if (link?.problem) say({ kind: 'warning', title: 'The view in this link could not be read', lines: [`#view=: ${link.problem}`, 'The dataset opens as usual; the link stays in the address bar until this is dismissed.'] });

    const unsubscribeTimeline = viewStore.subscribe((state, previous) => {
      // The link's notice dismissed (or replaced by a view file's): the link is let go.
      if (linkNotice !== null && previous.viewNotice === linkNotice && state.viewNotice !== linkNotice) {
        linkNotice = null;
        pending = null;
        keepLink = false;
      }
      if (state.datasetVersion === previous.datasetVersion || !state.timeline) return;
      sceneActions.reset();
      if (!pending) return;
      if (pending.dataset === state.timeline.datasetName) {
        const view = pending;
        pending = null;
        keepLink = false;
        const { notes } = applyView(view, state.timeline);
        say(notes.length > 0 ? { kind: 'warning', title: 'Parts of the view in this link were not applied', lines: notes } : null);
      } else {
        say({ kind: 'warning', title: 'The view in this link is of another dataset', lines: [`Open "${pending.dataset}" to see it; it is applied as soon as that dataset is shown.`] });
      }
    });
    let timer = 0;
    const write = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const view = currentView();
        if (view && !keepLink) window.history.replaceState(null, '', hashOfView(view));
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
