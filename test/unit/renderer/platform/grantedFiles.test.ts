import { describe, expect, it } from 'vitest';
import { readGranted } from '../../../../renderer/platform/grantedFiles';
import { MAX_SLICE_BYTES } from '../../../../shared/platform/chorusApi';

describe('files granted by main, read in slices', () => {
  it('no read asks for more than a slice, and the Blob holds the file byte for byte', async () => {
    const size = 2 * MAX_SLICE_BYTES + 12345;
    const file = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) file[i] = (i / 4096) % 251;
    const asked: [number, number][] = [];
    const [read] = await readGranted([{ name: 'big.nwb', size, token: 'a'.repeat(32) }], async (_token, offset, length) => {
      asked.push([offset, length]);
      return file.slice(offset, offset + length);
    });
    expect(asked).toEqual([[0, MAX_SLICE_BYTES], [MAX_SLICE_BYTES, MAX_SLICE_BYTES], [2 * MAX_SLICE_BYTES, 12345]]);
    expect(read!.name).toBe('big.nwb');
    // Compared as buffers: a deep equality over 33 million elements would take the heap.
    const joined = new Uint8Array(await read!.blob.arrayBuffer());
    expect(joined.length).toBe(size);
    expect(Buffer.compare(joined, file)).toBe(0);
  });

  it('a file that shrank while read is said, naming it', async () => {
    await expect(readGranted([{ name: 'v4.nwb', size: 100, token: 'b'.repeat(32) }], async (_t, offset) => new Uint8Array(offset === 0 ? 60 : 0))).rejects.toThrow(
      'v4.nwb: the file ended at byte 60 of 100',
    );
  });
});
