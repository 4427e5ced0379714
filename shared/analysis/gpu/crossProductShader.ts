/**
 * The WebGPU cross-product C = X Xᵀ (kernels/linalg.wat's product, on the GPU) of a batch of matrices:
 * X_b is n variables × m observations in f32, row-major, at b·n·m; C_b at b·n·n (upper triangle; the
 * batch is the dispatch's z). Each 16 × 16 workgroup computes one tile of the upper triangle, staging
 * 16 observations of its rows and its columns in workgroup memory per step; each thread sums its entry
 * with Kahan compensation, so the sum adds no error beyond f32 rounding of the inputs and the products
 * (the error against f64 is stated and tested in gpuCrossProduct.e2e.test.ts).
 */
export const TILE = 16;

export const crossProductShader = /* wgsl */ `
struct Shape { n: u32, m: u32 }

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<uniform> shape: Shape;

var<workgroup> rowsTile: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> columnsTile: array<array<f32, ${TILE}>, ${TILE}>;

fn load(base: u32, row: u32, t: u32) -> f32 {
  if (row < shape.n && t < shape.m) { return x[base + row * shape.m + t]; }
  return 0.0;
}

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u) {
  // Tiles below the diagonal mirror those above: skipped (uniform across the workgroup).
  if (group.x < group.y) { return; }
  let base = group.z * shape.n * shape.m;
  let i = group.y * ${TILE}u + local.y;
  let j = group.x * ${TILE}u + local.x;
  var sum = 0.0;
  var compensation = 0.0;
  for (var start = 0u; start < shape.m; start += ${TILE}u) {
    rowsTile[local.y][local.x] = load(base, i, start + local.x);
    columnsTile[local.y][local.x] = load(base, group.x * ${TILE}u + local.y, start + local.x);
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k++) {
      let term = rowsTile[local.y][k] * columnsTile[local.x][k] - compensation;
      let next = sum + term;
      compensation = (next - sum) - term;
      sum = next;
    }
    workgroupBarrier();
  }
  if (i < shape.n && j < shape.n) { c[group.z * shape.n * shape.n + i * shape.n + j] = sum; }
}
`;
