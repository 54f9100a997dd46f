import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'client',
    include: ['test/**/*.test.ts'],
    // Files share a worker's loaded modules (no fresh module graph per file): importing the SDK, fastify and
    // DuckDB once per worker, not once per file, is most of what a file costs to start. Files leave nothing behind
    // (servers closed, timers and env stubs restored after each test), which keeps this safe.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A throw-away WOLKVOX_CACHE_DIR per test file: never the user's real cache directory.
    setupFiles: ['../../vitest.state-dir.ts'],
  },
});
