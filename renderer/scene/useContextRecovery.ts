import { useCallback, useEffect, useRef, useState } from 'react';
import type { RootState } from '@react-three/fiber';
import { viewActions } from '../state/viewStore';

/** How long after a WebGL context is lost the canvas is made anew: at once, once the loss's event is done. */
export const CONTEXT_RESTORE_MS = 50;

/**
 * A lost WebGL context (a GPU reset, a driver update, too many contexts, a long-running kiosk) leaves a
 * blank canvas. Straight away (CONTEXT_RESTORE_MS) the canvas is made anew —
 * a new `generation` key remounts it with a fresh context, renderer and scene — and a notice says so.
 * The lost context is not asked back (no preventDefault): three.js can rebuild a restored context in
 * place, but each time it kept the old context's programs, shaders, uniform locations and buffers alive
 * (~80 kB a restore in heap-snapshot diffs, which the kiosk soak saw as steady growth), a scene at rest
 * never drew the restored canvas, and a new canvas made while the browser restored the old one sometimes
 * got a lost context from the start (8 of 40 losses in a kiosk soak). One path, a fresh canvas made before
 * any restore, is the one the soak holds flat; a context that cannot be made yet (a GPU process still
 * restarting) is SceneBoundary's to retry. Returns the key, the
 * Canvas's onCreated handler, and `renew` (a new canvas now: SceneBoundary's retry).
 */
export function useContextRecovery(): { generation: number; onCreated: (state: RootState) => void; renew: () => void } {
  const [generation, setGeneration] = useState(0);
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onCreated = useCallback(({ gl }: RootState) => {
    const canvas = gl.domElement;
    canvas.addEventListener('webglcontextlost', () => {
      // Said in the console too: a kiosk has no notice bar, and Electron's kiosk logs page warnings for its staff.
      console.warn(`WebGL context lost; the network is drawn again in a new one in ${CONTEXT_RESTORE_MS} ms`);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        setGeneration((g) => g + 1);
        viewActions.setNotice({ kind: 'warning', title: 'The graphics were reset', lines: ['The WebGL context was lost (a graphics reset); the network was drawn again in a new one.'] });
      }, CONTEXT_RESTORE_MS);
    });
  }, []);
  const renew = useCallback(() => setGeneration((g) => g + 1), []);
  return { generation, onCreated, renew };
}
