/**
 * The WebGPU Cholesky factor and solve of a batch of symmetric positive-definite systems A_b x_b = b_b,
 * in f32: one workgroup per system (the dispatch's x), right-looking, one column per step. Step k takes
 * the pivot L_kk = sqrt(a_kk), scales column k below it, applies it to the right-hand side (forward
 * substitution, fused), and subtracts L_ik L_jk from the trailing lower triangle; then the back
 * substitution Lᵀ x = y runs row by row. A_b is n × n row-major at b·n·n (its lower triangle is
 * overwritten by L), b_b at b·n (overwritten by x); status_b is 0, or k + 1 where pivot k was not
 * positive (the system is not positive definite in f32, and its x is meaningless).
 *
 * f32 alone gives x to about cond(A)·6·10⁻⁸; mixedPrecision.ts refines it to f64 on the CPU.
 */
export const CHOLESKY_THREADS = 256;

export const choleskyShader = /* wgsl */ `
struct Shape { n: u32 }

@group(0) @binding(0) var<storage, read_write> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> status: array<u32>;
@group(0) @binding(3) var<uniform> shape: Shape;

var<workgroup> pivot: f32;
var<workgroup> value: f32;

@compute @workgroup_size(${CHOLESKY_THREADS})
fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) t: u32) {
  let n = shape.n;
  let base = group.x * n * n;
  let rhs = group.x * n;
  if (t == 0u) { status[group.x] = 0u; }
  for (var k = 0u; k < n; k++) {
    if (t == 0u) {
      let d = a[base + k * n + k];
      if (!(d > 0.0) && status[group.x] == 0u) { status[group.x] = k + 1u; }
      let root = select(1.0, sqrt(d), d > 0.0);
      a[base + k * n + k] = root;
      pivot = root;
      value = x[rhs + k] / root;
      x[rhs + k] = value;
    }
    storageBarrier();
    workgroupBarrier();
    for (var i = k + 1u + t; i < n; i += ${CHOLESKY_THREADS}u) {
      let l = a[base + i * n + k] / pivot;
      a[base + i * n + k] = l;
      x[rhs + i] = x[rhs + i] - l * value;
    }
    storageBarrier();
    workgroupBarrier();
    let m = n - k - 1u;
    for (var e = t; e < m * m; e += ${CHOLESKY_THREADS}u) {
      let i = k + 1u + e / m;
      let j = k + 1u + e % m;
      if (j <= i) { a[base + i * n + j] = a[base + i * n + j] - a[base + i * n + k] * a[base + j * n + k]; }
    }
    storageBarrier();
    workgroupBarrier();
  }
  // Lᵀ x = y: x_k = y_k / L_kk, then y_i -= L_ki x_k for i < k (row k of L, contiguous).
  for (var kk = 0u; kk < n; kk++) {
    let k = n - 1u - kk;
    if (t == 0u) {
      value = x[rhs + k] / a[base + k * n + k];
      x[rhs + k] = value;
    }
    storageBarrier();
    workgroupBarrier();
    for (var i = t; i < k; i += ${CHOLESKY_THREADS}u) {
      x[rhs + i] = x[rhs + i] - a[base + k * n + i] * value;
    }
    storageBarrier();
    workgroupBarrier();
  }
}
`;
