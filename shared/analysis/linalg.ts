/**
 * Hot numeric kernels on Float64Array. Hand-written because they dominate run time: on this class of
 * machine a blocked JS covariance runs ~6× faster than ml-matrix (ARCHITECTURE.md, "Numbers measured").
 * Matrices are dense row-major n×n; data matrices are variable-major ([variable][observation]) so each
 * inner product walks two contiguous rows.
 */

import { activeKernelTeam, bandParameters, runBand } from './kernels/kernelTeam';
import { wasmKernels, wasmSolves, type WasmKernels } from './kernels/wasmKernels';

/** Observations per block and variables per tile: two tiles of rows (2 × 32 × 256 × 8 B = 128 KiB) stay in L2. */
const OBSERVATION_BLOCK = 256;
const VARIABLE_TILE = 32;
/**
 * Multiply-adds of a product below which it stays on one thread: waking a helper and handing it bands
 * costs tens of microseconds, worth it only for products of milliseconds (the demo's frames, 120 × ~100,
 * stay single-threaded; a 500 × 2000 frame's scatter, 2.5·10⁸, is shared).
 */
const THREADED_MULTIPLY_ADDS = 2e7;

/**
 * Symmetric cross-product C = X Xᵀ of a variable-major matrix X (n variables × m observations).
 * Callers centre X first to get scatter matrices. Runs the WebAssembly SIMD kernel
 * (kernels/linalg.wat: the same tiling, two observations per f64x2 lane, ~3–4× faster; fused
 * multiply-add where the runtime has relaxed SIMD; its row bands shared with helper threads when a kernel
 * team lends them and the product is large) where the runtime has WebAssembly SIMD, else the scalar kernel below.
 */
export function crossProduct(x: Float64Array, n: number, m: number): Float64Array {
  const kernels = wasmKernels();
  return kernels ? crossProductSimd(kernels, x, n, m) : crossProductScalar(x, n, m);
}

/**
 * The kernels' memory laid out for one product: X (n × m) copied into `rows` × `columns` (padded with
 * zeros, which add nothing to X Xᵀ), then `outputRows` × `rows` zeroed doubles for C. Grows the memory as needed.
 */
function kernelHeap(kernels: WasmKernels, x: Float64Array, n: number, m: number, rows: number, columns: number, outputRows: number): { heap: Float64Array; xDoubles: number } {
  const xDoubles = rows * columns;
  const heap = heapOf(kernels, xDoubles + outputRows * rows);
  heap.fill(0);
  if (columns === m) heap.set(x);
  else for (let k = 0; k < n; k++) heap.set(x.subarray(k * m, (k + 1) * m), k * columns);
  return { heap, xDoubles };
}

/** The first `doubles` of the kernels' memory, grown to hold them. */
function heapOf(kernels: WasmKernels, doubles: number): Float64Array {
  const have = kernels.memory.buffer.byteLength;
  if (have < doubles * 8) kernels.memory.grow(Math.ceil((doubles * 8 - have) / 65536));
  return new Float64Array(kernels.memory.buffer, 0, doubles);
}

/**
 * Rows [0, outputRows) of C += X Xᵀ, band by band (VARIABLE_TILE rows each): on the kernel team's threads
 * when one is lent and the product is large, else here. A band's loop is the same either way, so the
 * result does not depend on the number of threads (kernelTeam.ts).
 */
function productBands(kernels: WasmKernels, xDoubles: number, rows: number, columns: number, outputRows: number): void {
  const team = activeKernelTeam();
  const job = { x: 0, c: xDoubles * 8, n: rows, m: columns, outputRows, tile: VARIABLE_TILE, block: OBSERVATION_BLOCK };
  if (team && team.memory === kernels.memory && outputRows * (rows - outputRows / 2) * columns >= THREADED_MULTIPLY_ADDS) {
    team.crossProductBands(job);
    return;
  }
  const parameters = bandParameters(job);
  for (let band = 0; band * VARIABLE_TILE < outputRows; band++) runBand(kernels.tile, parameters, band);
}

/** Rows padded to a multiple of 4 and observations to an even count (zeros add nothing to X Xᵀ). */
function crossProductSimd(kernels: WasmKernels, x: Float64Array, n: number, m: number): Float64Array {
  const rows = (n + 3) & ~3;
  const columns = (m + 1) & ~1;
  const { heap, xDoubles } = kernelHeap(kernels, x.subarray(0, n * m), n, m, rows, columns, rows);
  productBands(kernels, xDoubles, rows, columns, rows);
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = xDoubles + i * rows;
    for (let j = i; j < n; j++) {
      const value = heap[row + j]!;
      result[i * n + j] = value;
      result[j * n + i] = value;
    }
  }
  return result;
}

