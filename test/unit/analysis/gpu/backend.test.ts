import { describe, expect, it } from 'vitest';
import { acceleratorFor, backendOf } from '../../../../shared/analysis/gpu/backend';

/** A WebGPU that offers one adapter (or none), enough for the kernels to be made and refused. */
function fakeGpu(adapter: { software: boolean } | null): GPU {
  const device = { createShaderModule: () => ({}), createComputePipeline: () => ({}), destroy: () => (destroyed.count += 1), limits: {} };
  const destroyed = { count: 0 };
  return {
    destroyed,
    requestAdapter: async () =>
      adapter && {
        info: adapter.software ? { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader' } : { vendor: 'acme', architecture: 'rdna9', device: 'X1', description: '' },
        limits: { maxStorageBufferBindingSize: 1 << 27, maxBufferSize: 1 << 28 },
        requestDevice: async () => device,
      },
  } as unknown as GPU;
}

describe('the analysis backend', () => {
  it('is named by backend= in a page query or a worker name; auto when unnamed, null when not a backend', () => {
    expect(backendOf('')).toBe('auto');
    expect(backendOf('?backend=gpu')).toBe('gpu');
    expect(backendOf('?story=1&backend=cpu')).toBe('cpu');
    expect(backendOf('chorus frame worker threads=2 backend=gpu')).toBe('gpu');
    expect(backendOf('?backend=fast')).toBeNull();
    expect(backendOf('?backend=')).toBeNull();
    expect(backendOf('?nobackend=gpu')).toBe('auto');
  });

  it('cpu asks for nothing; auto takes a hardware adapter and declines a software one; gpu takes any, or says why there is none', async () => {
    expect((await acceleratorFor('cpu', fakeGpu({ software: false }))).kernels).toBeNull();
    const hardware = await acceleratorFor('auto', fakeGpu({ software: false }));
    expect(hardware.kernels?.adapter).toBe('acme rdna9 X1');
    expect(hardware.kernels?.software).toBe(false);
    // This fake device cannot run the double-float exactness check: its observed covariances stay on the CPU.
    expect(hardware.kernels?.crossProductPrecise).toBeNull();
    const softwareGpu = fakeGpu({ software: true });
    const declined = await acceleratorFor('auto', softwareGpu);
    expect(declined).toEqual({ kernels: null, reason: expect.stringMatching(/only adapter is a software one \(google swiftshader SwiftShader\)/) });
    expect((softwareGpu as unknown as { destroyed: { count: number } }).destroyed.count).toBe(1); // the declined device is not left open
    expect((await acceleratorFor('gpu', softwareGpu)).kernels?.software).toBe(true);
    expect(await acceleratorFor('gpu', fakeGpu(null))).toEqual({ kernels: null, reason: 'no GPU adapter' });
    expect(await acceleratorFor('gpu', undefined)).toEqual({ kernels: null, reason: 'no WebGPU in this runtime' });
    const broken = { requestAdapter: async () => Promise.reject(new Error('driver lost')) } as unknown as GPU;
    expect(await acceleratorFor('auto', broken)).toEqual({ kernels: null, reason: 'the GPU device could not be made (driver lost)' });
  });
});
