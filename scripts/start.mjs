// `npm start`: build what is stale, then launch Electron with the demo dataset. Where no Electron binary
// is installed (e.g. a machine that cannot download it), serve the same build on 127.0.0.1 instead.
//   npm start -- --port 6000      (or CHORUS_PORT=6000)
//   npm start -- --kiosk [--kiosk-config kiosk.json]   the museum kiosk (Electron's kiosk window; else served at /?kiosk)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, buildRenderer } from './build.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function portFromArgs(argv, env) {
  const flag = argv.indexOf('--port');
  const text = flag >= 0 ? argv[flag + 1] : env.CHORUS_PORT;
  if (text === undefined) return 5317;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`chorus: --port needs a whole number from 1 to 65535, got "${text}"`);
    process.exit(2);
  }
  return port;
}

/**
 * --kiosk [--kiosk-config FILE]: the file, its dataset and its story checked now (a mistake is said
 * here, not on the museum floor); the URL paths the page fetches them at (shared/kiosk/kioskFiles.ts).
 */
async function kioskFromArgs(argv) {
  if (!argv.includes('--kiosk')) return null;
  const flag = argv.indexOf('--kiosk-config');
  if (flag < 0) return { config: null, routes: {} };
  const path = resolve(argv[flag + 1] ?? '');
  const { kioskSetup } = await import('../dist/node/serving.mjs');
  const disk = { readText: (file) => readFileSync(file, 'utf8'), isFile: (file) => existsSync(file) && statSync(file).isFile(), resolveFrom: resolve };
  try {
    return { config: path, routes: kioskSetup(path, disk).routes };
  } catch (error) {
    console.error(`chorus: --kiosk-config ${error.message}`);
    process.exit(2);
  }
}

const argv = process.argv.slice(2);
const port = portFromArgs(argv, process.env);
await buildNode();
await buildRenderer();
const kiosk = await kioskFromArgs(argv);

const electron = findElectronBinary(root);
if (electron.path) {
  const kioskArgs = kiosk ? ['--kiosk', ...(kiosk.config ? ['--kiosk-config', kiosk.config] : [])] : [];
  const child = spawn(electron.path, [root, ...kioskArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  try {
    const { CONTENT_SECURITY_POLICY_HEADER, contentTypeOf, serveDirectory } = await import('../dist/node/serving.mjs');
    const files = kiosk?.routes ?? {};
    await serveDirectory(`${root}dist/renderer`, { port, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf, files });
  } catch (error) {
    console.error(
      error.code === 'EADDRINUSE'
        ? `chorus: port ${port} is in use; choose another with --port N or CHORUS_PORT`
        : `chorus: could not serve: ${error.message}`,
    );
    process.exit(2);
  }
  console.log(`Chorus is running at http://127.0.0.1:${port}/${kiosk ? '?kiosk' : ''}`);
  if (kiosk) console.log(`(For an exhibit: chromium --kiosk --noerrdialogs --disable-pinch --overscroll-history-navigation=0 'http://127.0.0.1:${port}/?kiosk')`);
  console.log(`(Electron was not used: ${electron.reason}. Open the address in a browser; Ctrl+C stops.)`);
}
