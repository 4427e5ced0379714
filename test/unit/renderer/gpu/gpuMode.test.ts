import { describe, expect, it } from 'vitest';
import { gpuBatchProducts, gpuModeOf } from '../../../../renderer/gpu/gpuMode';

describe('the GPU mode (?gpu=, carried in worker names)', () => {
  it('is read from a query string or a worker name, and is off unless asked', () => {
    expect(gpuModeOf('')).toBe('off');
    expect(gpuModeOf('?gpu=on')).toBe('on');
    expect(gpuModeOf('?story=1&gpu=auto')).toBe('auto');
    expect(gpuModeOf('chorus frame worker threads=2 gpu=on')).toBe('on');
    expect(gpuModeOf('?gpu=fast')).toBe('off');
    expect(gpuModeOf('?nogpu=on')).toBe('off');
  });

  it('gives no batched products off, or where the runtime has no WebGPU (as Node here)', async () => {
    expect(await gpuBatchProducts('off')).toBeNull();
    expect(await gpuBatchProducts('on')).toBeNull();
  });
});
