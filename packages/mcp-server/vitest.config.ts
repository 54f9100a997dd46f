import { defineProject } from 'vitest/config';

/**
 * Files whose statements race a query limit of a second or so through a whole server (one stopped in time, one
 * refused by a row cap before the limit): from the root they run after every other file and one at a time, so
 * that no other test takes the CPU their limits are measured in (root vitest.config.ts).
 */
export const RUN_ALONE = ['test/e2e/query-hostile.test.ts', 'test/e2e/query-lockdown.test.ts'];

export default defineProject({
  test: {
    name: 'mcp-server',
    // Unit tests stand beside the module they test; end-to-end tests and package-wide checks are in test/.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
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