/**
 * Rows [r0, r1) of the upper triangle of X Xᵀ: out[(i − r0)·w + (j − r0)] = Σ_t x[i,t]·x[j,t] for
 * r0 ≤ i < r1 and i ≤ j < n, w = n − r0 (entries left of the diagonal are unspecified). Memory is
 * (r1 − r0)·w, not n², which is what lets a 10,000-neuron frame's pairs run in row blocks. Both kernels
 * compute every entry as the same sum in the same order wherever its tile lies, so a block's entries
 * equal the full product's bit for bit (crossProductRows.test.ts) and a sharded run equals an unsharded one.
 */
export function crossProductRows(x: Float64Array, n: number, m: number, r0: number, r1: number): Float64Array {
  const kernels = wasmKernels();
  const rest = x.subarray(r0 * m, n * m);
  const width = n - r0;
  const height = r1 - r0;
  if (!kernels) {
    const out = new Float64Array(height * width);
    for (let start = 0; start < m; start += OBSERVATION_BLOCK) {
      const end = Math.min(m, start + OBSERVATION_BLOCK);
      for (let tileI = 0; tileI < height; tileI += VARIABLE_TILE) {
        const endI = Math.min(height, tileI + VARIABLE_TILE);
        for (let tileJ = tileI; tileJ < width; tileJ += VARIABLE_TILE) accumulateTile(rest, out, width, m, tileI, endI, tileJ, Math.min(width, tileJ + VARIABLE_TILE), start, end);
      }
    }
    return out;
  }
  const rows = (width + 3) & ~3;
  const blockRows = (height + 3) & ~3;
  const columns = (m + 1) & ~1;
  const { heap, xDoubles } = kernelHeap(kernels, rest, width, m, rows, columns, blockRows);
  productBands(kernels, xDoubles, rows, columns, blockRows);
  const out = new Float64Array(height * width);
  for (let i = 0; i < height; i++) out.set(heap.subarray(xDoubles + i * rows + i, xDoubles + i * rows + width), i * width + i);
  return out;
}

/**
 * The scalar kernel: tiled over variables and observations for cache reuse, with a 4×2 register block in
 * the inner loop (eight products per six loads instead of one per two).
 */
export function crossProductScalar(x: Float64Array, n: number, m: number): Float64Array {
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
  // The last one to three rows of a ragged tile: plain dot products.
  for (; i < endI; i++) for (let j = tileJ; j < endJ; j++) c[i * n + j]! += dot(x, i * m, j * m, start, end);
}

function dot(x: Float64Array, a: number, b: number, start: number, end: number): number {
  let sum = 0;
  for (let t = start; t < end; t++) sum += x[a + t]! * x[b + t]!;
  return sum;
}

/** Columns per Cholesky panel: the panel step is O(n·b²) scalar work, the update O(n³/3) in the SIMD tile. */
const CHOLESKY_PANEL = 16;

/**
 * In-place Cholesky factorisation A = L Lᵀ (lower triangle of `a` becomes L, upper is zeroed). Returns
 * false when A is not numerically positive definite (a pivot that is not positive and finite).
 *
 * Blocked, left-looking, in WebAssembly (kernels/linalg.wat): for each panel of CHOLESKY_PANEL columns,
 * the SIMD tile kernel subtracts L_{i,<J} L_{j,<J}ᵀ from the panel (the O(n³/3) work, fused multiply-add
 * where available, two k per lane), then `panel` runs Cholesky–Crout within it. The sums run in another
 * order than choleskyScalar's, so the two agree to rounding (linalg.test.ts checks both against numpy).
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  const kernels = wasmSolves();
  return kernels ? choleskyWasm(kernels, a, n) : choleskyScalar(a, n);
}

/**
 * A copied into the kernels' memory padded to a multiple of 4 rows with an identity block (whose factor is
 * itself, so L is A's factor in its top-left corner), factored there, and L copied back.
 */
function choleskyWasm(kernels: WasmKernels, a: Float64Array, n: number): boolean {
  const { heap, size } = factorPadded(kernels, a, n, 0);
  if (!heap) return false;
  for (let i = 0; i < n; i++) {
    a.set(heap.subarray(i * size, i * size + i + 1), i * n);
    a.fill(0, i * n + i + 1, (i + 1) * n);
  }
  return true;
}

