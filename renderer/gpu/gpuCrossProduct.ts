/**
 * The WebGPU backend's cross-product: where `navigator.gpu` gives an adapter (a page or a worker), C = X Xᵀ
 * of a variable-major f64 matrix computed in f32 with compensated sums (crossProductShader.ts) and
 * returned as f64, symmetric. Not yet used by the analysis, whose kernels are synchronous: this is the
 * kernel and its measured error and speed (npm run bench, gpuCrossProduct.e2e.test.ts).
 */
import { crossProductShader, TILE } from './crossProductShader';

export interface GpuKernels {
  readonly adapter: string;
  /** A software adapter (SwiftShader, or one the browser marks as fallback): correct, far slower than the CPU kernels. */
  readonly software: boolean;
  crossProduct(x: Float64Array, n: number, m: number): Promise<Float64Array>;
  /**
   * `batch` products at once: x holds batch matrices of n × m (matrix b at b·n·m); the result holds their
   * n × n products at b·n·n, upper triangle only (entries left of the diagonal are 0).
   */
  crossProductBatch(x: Float64Array, batch: number, n: number, m: number): Promise<Float64Array>;
  destroy(): void;
}

/** The GPU kernels, or null with the reason (no WebGPU in this runtime, or no adapter). */
export async function gpuKernels(gpu: GPU | undefined = (globalThis.navigator as Navigator | undefined)?.gpu): Promise<GpuKernels | { reason: string }> {
  if (!gpu) return { reason: 'no WebGPU in this runtime' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { reason: 'no GPU adapter' };
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
  });
  const module = device.createShaderModule({ code: crossProductShader });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const info = adapter.info;
  return {
    software: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe/i.test(`${info.vendor} ${info.architecture} ${info.description}`),
    adapter: [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unnamed adapter',
    async crossProduct(x, n, m) {
      const upper = await crossProductBatch(x, 1, n, m);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) upper[j * n + i] = upper[i * n + j]!;
      return upper;
    },
    crossProductBatch,
    destroy: () => device.destroy(),
  };

  async function crossProductBatch(x: Float64Array, batch: number, n: number, m: number): Promise<Float64Array> {
      const inputBytes = batch * n * m * 4;
      const outputBytes = batch * n * n * 4;
      if (Math.max(inputBytes, outputBytes) > device.limits.maxStorageBufferBindingSize) {
        throw new Error(`a ${batch > 1 ? `batch of ${batch} ` : ''}${n} × ${m} product${batch > 1 ? 's' : ''} needs ${Math.max(inputBytes, outputBytes)} bytes in one buffer, over this GPU's ${device.limits.maxStorageBufferBindingSize}`);
      }
      const input = device.createBuffer({ size: Math.max(4, inputBytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      const output = device.createBuffer({ size: Math.max(4, outputBytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      const shape = device.createBuffer({ size: 8, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      const readback = device.createBuffer({ size: Math.max(4, outputBytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      try {
        device.queue.writeBuffer(input, 0, Float32Array.from(x.subarray(0, batch * n * m)));
        device.queue.writeBuffer(shape, 0, Uint32Array.of(n, m));
        const bindGroup = device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: { buffer: input } },
            { binding: 1, resource: { buffer: output } },
            { binding: 2, resource: { buffer: shape } },
          ],
        });
        const encoder = device.createCommandEncoder();
        const pass = encoder.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        const tiles = Math.ceil(n / TILE);
        pass.dispatchWorkgroups(tiles, tiles, batch);
        pass.end();
        encoder.copyBufferToBuffer(output, 0, readback, 0, Math.max(4, outputBytes));
        device.queue.submit([encoder.finish()]);
        await readback.mapAsync(GPUMapMode.READ);
        const result = Float64Array.from(new Float32Array(readback.getMappedRange(), 0, batch * n * n));
        readback.unmap();
        return result;
      } finally {
        for (const buffer of [input, output, shape, readback]) buffer.destroy();
      }
  }
}
