/**
 * The k largest nodes of a frame, to be named beside them: largest first, ties by index. A neuron not
 * measured in the frame (`measured[i]` 0: not recorded in this session, or left out of it) is never
 * among them, so a frame with one recorded neuron names that one only (a label from the other session
 * was drawn).
 */
export function largestNodes(sizes: ArrayLike<number>, k: number, measured: ArrayLike<number>): number[] {
  const drawn: number[] = [];
  for (let i = 0; i < sizes.length; i++) if (measured[i] === 1) drawn.push(i);
  return drawn.sort((a, b) => sizes[b]! - sizes[a]! || a - b).slice(0, Math.max(0, k));
}
