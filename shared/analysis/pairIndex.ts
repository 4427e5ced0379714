/** Number of unordered pairs among n neurons. */
export function pairCount(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Position of pair (i, j), i < j, in the upper triangle laid out row by row. */
export function pairIndex(i: number, j: number, n: number): number {
  return i * n - (i * (i + 1)) / 2 + (j - i - 1);
}

/** Inverse of pairIndex: the (i, j) of a pair position. */
export function pairAt(index: number, n: number): [number, number] {
  let i = 0;
  let rowStart = 0;
  while (rowStart + (n - i - 1) <= index) {
    rowStart += n - i - 1;
    i++;
  }
  return [i, i + 1 + (index - rowStart)];
}
