import { describe, expect, it } from 'vitest';
import { describeInput, inspectInput } from '../../../node/cliInspect';
import { EMPTY_MAPPING } from '../../../shared/formats/mapping';
import { matFile, matrix, mi, numbers } from '../../helpers/matV5Bytes';

/**
 * Issue 11, item 13: `chorus inspect` on a MATLAB file says each array's stored class (uint8, uint16,
 * int32…), not "double": MATLAB keeps those classes, and a lab's raster saved as uint8 is read as such.
 */
const MX_UINT8 = 9;
const MX_UINT16 = 11;
const MX_INT32 = 12;

function file(): Uint8Array {
  const little = true;
  const u8 = numbers(little, 1, (v, o, x) => v.setUint8(o, x), [1, 2, 3, 4, 5, 6]);
  const u16 = numbers(little, 2, (v, o, x) => v.setUint16(o, x, little), [500, 600, 700, 800]);
  const i32 = numbers(little, 4, (v, o, x) => v.setInt32(o, x, little), [-1, 2]);
  const element = (type: number, payload: Uint8Array) => {
    const out = new Uint8Array(8 + Math.ceil(payload.length / 8) * 8);
    new DataView(out.buffer).setUint32(0, type, little);
    new DataView(out.buffer).setUint32(4, payload.length, little);
    out.set(payload, 8);
    return out;
  };
  return matFile(little, [
    matrix(little, MX_UINT8, [2, 3], 'raster', [element(mi.UINT8, u8)]),
    matrix(little, MX_UINT16, [1, 4], 'counts', [element(mi.UINT16, u16)]),
    matrix(little, MX_INT32, [1, 2], 'labels', [element(mi.INT32, i32)]),
  ]);
}

describe('inspect on a MATLAB file (item 13)', () => {
  it('reports each array with its stored class and shape', async () => {
    const bytes = file();
    const inspected = await inspectInput('narrow.mat', [{ name: 'narrow.mat', source: { size: bytes.length, read: (offset: number, length: number) => bytes.subarray(offset, offset + length) } }], EMPTY_MAPPING);
    const text = describeInput(inspected).join("\n");
    expect(text).toMatch(/raster\b[^\n]*uint8/);
    expect(text).toMatch(/counts\b[^\n]*uint16/);
    expect(text).toMatch(/labels\b[^\n]*int32/);
    expect(text).not.toMatch(/raster\b[^\n]*double/);
  });
});
