import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './shared/platform/contentSecurityPolicy.ts';

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
  ],
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
});