/**
 * A's lower triangle copied into the kernels' memory padded to `size` (a multiple of 4) with an identity
 * block, `extraVectors` zeroed vectors of `size` after it, and factored there; heap is null when A is not
 * positive definite.
 */
function factorPadded(kernels: WasmKernels, a: Float64Array, n: number, extraVectors: number): { heap: Float64Array | null; size: number } {
  const size = (n + 3) & ~3;
  const heap = heapOf(kernels, (size + extraVectors) * size);
  heap.fill(0);
  for (let i = 0; i < n; i++) heap.set(a.subarray(i * n, i * n + i + 1), i * size);
  for (let i = n; i < size; i++) heap[i * size + i] = 1;
  return { heap: factorInHeap(kernels, size) ? heap : null, size };
}

/** Factors the size × size matrix at the start of the kernels' memory (size a multiple of 4). */
function factorInHeap(kernels: WasmKernels, size: number): boolean {
  for (let j0 = 0; j0 < size; j0 += CHOLESKY_PANEL) {
    const j1 = Math.min(size, j0 + CHOLESKY_PANEL);
    for (let start = 0; start < j0; start += OBSERVATION_BLOCK) kernels.tile(0, 0, size, size, j0, size, j0, j1, start, Math.min(j0, start + OBSERVATION_BLOCK), -1);
    if (!kernels.panel(0, size, j0, j1)) return false;
  }
  return true;
}

/**
 * The JavaScript Cholesky, for runtimes without WebAssembly SIMD. Column by column (Cholesky–Crout):
 * L_ij = (A_ij − Σ_k<j L_ik L_jk) / L_jj, two rows i at a time so each L_jk loaded serves both.
 */
export function choleskyScalar(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j]!;
    for (let k = 0; k < j; k++) diagonal -= a[rowJ + k]! * a[rowJ + k]!;
    if (!(diagonal > 0) || !Number.isFinite(diagonal)) return false;
    const ljj = Math.sqrt(diagonal);
    a[rowJ + j] = ljj;
    let i = j + 1;
    for (; i + 1 < n; i += 2) {
      const row0 = i * n;
      const row1 = row0 + n;
      let s0 = a[row0 + j]!;
      let s1 = a[row1 + j]!;
      for (let k = 0; k < j; k++) {
        const ljk = a[rowJ + k]!;
        s0 -= a[row0 + k]! * ljk;
        s1 -= a[row1 + k]! * ljk;
      }
      a[row0 + j] = s0 / ljj;
      a[row1 + j] = s1 / ljj;
    }
    for (; i < n; i++) {
      const row = i * n;
      let sum = a[row + j]!;
      for (let k = 0; k < j; k++) sum -= a[row + k]! * a[rowJ + k]!;
      a[row + j] = sum / ljj;
    }
    for (let k = j + 1; k < n; k++) a[rowJ + k] = 0;
  }
  return true;
}

/** Solves L y = b for lower-triangular L (row-major n×n); returns y. */
export function forwardSubstitute(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const kernels = wasmSolves();
  if (!kernels) return forwardSubstituteScalar(l, n, b);
  const heap = heapOf(kernels, n * n + 2 * n);
  heap.set(l.subarray(0, n * n));
  for (let i = 0; i < n; i++) heap[n * n + i] = b[i]!;
  kernels.forward(0, n, n * n * 8, (n * n + n) * 8);
  return heap.slice(n * n + n, n * n + 2 * n);
}

/** L y = b in JavaScript; L may be any array of numbers (mixedPrecision.ts solves with the GPU's f32 factor). */
export function forwardSubstituteScalar(l: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[row + k]! * y[k]!;
    y[i] = sum / l[row + i]!;
  }
  return y;
}

/**
 * Quadratic form bᵀ A⁻¹ b for symmetric positive-definite A, or null when A is singular: ‖L⁻¹b‖² with
 * A = L Lᵀ, factored and solved in the kernels' memory without copying L out.
 */
export function inverseQuadraticForm(a: Float64Array, n: number, b: ArrayLike<number>): number | null {
  const kernels = wasmSolves();
  let y: Float64Array;
  if (kernels) {
    const { heap, size } = factorPadded(kernels, a, n, 2);
    if (!heap) return null;
    for (let i = 0; i < n; i++) heap[size * size + i] = b[i]!;
    kernels.forward(0, size, size * size * 8, (size * size + size) * 8);
    y = heap.subarray(size * size + size, size * size + size + n);
  } else {
    const l = Float64Array.from(a);
    if (!choleskyScalar(l, n)) return null;
    y = forwardSubstituteScalar(l, n, b);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i]! * y[i]!;
  return sum;
}
