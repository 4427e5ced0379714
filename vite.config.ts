import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './shared/platform/contentSecurityPolicy.ts';
import { DEMO_TIMELINE_FILE } from './shared/network/shippedDemo.ts';

// The renderer: one static build served by Electron (chorus://app/) or by `npm start` on 127.0.0.1.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    {
      name: 'chorus-csp',
      apply: 'build',
      // The built page carries the strict CSP itself, so every way of serving it is covered.
      transformIndexHtml: (html) =>
        html.replace('<!--CSP-->', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
    },
    {
      name: 'chorus-demo-preload',
      apply: 'build',
      // The demo's shipped timeline (written beside index.html by scripts/build.mjs) downloads while the
      // scripts parse; the client's fetch of it takes the preloaded response.
      transformIndexHtml: {
        order: 'post',
        handler: (html) => html.replace('</head>', `  <link rel="preload" href="./${DEMO_TIMELINE_FILE}" as="fetch" crossorigin="anonymous" />\n  </head>`),
      },
    },
  ],
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
});
