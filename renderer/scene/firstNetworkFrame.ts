import { useEffect, useState } from 'react';

/**
 * The page's first frame that draws a network: marked `chorus:first-network-frame` for the benchmark
 * (scripts/measure-page.mjs; reading the canvas's pixels on every frame would itself stall software
 * WebGL and delay what it measures), and awaited by work that should not compete with it (the analysis
 * worker's start-up, on a 2-core machine).
 */
let marked = false;
let resolveFirst: () => void = () => {};
const first = new Promise<void>((resolve) => (resolveFirst = resolve));

/** Called from a frame callback: R3F renders straight after them, and the microtask runs when that render returns. */
export function markFirstNetworkFrame(): void {
  if (marked) return;
  marked = true;
  queueMicrotask(() => {
    performance.mark('chorus:first-network-frame');
    resolveFirst();
  });
}

/** Resolves after the first network frame, or after `ceilingMs` (a hidden page draws no frames). */
export function afterFirstNetworkFrame(ceilingMs: number): Promise<void> {
  return Promise.race([first, new Promise<void>((resolve) => setTimeout(resolve, ceilingMs))]);
}

/**
 * False until the first network frame (or `ceilingMs`), then true for good: for panels that can follow
 * the network by a frame rather than delay it (the Summary's charts took ~0.1 s of the first frame's
 * 2 s budget here).
 */
export function useAfterFirstNetworkFrame(ceilingMs = 3000): boolean {
  const [after, setAfter] = useState(marked);
  useEffect(() => {
    if (after) return;
    let live = true;
    void afterFirstNetworkFrame(ceilingMs).then(() => live && setAfter(true));
    return () => {
      live = false;
    };
  }, [after, ceilingMs]);
  return after;
}
