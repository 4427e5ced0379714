import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Electron's fuse wire marker (@electron/fuses' SENTINEL), followed by the wire's version and length. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron 41's fuses as shipped, in @electron/fuses' order (RunAsNode, cookie encryption, NODE_OPTIONS,
 * --inspect, asar integrity, app from asar only, browser V8 snapshot, file:// privileges): '1' on, '0' off.
 */
const SHIPPED_FUSES = '10110001';

/**
 * A clearly-labelled STAND-IN for an Electron distribution, for packaging tests where Electron's binary
 * cannot be downloaded: the files electron-builder copies and renames, and an `electron` that is a shell
 * script saying what it is — carrying a fuse wire like the real binary's, so electron-builder's fuse
 * flipping runs on it and can be read back. Nothing built from it runs Chorus.
 */
export function writeStandInElectron(folder: string, version: string): string {
  mkdirSync(join(folder, 'resources'), { recursive: true });
  const executable = join(folder, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from(`#!/bin/sh\necho "STAND-IN Electron ${version} from Chorus's packaging test: this package cannot run." >&2\nexit 1\n# fuse wire: `),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, SHIPPED_FUSES.length]),
      Buffer.from(SHIPPED_FUSES),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(folder, 'chrome-sandbox'), '#!/bin/sh\n# STAND-IN chrome-sandbox\nexit 1\n', { mode: 0o755 });
  writeFileSync(join(folder, 'LICENSE'), 'STAND-IN Electron distribution for a packaging test; not Electron.\n');
  writeFileSync(join(folder, 'LICENSES.chromium.html'), '<p>STAND-IN: not Chromium.</p>\n');
  writeFileSync(join(folder, 'version'), version);
  return folder;
}
