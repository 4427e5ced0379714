/**
 * Hot numeric kernels on Float64Array. Hand-written because they dominate run time: on this class of
 * machine a blocked JS covariance runs ~6× faster than ml-matrix (ARCHITECTURE.md, "Numbers measured").
 * Matrices are dense row-major n×n; data matrices are variable-major ([variable][observation]) so each
 * inner product walks two contiguous rows.
 */

/** Observations per block and variables per tile: two tiles of rows (2 × 32 × 256 × 8 B = 128 KiB) stay in L2. */
const OBSERVATION_BLOCK = 256;
const VARIABLE_TILE = 32;

/**
 * Symmetric cross-product C = X Xᵀ of a variable-major matrix X (n variables × m observations).
 * Tiled over variables and observations for cache reuse, with a 4×2 register block in the inner loop
 * (eight products per six loads instead of one per two). Callers centre X first to get scatter matrices.
 */
export function crossProduct(x: Float64Array, n: number, m: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let start = 0; start < m; start += OBSERVATION_BLOCK) {
    const end = Math.min(m, start + OBSERVATION_BLOCK);
    for (let tileI = 0; tileI < n; tileI += VARIABLE_TILE) {
      const endI = Math.min(n, tileI + VARIABLE_TILE);
      for (let tileJ = tileI; tileJ < n; tileJ += VARIABLE_TILE) {
        const endJ = Math.min(n, tileJ + VARIABLE_TILE);
        accumulateTile(x, c, n, m, tileI, endI, tileJ, endJ, start, end);
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) c[i * n + j] = c[j * n + i]!;
  return c;
}

/** Adds Σ_t x[i,t]·x[j,t] over t ∈ [start, end) into c[i,j] for the tile's (i, j) with j ≥ tileJ. */
function accumulateTile(
  x: Float64Array,
  c: Float64Array,
  n: number,
  m: number,
  tileI: number,
  endI: number,
  tileJ: number,
  endJ: number,
  start: number,
  end: number,
): void {
  let i = tileI;
  // 4 × 2 register block: eight products per six loads.
  for (; i + 3 < endI; i += 4) {
    const a0 = i * m;
    const a1 = a0 + m;
    const a2 = a1 + m;
    const a3 = a2 + m;
    let j = tileJ;
    for (; j + 1 < endJ; j += 2) {
      const b0 = j * m;
      const b1 = b0 + m;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let s20 = 0;
      let s21 = 0;
      let s30 = 0;
      let s31 = 0;
      for (let t = start; t < end; t++) {
        const y0 = x[b0 + t]!;
        const y1 = x[b1 + t]!;
        const x0 = x[a0 + t]!;
        const x1 = x[a1 + t]!;
        const x2 = x[a2 + t]!;
        const x3 = x[a3 + t]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s30 += x3 * y0;
        s31 += x3 * y1;
      }
      let o = i * n + j;
      c[o]! += s00;
      c[o + 1]! += s01;
      o += n;
      c[o]! += s10;
      c[o + 1]! += s11;
      o += n;
      c[o]! += s20;
      c[o + 1]! += s21;
      o += n;
      c[o]! += s30;
      c[o + 1]! += s31;
    }
    for (; j < endJ; j++) {
      for (let r = 0; r < 4; r++) c[(i + r) * n + j]! += dot(x, a0 + r * m, j * m, start, end);
    }
  }
  for (; i + 1 < endI; i += 2) {
    const a0 = i * m;
    const a1 = a0 + m;
    let j = tileJ;
    for (; j + 1 < endJ; j += 2) {
      const b0 = j * m;
      const b1 = b0 + m;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let t = start; t < end; t++) {
        const x0 = x[a0 + t]!;
        const x1 = x[a1 + t]!;
        const y0 = x[b0 + t]!;
        const y1 = x[b1 + t]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      c[i * n + j]! += s00;
      c[i * n + j + 1]! += s01;
      c[(i + 1) * n + j]! += s10;
      c[(i + 1) * n + j + 1]! += s11;
    }
    for (; j < endJ; j++) {
      c[i * n + j]! += dot(x, a0, j * m, start, end);
      c[(i + 1) * n + j]! += dot(x, a1, j * m, start, end);
    }
  }
  for (; i < endI; i++) for (let j = tileJ; j < endJ; j++) c[i * n + j]! += dot(x, i * m, j * m, start, end);
}

function dot(x: Float64Array, a: number, b: number, start: number, end: number): number {
  let sum = 0;
  for (let t = start; t < end; t++) sum += x[a + t]! * x[b + t]!;
  return sum;
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
