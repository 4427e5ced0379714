/**
 * Hot numeric kernels on Float64Array. Hand-written because they dominate run time: on this class of
 * machine a blocked JS covariance runs ~6× faster than ml-matrix (ARCHITECTURE.md, "Numbers measured").
 * Matrices are dense row-major n×n; data matrices are variable-major ([variable][observation]) so each
 * inner product walks two contiguous rows.
 */

/** Trials per block: keeps a block of every variable's row in cache while all pairs use it. */
const OBSERVATION_BLOCK = 512;

/**
 * Symmetric cross-product C = X Xᵀ of a variable-major matrix X (n variables × m observations),
 * accumulated in blocks of observations. Callers centre X first to get scatter matrices.
 */
export function crossProduct(x: Float64Array, n: number, m: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let start = 0; start < m; start += OBSERVATION_BLOCK) {
    const end = Math.min(m, start + OBSERVATION_BLOCK);
    for (let i = 0; i < n; i++) {
      const rowI = i * m;
      for (let j = i; j < n; j++) {
        const rowJ = j * m;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let t = start;
        for (; t + 3 < end; t += 4) {
          s0 += x[rowI + t]! * x[rowJ + t]!;
          s1 += x[rowI + t + 1]! * x[rowJ + t + 1]!;
          s2 += x[rowI + t + 2]! * x[rowJ + t + 2]!;
          s3 += x[rowI + t + 3]! * x[rowJ + t + 3]!;
        }
        for (; t < end; t++) s0 += x[rowI + t]! * x[rowJ + t]!;
        c[i * n + j]! += s0 + s1 + s2 + s3;
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) c[i * n + j] = c[j * n + i]!;
  return c;
}

/**
 * In-place Cholesky factorisation A = L Lᵀ (lower triangle of `a` becomes L, upper is zeroed).
 * Returns false when A is not numerically positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j]!;
    for (let k = 0; k < j; k++) diagonal -= a[rowJ + k]! * a[rowJ + k]!;
    if (!(diagonal > 0) || !Number.isFinite(diagonal)) return false;
    const ljj = Math.sqrt(diagonal);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let sum = a[rowI + j]!;
      for (let k = 0; k < j; k++) sum -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = sum / ljj;
    }
    for (let k = j + 1; k < n; k++) a[rowJ + k] = 0;
  }
  return true;
}

/** Solves L y = b for lower-triangular L (row-major n×n); returns y. */
export function forwardSubstitute(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[row + k]! * y[k]!;
    y[i] = sum / l[row + i]!;
  }
  return y;
}

/** Quadratic form bᵀ A⁻¹ b for symmetric positive-definite A, or null when A is singular. */
export function inverseQuadraticForm(a: Float64Array, n: number, b: ArrayLike<number>): number | null {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, n)) return null;
  const y = forwardSubstitute(l, n, b);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i]! * y[i]!;
  return sum;
}
