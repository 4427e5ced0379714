// The built app served as the tests serve it, and Debian's Chromium with the WebGL flags that work here
// (ARCHITECTURE.md, "Chromium here"): shared by the screenshot and benchmark scripts.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { buildNode, buildRenderer } from './build.mjs';
import { serveDirectory } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds the app and serves dist/renderer on a free port with the app's CSP; returns the server and its URL. */
export async function serveBuiltApp() {
  await buildNode();
  await buildRenderer();
  const { CONTENT_SECURITY_POLICY_HEADER, contentTypeOf } = await import('../dist/node/serving.mjs');
  const server = await serveDirectory(`${root}dist/renderer`, { port: 0, csp: CONTENT_SECURITY_POLICY_HEADER, contentTypeOf });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/** Chromium (CHORUS_CHROMIUM or /usr/bin/chromium) with hardware-or-software WebGL through ANGLE. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHORUS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'],
  });
}
