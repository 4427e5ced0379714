/**
 * Index of the first element ≥ value in an ascending array (binary search). It lives in shared/math,
 * below every other part, because both the readers (spike binning) and the layouts (relevance rank on
 * the tuning ring) need it, and neither may import the other.
 */
export function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
