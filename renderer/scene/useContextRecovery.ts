import { useCallback, useEffect, useRef, useState } from 'react';
import type { RootState } from '@react-three/fiber';
import { viewActions } from '../state/viewStore';

/** How long a lost WebGL context may take to come back by itself before the canvas is made anew. */
export const CONTEXT_RESTORE_MS = 600;

/**
 * A lost WebGL context (a GPU reset, a driver update, too many contexts, a long-running kiosk) leaves a
 * blank canvas. The browser may restore it: three.js then uploads the scene again on the next frame,
 * which is asked for at once (a scene at rest draws on demand only, so a restored canvas stayed blank
 * until something moved: found by test/e2e/kioskContent.e2e.test.ts). If it has not come back within
 * CONTEXT_RESTORE_MS, the canvas is recreated — a new `generation` key remounts it with a fresh context —
 * and a notice says so. Returns the key and the Canvas's onCreated handler.
 */
export function useContextRecovery(): { generation: number; onCreated: (state: RootState) => void } {
  const [generation, setGeneration] = useState(0);
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onCreated = useCallback(({ gl, invalidate }: RootState) => {
    const canvas = gl.domElement;
    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault(); // asks the browser to restore the context if it can
      // Said in the console too: a kiosk has no notice bar, and Electron's kiosk logs page warnings for its staff.
      console.warn(`WebGL context lost; waiting ${CONTEXT_RESTORE_MS} ms for it to come back before drawing the network in a new one`);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        setGeneration((g) => g + 1);
        viewActions.setNotice({ kind: 'warning', title: 'The graphics were reset', lines: ['The WebGL context was lost and did not come back; the network was drawn again in a new one.'] });
      }, CONTEXT_RESTORE_MS);
    });
    canvas.addEventListener('webglcontextrestored', () => {
      window.clearTimeout(timer.current);
      invalidate();
    });
  }, []);
  return { generation, onCreated };
}
