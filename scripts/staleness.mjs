// "Build what is stale": an output is stale when missing or older than any file under the inputs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isStale(root, inputs, outputs) {
  const outputPaths = outputs.map((o) => join(root, o));
  if (outputPaths.some((p) => !existsSync(p))) return true;
  const oldestOutput = Math.min(...outputPaths.map((p) => statSync(p).mtimeMs));
  const newestInput = Math.max(...inputs.map((i) => join(root, i)).filter(existsSync).map(newestMtime));
  return newestInput > oldestOutput;
}
