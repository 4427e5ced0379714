import { defineConfig } from 'vitest/config';

// End-to-end: Debian's Chromium against the built renderer (test/e2e), Electron where a binary exists
// (test/electron), the installers packaged from the build (test/packaging) and a one-node Slurm cluster
// (test/slurm). One file at a time:
// software WebGL needs both cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/packaging/**/*.test.ts', 'test/slurm/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
