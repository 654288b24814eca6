import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

// Kept under test/ so the top level holds only what the brief lists.
export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  test: {
    include: ['test/**/*.test.ts'],
    // bin/coldkit starts dist/app: rebuilt here when tsc's dist/src is newer (test/helpers/app-build.ts).
    globalSetup: ['test/helpers/app-build.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most tests wait on the processes they spawn (the built bin, anvil, ssh-keygen, Electrum), so two
    // forks keep both cores busy; vitest's default on a 2-core machine is one.
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
  },
});
