/**
 * The WebGPU cross-product C = X Xᵀ in emulated double precision ("double-float"): each f64 input is
 * split into an f32 pair hi + lo (48 of its 53 bits; rows are first scaled by a power of two so that no
 * lo part falls to f32's denormals); each product a_hi·b_hi is made exact as p + e by Dekker's split
 * (WGSL's fma may round twice, and does on SwiftShader), with the cross terms added to e; each sum is an
 * f32 pair kept by error-free addition (two-sum). One matrix per dispatch, 16 × 16 tiles of the upper
 * triangle, as crossProductShader.ts; the result is each entry's pair (hi, lo), read as hi + lo.
 *
 * The error is about 2⁻⁴⁶ per term on the entry's scale — far below f32's 2⁻²⁴, above f64's 2⁻⁵³.
 * Error-free steps need IEEE rounding without contraction or reassociation; gpuKernels.ts checks that
 * the device gives exact squares before it uses this kernel. */
import { TILE } from './crossProductShader';

export const doubleFloatShader = /* wgsl */ `
struct Shape { n: u32, m: u32 }

@group(0) @binding(0) var<storage, read> x: array<vec2<f32>>;
@group(0) @binding(1) var<storage, read_write> c: array<vec2<f32>>;
@group(0) @binding(2) var<uniform> shape: Shape;

var<workgroup> rowsTile: array<array<vec2<f32>, ${TILE}>, ${TILE}>;
var<workgroup> columnsTile: array<array<vec2<f32>, ${TILE}>, ${TILE}>;

fn load(row: u32, t: u32) -> vec2<f32> {
  if (row < shape.n && t < shape.m) { return x[row * shape.m + t]; }
  return vec2<f32>(0.0, 0.0);
}

// a = high + low with 12-bit halves, so that products of halves are exact in f32 (Dekker).
fn split(a: f32) -> vec2<f32> {
  let c = 4097.0 * a;
  let high = c - (c - a);
  return vec2<f32>(high, a - high);
}

// The rounding error of p = a·b: a·b − p exactly.
fn productError(a: f32, b: f32, p: f32) -> f32 {
  let x = split(a);
  let y = split(b);
  return ((x.x * y.x - p) + x.x * y.y + x.y * y.x) + x.y * y.y;
}

// (s_hi, s_lo) + (p, e): two-sum of the high parts, the low parts and the error folded in, renormalised.
fn accumulate(s: vec2<f32>, p: f32, e: f32) -> vec2<f32> {
  let t = s.x + p;
  let v = t - s.x;
  let error = (s.x - (t - v)) + (p - v);
  let low = s.y + error + e;
  let high = t + low;
  return vec2<f32>(high, low - (high - t));
}

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u) {
  if (group.x < group.y) { return; }
  let i = group.y * ${TILE}u + local.y;
  let j = group.x * ${TILE}u + local.x;
  var sum = vec2<f32>(0.0, 0.0);
  for (var start = 0u; start < shape.m; start += ${TILE}u) {
    rowsTile[local.y][local.x] = load(i, start + local.x);
    columnsTile[local.y][local.x] = load(group.x * ${TILE}u + local.y, start + local.x);
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k++) {
      let a = rowsTile[local.y][k];
      let b = columnsTile[local.x][k];
      let p = a.x * b.x;
      let e = productError(a.x, b.x, p) + (a.x * b.y + a.y * b.x);
      sum = accumulate(sum, p, e);
    }
    workgroupBarrier();
  }
  if (i < shape.n && j < shape.n) { c[i * shape.n + j] = sum; }
}
`;
