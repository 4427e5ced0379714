import { defineConfig } from 'vitest/config';

// End-to-end: Debian's Chromium against the built renderer (test/e2e), and Electron where a binary
// exists (test/electron). One file at a time: software WebGL needs both cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
