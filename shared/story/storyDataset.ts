import type { StoryDataset } from './storyFile';

/** The dataset on screen, as a story names one: the demo, files (with their hashes), or neither (a model). */
export type ShownDataset =
  | { readonly kind: 'demo'; readonly name: string }
  | { readonly kind: 'files'; readonly name: string; readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[] }
  | { readonly kind: 'other'; readonly name: string };

const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} bytes`);

/**
 * Why a story cannot be shown on the dataset on screen (null when it can): the story names its
 * dataset by the demo's name, or by its files' names, sizes and SHA-256 — a file of the same name with
 * other contents is refused, and the message says which file differs and how.
 */
export function storyDatasetProblem(wanted: StoryDataset, shown: ShownDataset | null): string | null {
  const what = wanted.kind === 'demo' ? `the demo "${wanted.name}"` : `${wanted.files.map((f) => f.name).join(', ')} ("${wanted.name}")`;
  if (!shown) return `this story is of ${what}; no dataset is open`;
  if (wanted.kind === 'demo') {
    return shown.kind === 'demo' && shown.name === wanted.name ? null : `this story is of ${what}; open it first (Load demo) — the dataset shown is "${shown.name}"`;
  }
  if (shown.kind !== 'files') return `this story is of ${what}; open those files first — the dataset shown is "${shown.name}"`;
  const problems: string[] = [];
  for (const file of wanted.files) {
    const found = shown.files.find((f) => f.name === file.name);
    if (!found) problems.push(`${file.name} is not among the files open (${shown.files.map((f) => f.name).join(', ')})`);
    else if (found.bytes !== file.bytes) problems.push(`${file.name} is ${size(found.bytes)}, the story's is ${size(file.bytes)}: another version of the file`);
    else if (found.sha256 !== file.sha256) problems.push(`${file.name} has other contents than the story's (SHA-256 ${found.sha256.slice(0, 12)}… where the story has ${file.sha256.slice(0, 12)}…)`);
  }
  for (const file of shown.files) if (!wanted.files.some((f) => f.name === file.name)) problems.push(`${file.name} is open but not part of the story's dataset`);
  return problems.length === 0 ? null : `this story is of ${what}: ${problems.join('; ')}`;
}
