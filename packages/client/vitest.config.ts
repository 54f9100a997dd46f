import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'client',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A throw-away WOLKVOX_CACHE_DIR per test file: never the user's real cache directory.
    setupFiles: ['../../vitest.state-dir.ts'],
  },
});
