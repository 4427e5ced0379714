// `npm start`: build what is stale, then launch Electron with the demo dataset. Where no Electron binary
// is installed (e.g. a machine that cannot download it), serve the same build on 127.0.0.1 instead.
//   npm start -- --port 6000      (or CHORUS_PORT=6000)
import { spawn } from 'node:child_process';
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

const port = portFromArgs(process.argv.slice(2), process.env);
await buildNode();
await buildRenderer();

const electron = findElectronBinary(root);
if (electron.path) {
  const child = spawn(electron.path, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  try {
    const { CONTENT_SECURITY_POLICY_HEADER, contentTypeOf, serveDirectory } = await import('../dist/node/serving.mjs');
    await serveDirectory(`${root}dist/renderer`, { port, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf });
  } catch (error) {
    console.error(
      error.code === 'EADDRINUSE'
        ? `chorus: port ${port} is in use; choose another with --port N or CHORUS_PORT`
        : `chorus: could not serve: ${error.message}`,
    );
    process.exit(2);
  }
  console.log(`Chorus is running at http://127.0.0.1:${port}/`);
  console.log(`(Electron was not used: ${electron.reason}. Open the address in a browser; Ctrl+C stops.)`);
}
