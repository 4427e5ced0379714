// A Chromium page with WebGPU and the GPU kernels (shared/analysis/gpu/gpuKernels.ts) loaded as
// `window.chorusGpu`, served from 127.0.0.1 (WebGPU needs a secure context). Used by the GPU test and by
// `npm run bench`. Chromium exposes WebGPU only behind --enable-unsafe-webgpu on Linux; with no GPU it
// may offer a software adapter (SwiftShader on Vulkan) or none, which the caller reports.
import { build } from 'esbuild';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
export const GPU_FLAGS = ['--enable-unsafe-webgpu'];

export async function openGpuPage(executablePath = '/usr/bin/chromium') {
  const bundle = await build({
    absWorkingDir: root,
    entryPoints: ['shared/analysis/gpu/gpuKernels.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'chorusGpu',
    write: false,
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0].text;
  const server = http.createServer((request, response) => {
    if (request.url === '/gpu.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(script);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>Chorus GPU kernels</title><script src="/gpu.js"></script>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath, args: GPU_FLAGS });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  // Opens the kernels once in the page: window.gpu is the GpuKernels, or its absence says why.
  const adapter = await page.evaluate(async () => {
    const opened = await window.chorusGpu.gpuKernels(navigator.gpu);
    if ('reason' in opened) return { reason: opened.reason };
    window.gpu = opened;
    return { adapter: opened.adapter };
  });
  return {
    page,
    ...adapter,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}
