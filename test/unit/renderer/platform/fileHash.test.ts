import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fileSha256 } from '../../../../renderer/platform/fileHash';

describe('fileSha256', () => {
  it('gives the SHA-256 of the FIPS test vectors', async () => {
    expect(await fileSha256(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await fileSha256(new Blob([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes a file larger than one slice as one stream, with progress, as Node does', async () => {
    const bytes = new Uint8Array(20 * 1024 * 1024 + 123);
    for (let k = 0; k < bytes.length; k++) bytes[k] = (k * 2654435761) >>> 24;
    const seen: number[] = [];
    const hex = await fileSha256(new Blob([bytes]), (done) => seen.push(done));
    expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(seen).toEqual([8 << 20, 16 << 20, bytes.length]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fileSha256(new Blob([new Uint8Array(10)]), undefined, controller.signal)).rejects.toThrow();
  });
});
