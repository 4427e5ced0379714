/// <reference types="@webgpu/types" />
/**
 * The WebGPU backend's kernels, on whatever `GPU` the runtime gives (a page's or worker's
 * `navigator.gpu`; in Node, the optional `webgpu` package's: node/nodeGpu.ts):
 * - the cross-product C = X Xᵀ of variable-major f64 matrices, computed in f32 with compensated sums
 *   (crossProductShader.ts) and returned as f64 — one, or a batch (the trial-shuffle null's products);
 * - the same product in emulated double precision (doubleFloatShader.ts), for the observed covariances,
 *   where the device's f32 arithmetic allows its error-free steps (checked when the kernels are made);
 * - bᵀA⁻¹b of a batch of SPD systems: Cholesky factor and solve in f32 on the GPU (choleskyShader.ts),
 *   refined to f64 on the CPU (mixedPrecision.ts), or solved in f64 on the CPU where f32 cannot hold
 *   the factor — so the forms agree with the CPU's to f64 rounding (gpuKernels.test.ts states the bound).
 */
import type { Accelerator, QuadraticForms, QuadraticSystem } from '../accelerator';
import { inverseQuadraticForm } from '../linalg';
import { choleskyShader } from './choleskyShader';
import { crossProductShader, TILE } from './crossProductShader';
import { doubleFloatShader } from './doubleFloatShader';
import { refinedQuadraticForm } from './mixedPrecision';

export interface GpuKernels extends Accelerator {
  readonly adapter: string;
  /** A software adapter (SwiftShader, or one the browser marks as fallback): correct, far slower than the CPU kernels. */
  readonly software: boolean;
  crossProduct(x: Float64Array, n: number, m: number): Promise<Float64Array>;
  /**
   * `batch` products at once: x holds batch matrices of n × m (matrix b at b·n·m); the result holds their
   * n × n products at b·n·n, upper triangle only (entries left of the diagonal are 0).
   */
  crossProductBatch(x: Float64Array, batch: number, n: number, m: number): Promise<Float64Array>;
  /** X Xᵀ in double-float (symmetric, f64 out), or null where this device's arithmetic fails the exactness check. */
  readonly crossProductPrecise: ((x: Float64Array, n: number, m: number) => Promise<Float64Array>) | null;
  /**
   * The f32 Cholesky factors and solutions of `batch` n × n systems (a at b·n·n, rhs at b·n): factors'
   * lower triangles, solutions, and each system's status (0, or k + 1 where pivot k was not positive).
   */
  choleskySolveBatch(a: Float64Array, rhs: Float64Array, batch: number, n: number): Promise<{ factors: Float32Array; solutions: Float32Array; status: Uint32Array }>;
  /** bᵀA⁻¹b of systems of one size n, to f64 accuracy (see the module comment). */
  quadraticForms(systems: readonly QuadraticSystem[], n: number): Promise<QuadraticForms>;
  destroy(): void;
}

/**
 * Whether an adapter is a software one: marked as a fallback, or a known CPU rasteriser by name.
 * Self-contained, so that node/nodeGpu.ts's probe process runs this very function from its source.
 */
export function isSoftwareAdapter(info: { isFallbackAdapter?: boolean; vendor: string; architecture: string; description: string }): boolean {
  return info.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe/i.test(`${info.vendor} ${info.architecture} ${info.description}`);
}

