import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { DEFAULT_HYPOTHESIS, type HypothesisModel, type HypothesisOptions } from '../../shared/simulate/hypotheses';
import type { SessionPoint } from '../../shared/network/sessionPoints';

/**
 * The hypothesis explorer: whether it is open (and in its simple, kiosk-ready form), the model's
 * parameters, and what the last update took. The simulated dataset itself is the shown timeline.
 */
export interface ExplorerState {
  readonly open: boolean;
  readonly simple: boolean;
  readonly options: HypothesisOptions;
  /** Both models on the chart: the shown one from the timeline, the other's points from the worker. */
  readonly compare: boolean;
  readonly otherPoints: { readonly model: HypothesisModel; readonly points: readonly SessionPoint[] } | null;
  /** The dataset that was on screen when the explorer opened (not a model): its sessions on the same axes. */
  readonly dataPoints: { readonly name: string; readonly points: readonly SessionPoint[] } | null;
  /** When the last request left (performance.now()) and how long until its network was on screen. */
  readonly requestedAt: number | null;
  readonly lastUpdateMs: number | null;
}

export const explorerStore = createStore<ExplorerState>(() => ({
  open: false,
  simple: false,
  options: DEFAULT_HYPOTHESIS,
  compare: false,
  otherPoints: null,
  dataPoints: null,
  requestedAt: null,
  lastUpdateMs: null,
}));

export function useExplorer<T>(select: (state: ExplorerState) => T): T {
  return useStore(explorerStore, select);
}
