import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { saveImage } from '../ui/viewCommands';

/**
 * The still image being saved (Save image, File ▸ Export Image…): its size as a multiple of the window,
 * and, while it renders in tiles, its progress and the controller that cancels it.
 */
export interface StillState {
  readonly scale: number;
  readonly saving: { readonly done: number; readonly total: number; readonly controller: AbortController } | null;
}

export const stillStore = createStore<StillState>(() => ({ scale: 2, saving: null }));

export function useStill<T>(selector: (state: StillState) => T): T {
  return useStore(stillStore, selector);
}

export const stillActions = {
  setScale(scale: number): void {
    stillStore.setState({ scale });
  },
  /** Renders and saves the still; one at a time. Tiles render with the page running between them: progress and Cancel stay live. */
  save(): void {
    if (stillStore.getState().saving) return;
    const controller = new AbortController();
    stillStore.setState({ saving: { done: 0, total: 0, controller } });
    void saveImage(stillStore.getState().scale, {
      signal: controller.signal,
      onProgress: (done, total) => stillStore.setState({ saving: { done, total, controller } }),
    }).finally(() => stillStore.setState({ saving: null }));
  },
};