/** The GPU kernels on `gpu`, or the reason there are none (no WebGPU in this runtime, or no adapter). */
export async function gpuKernels(gpu: GPU | undefined): Promise<GpuKernels | { reason: string }> {
  if (!gpu) return { reason: 'no WebGPU in this runtime' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { reason: 'no GPU adapter' };
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
  });
  const module = device.createShaderModule({ code: crossProductShader });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const choleskyPipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: choleskyShader }), entryPoint: 'main' } });
  const doubleFloatPipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: doubleFloatShader }), entryPoint: 'main' } });
  // The double-float kernel's error-free steps hold only with IEEE rounding and no contraction: the square of
  // an f32 value is exact in f64, so each of these must come back exactly (1 + 2⁻¹²)² = 1 + 2⁻¹¹ + 2⁻²⁴ and so on).
  const squares = Float64Array.of(1 + 2 ** -12, Math.fround(Math.PI), Math.fround(1 / 3), Math.fround(-1.9999999));
  // A device that cannot run the check at all keeps the observed covariances on the CPU too.
  const doubleFloatIsExact = await crossProductPrecise(squares, 4, 1).then(
    (products) => products.every((value, k) => value === squares[Math.floor(k / 4)]! * squares[k % 4]!),
    () => false,
  );
  const info = adapter.info;
  // The GPU and adapter live as long as the kernels do: Node's WebGPU (Dawn) ends its instance, and any
  // device on it, once its GPU object is collected.
  const keepAlive = { gpu, adapter };
  return {
    software: isSoftwareAdapter(info),
    adapter: [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unnamed adapter',
    async crossProduct(x, n, m) {
      const upper = await crossProductBatch(x, 1, n, m);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) upper[j * n + i] = upper[i * n + j]!;
      return upper;
    },
    crossProductBatch,
    crossProductPrecise: doubleFloatIsExact ? crossProductPrecise : null,
    choleskySolveBatch,
    quadraticForms,
    destroy: () => {
      device.destroy();
      void keepAlive;
    },
  };

  /**
   * One dispatch of `pipeline`, whose bindings are these storage buffers in order (each filled with its
   * data, or `bytes` long and empty) and then a uniform buffer holding `shape`; gives back, in order, a
   * copy of each buffer marked `read`. Every buffer is destroyed when the dispatch is done.
   */
  async function dispatch(
    pipeline: GPUComputePipeline,
    storage: readonly { data?: Float32Array<ArrayBuffer>; bytes?: number; read?: boolean }[],
    shape: Uint32Array<ArrayBuffer>,
    workgroups: [number, number, number],
  ): Promise<ArrayBuffer[]> {
    const sizes = storage.map(({ data, bytes }) => data?.byteLength ?? bytes ?? 0);
    const buffers = sizes.map((size) => device.createBuffer({ size: Math.max(4, size), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC }));
    const uniform = device.createBuffer({ size: Math.max(16, shape.byteLength), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const read = storage.flatMap((binding, k) => (binding.read ? [k] : []));
    const offsets = read.map((k) => read.slice(0, read.indexOf(k)).reduce((sum, before) => sum + Math.max(4, sizes[before]!), 0));
    const readback = device.createBuffer({ size: Math.max(4, read.reduce((sum, k) => sum + Math.max(4, sizes[k]!), 0)), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      storage.forEach(({ data }, k) => data && device.queue.writeBuffer(buffers[k]!, 0, data));
      device.queue.writeBuffer(uniform, 0, shape);
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [...buffers, uniform].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(...workgroups);
      pass.end();
      read.forEach((k, r) => encoder.copyBufferToBuffer(buffers[k]!, 0, readback, offsets[r]!, Math.max(4, sizes[k]!)));
      device.queue.submit([encoder.finish()]);
      await readback.mapAsync(GPUMapMode.READ);
      const mapped = readback.getMappedRange();
      const copies = read.map((k, r) => mapped.slice(offsets[r]!, offsets[r]! + sizes[k]!));
      readback.unmap();
      return copies;
    } finally {
      for (const buffer of [...buffers, uniform, readback]) buffer.destroy();
    }
  }

  async function crossProductPrecise(x: Float64Array, n: number, m: number): Promise<Float64Array> {
    const bytes = Math.max(8, n * Math.max(m, n) * 8);
    if (bytes > device.limits.maxStorageBufferBindingSize) throw new Error(`a ${n} × ${m} double-float product needs ${bytes} bytes in one buffer, over this GPU's ${device.limits.maxStorageBufferBindingSize}`);
    // Each row scaled by a power of two (exact) to a largest |value| in [1, 2): no lo part among f32's denormals.
    const scale = new Float64Array(n);
    const pairs = new Float32Array(2 * n * m);
    for (let i = 0; i < n; i++) {
      let largest = 0;
      for (let t = 0; t < m; t++) largest = Math.max(largest, Math.abs(x[i * m + t]!));
      scale[i] = largest > 0 && Number.isFinite(largest) ? 2 ** -Math.floor(Math.log2(largest)) : 1;
      for (let t = 0; t < m; t++) {
        const value = x[i * m + t]! * scale[i]!;
        const high = Math.fround(value);
        pairs[2 * (i * m + t)] = high;
        pairs[2 * (i * m + t) + 1] = Math.fround(value - high);
      }
    }
    const tiles = Math.ceil(n / TILE);
    const [sumBytes] = await dispatch(doubleFloatPipeline, [{ data: pairs }, { bytes: n * n * 8, read: true }], Uint32Array.of(n, m), [tiles, tiles, 1]);
    const sums = new Float32Array(sumBytes!);
    const c = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) c[i * n + j] = c[j * n + i] = (sums[2 * (i * n + j)]! + sums[2 * (i * n + j) + 1]!) / (scale[i]! * scale[j]!);
    }
    return c;
  }

  async function choleskySolveBatch(a: Float64Array, rhs: Float64Array, batch: number, n: number) {
    const matrixBytes = Math.max(4, batch * n * n * 4);
    if (matrixBytes > device.limits.maxStorageBufferBindingSize) {
      throw new Error(`${batch} systems of ${n} × ${n} need ${matrixBytes} bytes in one buffer, over this GPU's ${device.limits.maxStorageBufferBindingSize}`);
    }
    const [factors, solutions, status] = await dispatch(
      choleskyPipeline,
      [
        { data: Float32Array.from(a.subarray(0, batch * n * n)), read: true },
        { data: Float32Array.from(rhs.subarray(0, batch * n)), read: true },
        { bytes: batch * 4, read: true },
      ],
      Uint32Array.of(n),
      [batch, 1, 1],
    );
    return { factors: new Float32Array(factors!), solutions: new Float32Array(solutions!), status: new Uint32Array(status!) };
  }

  async function quadraticForms(systems: readonly QuadraticSystem[], n: number): Promise<QuadraticForms> {
    const values: (number | null)[] = new Array<number | null>(systems.length).fill(null);
    let refined = 0;
    let solvedOnCpu = 0;
    // As many systems per dispatch as one buffer and one dispatch dimension hold; a system larger than a buffer is the CPU's.
    const perDispatch = Math.min(device.limits.maxComputeWorkgroupsPerDimension, Math.floor(device.limits.maxStorageBufferBindingSize / Math.max(1, n * n * 4)));
    for (let start = 0; start < systems.length; start += Math.max(1, perDispatch)) {
      const chunk = systems.slice(start, start + Math.max(1, perDispatch));
      let low: Awaited<ReturnType<typeof choleskySolveBatch>> | null = null;
      if (perDispatch > 0 && n > 0) {
        const a = new Float64Array(chunk.length * n * n);
        const rhs = new Float64Array(chunk.length * n);
        chunk.forEach((system, s) => {
          a.set(system.a.subarray(0, n * n), s * n * n);
          for (let i = 0; i < n; i++) rhs[s * n + i] = system.b[i]!;
        });
        low = await choleskySolveBatch(a, rhs, chunk.length, n);
      }
      chunk.forEach((system, s) => {
        const form =
          low && low.status[s] === 0
            ? refinedQuadraticForm(system.a, n, system.b, { factor: low.factors.subarray(s * n * n, (s + 1) * n * n), solution: low.solutions.subarray(s * n, (s + 1) * n) })
            : null;
        if (form) refined++;
        else solvedOnCpu++;
        values[start + s] = form ? form.value : inverseQuadraticForm(system.a, n, system.b);
      });
    }
    return { values, refined, solvedOnCpu };
  }

  async function crossProductBatch(x: Float64Array, batch: number, n: number, m: number): Promise<Float64Array> {
    const inputBytes = batch * n * m * 4;
    const outputBytes = batch * n * n * 4;
    if (Math.max(inputBytes, outputBytes) > device.limits.maxStorageBufferBindingSize) {
      throw new Error(`a ${batch > 1 ? `batch of ${batch} ` : ''}${n} × ${m} product${batch > 1 ? 's' : ''} needs ${Math.max(inputBytes, outputBytes)} bytes in one buffer, over this GPU's ${device.limits.maxStorageBufferBindingSize}`);
    }
    const tiles = Math.ceil(n / TILE);
    const [products] = await dispatch(pipeline, [{ data: Float32Array.from(x.subarray(0, batch * n * m)) }, { bytes: outputBytes, read: true }], Uint32Array.of(n, m), [tiles, tiles, batch]);
    return Float64Array.from(new Float32Array(products!));
  }
}
