import { useCallback, useEffect, useRef, useState } from 'react';
import type { RootState } from '@react-three/fiber';
import { viewActions } from '../state/viewStore';

/** How long a lost WebGL context may take to come back by itself before the canvas is made anew. */
export const CONTEXT_RESTORE_MS = 600;

/**
 * A lost WebGL context (a GPU reset, a driver update, too many contexts, a long-running kiosk) leaves a
 * blank canvas. Either way it ends, the canvas is made anew — a new `generation` key remounts it with a
 * fresh context, and the scene uploads everything again: when the browser restores the context (three.js
 * rebuilds its own state then, but not the network's instanced buffers and data textures: the restored
 * canvas stayed blank, tested in test/e2e/kioskContent.e2e.test.ts), or when it has not within
 * CONTEXT_RESTORE_MS, and then a notice says so. Returns the key and the Canvas's onCreated handler.
 */
export function useContextRecovery(): { generation: number; onCreated: (state: RootState) => void } {
  const [generation, setGeneration] = useState(0);
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onCreated = useCallback(({ gl }: RootState) => {
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
      setGeneration((g) => g + 1);
    });
  }, []);
  return { generation, onCreated };
}
