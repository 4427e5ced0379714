// Where is the Electron binary? The `electron` package exports the binary's path, but only when its
// install script managed to download it; it is an optional dependency, so it may be missing entirely.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

export function findElectronBinary(root) {
  const require = createRequire(`${root}package.json`);
  let path;
  try {
    path = require('electron');
  } catch (error) {
    return {
      path: null,
      reason:
        error.code === 'MODULE_NOT_FOUND'
          ? 'the optional "electron" package is not installed (its binary download failed or was skipped)'
          : `the Electron binary is not usable (${String(error.message).split('\n')[0]})`,
    };
  }
  if (typeof path !== 'string' || !existsSync(path)) {
    return { path: null, reason: `the Electron binary is missing (${String(path)})` };
  }
  return { path, reason: null };
}
