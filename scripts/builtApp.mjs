// The built app served as the tests serve it, and Debian's Chromium with the WebGL flags that work here
// (ARCHITECTURE.md, "Chromium here"): shared by the screenshot and benchmark scripts.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { buildNode, buildRenderer } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds the app and serves dist/renderer on a free port with the app's CSP; returns the server and its URL. */
export async function serveBuiltApp() {
  await buildNode();
  await buildRenderer();
  const { CONTENT_SECURITY_POLICY_HEADER, contentTypeOf, serveDirectory } = await import('../dist/node/serving.mjs');
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

/** Runs in the page (self-contained): whether its first scene's canvas shows the network, i.e. link colours in a 64 × 64 copy. */
export function networkIsDrawn() {
  const canvas = document.querySelector('[data-scene] canvas');
  if (!canvas || canvas.width === 0) return false;
  const copy = document.createElement('canvas');
  copy.width = 64;
  copy.height = 64;
  const context = copy.getContext('2d');
  context.drawImage(canvas, 0, 0, 64, 64);
  const { data } = context.getImageData(0, 0, 64, 64);
  let coloured = 0;
  for (let k = 0; k < data.length; k += 4) if (Math.max(data[k], data[k + 1], data[k + 2]) - Math.min(data[k], data[k + 1], data[k + 2]) > 60) coloured++;
  return coloured > 10;
}
