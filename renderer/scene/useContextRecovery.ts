import { useCallback, useEffect, useRef, useState } from 'react';
import type { RootState } from '@react-three/fiber';
import { viewActions } from '../state/viewStore';

/** How long a lost WebGL context may take to come back by itself before the canvas is made anew. */
export const CONTEXT_RESTORE_MS = 1000;

/**
 * A lost WebGL context (a GPU reset, a driver update, too many contexts, a long-running kiosk) leaves a
 * blank canvas. The browser may restore it (three.js then rebuilds its GPU state); if it has not within
 * CONTEXT_RESTORE_MS, the canvas is recreated — a new `generation` key remounts it with a fresh context —
 * and a notice says so. Returns the key and the Canvas's onCreated handler.
 */
export function useContextRecovery(): { generation: number; onCreated: (state: RootState) => void } {
  const [generation, setGeneration] = useState(0);
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onCreated = useCallback(({ gl }: RootState) => {
    const canvas = gl.domElement;
    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault(); // asks the browser to restore the context if it can
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        setGeneration((g) => g + 1);
        viewActions.setNotice({ kind: 'warning', title: 'The graphics were reset', lines: ['The WebGL context was lost and did not come back; the network was drawn again in a new one.'] });
      }, CONTEXT_RESTORE_MS);
    });
    canvas.addEventListener('webglcontextrestored', () => window.clearTimeout(timer.current));
  }, []);
  return { generation, onCreated };
}
