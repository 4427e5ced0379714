import { describe, expect, it } from 'vitest';
import { storyDatasetProblem } from '../../../shared/story/storyDataset';

const hash = (c: string) => c.repeat(64);
const files = { kind: 'files' as const, name: 'Mouse 7', files: [{ name: 'day1.nwb', bytes: 2_400_000, sha256: hash('a') }, { name: 'day2.nwb', bytes: 1200, sha256: hash('b') }] };

describe('storyDatasetProblem', () => {
  it('accepts the same demo, or the same files with the same contents in any order', () => {
    expect(storyDatasetProblem({ kind: 'demo', name: 'Simulated V4 learning (seed 1)' }, { kind: 'demo', name: 'Simulated V4 learning (seed 1)' })).toBeNull();
    expect(storyDatasetProblem(files, { ...files, files: [...files.files].reverse() })).toBeNull();
  });

  it('refuses another demo, a model or no dataset, saying what the story needs', () => {
    expect(storyDatasetProblem({ kind: 'demo', name: 'Simulated V4 learning (seed 1)' }, { kind: 'demo', name: 'Simulated V4 learning (seed 2)' })).toBe(
      'this story is of the demo "Simulated V4 learning (seed 1)"; open it first (Load demo) — the dataset shown is "Simulated V4 learning (seed 2)"',
    );
    expect(storyDatasetProblem(files, { kind: 'other', name: 'Hypothesis' })).toMatch(/^this story is of day1\.nwb, day2\.nwb \("Mouse 7"\); open those files first/);
    expect(storyDatasetProblem(files, null)).toMatch(/no dataset is open/);
  });

  it('names the file that differs: missing, another size, other contents, or one too many', () => {
    const shown = (changes: Partial<(typeof files.files)[number]>, extra = false) => ({
      ...files,
      files: [{ ...files.files[0]!, ...changes }, files.files[1]!, ...(extra ? [{ name: 'day3.nwb', bytes: 5, sha256: hash('c') }] : [])],
    });
    expect(storyDatasetProblem(files, shown({ name: 'day1-v2.nwb' }))).toMatch(/day1\.nwb is not among the files open \(day1-v2\.nwb, day2\.nwb\)/);
    expect(storyDatasetProblem(files, shown({ bytes: 2_500_000 }))).toMatch(/day1\.nwb is 2\.4 MB, the story's is 2\.3 MB: another version of the file/);
    expect(storyDatasetProblem(files, shown({ sha256: hash('f') }))).toMatch(/day1\.nwb has other contents than the story's \(SHA-256 ffffffffffff… where the story has aaaaaaaaaaaa…\)/);
    expect(storyDatasetProblem(files, shown({}, true))).toMatch(/day3\.nwb is open but not part of the story's dataset/);
  });
});
