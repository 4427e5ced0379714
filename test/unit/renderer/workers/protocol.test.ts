import { describe, expect, it } from 'vitest';
import { workerRequestSchema } from '../../../../renderer/workers/protocol';

const file = (name: string) => ({ name, blob: new Blob(['{}'], { type: 'application/json' }) });
const mapping = { chorusMapping: 1 };
const open = { kind: 'open', job: 4, files: [file('day1.chorus.json')], mapping, dropSilent: false };
const accepted = (request: unknown) => workerRequestSchema.safeParse(request).success;

describe('requests to the analysis worker', () => {
  it('accepts the demo, a preview, an open and a cancel', () => {
    expect(accepted({ kind: 'demo', job: 1, seed: 7 })).toBe(true);
    expect(accepted({ ...open, kind: 'preview' })).toBe(true);
    expect(accepted(open)).toBe(true);
    expect(accepted({ kind: 'cancel', job: 4 })).toBe(true);
  });

  it('keeps the files as the Blobs they arrived as', () => {
    const parsed = workerRequestSchema.parse(open);
    expect(parsed.kind === 'open' && parsed.files[0]!.blob).toBe(open.files[0]!.blob);
  });

  it('refuses unknown kinds and requests without a kind', () => {
    expect(accepted({ kind: 'analyse', job: 1 })).toBe(false);
    expect(accepted({ job: 1, seed: 7 })).toBe(false);
    expect(accepted(null)).toBe(false);
  });

  it('refuses job numbers and seeds that are not whole numbers', () => {
    expect(accepted({ kind: 'cancel', job: 1.5 })).toBe(false);
    expect(accepted({ kind: 'cancel', job: '4' })).toBe(false);
    expect(accepted({ kind: 'demo', job: 1, seed: 0.5 })).toBe(false);
    expect(accepted({ ...open, job: Number.NaN })).toBe(false);
  });

  it('refuses negative job numbers', () => {
    expect(accepted({ kind: 'cancel', job: -1 })).toBe(false);
    expect(accepted({ ...open, job: -3 })).toBe(false);
  });

  it('refuses an open without files, with a nameless file or a name over 2048 characters, or with something other than a Blob', () => {
    expect(accepted({ ...open, files: [] })).toBe(false);
    expect(accepted({ ...open, files: [file('')] })).toBe(false);
    expect(accepted({ ...open, files: [file(`${'a'.repeat(2045)}.csv`)] })).toBe(false);
    expect(accepted({ ...open, files: [file(`${'a'.repeat(2044)}.csv`)] })).toBe(true);
    expect(accepted({ ...open, files: [{ name: 'day1.csv', blob: 'day1,task,1' }] })).toBe(false);
    expect(accepted({ ...open, files: Array.from({ length: 2001 }, (_, k) => file(`s${k}.csv`)) })).toBe(false);
  });

  it('refuses an open without its mapping or its silent-neuron choice', () => {
    expect(accepted({ ...open, mapping: undefined })).toBe(false);
    expect(accepted({ ...open, dropSilent: 'yes' })).toBe(false);
  });
});
