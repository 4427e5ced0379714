import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface VideoExportState {
  /** The Export video dialog is open (View options' "Export video…"). */
  readonly open: boolean;
  /** The scene fills the window, the workspace's panels hidden as in a presentation (`chorus render --still`). */
  readonly sceneOnly: boolean;
}

export const videoExportStore = createStore<VideoExportState>(() => ({ open: false, sceneOnly: false }));

export function useVideoExport<T>(selector: (state: VideoExportState) => T): T {
  return useStore(videoExportStore, selector);
}
