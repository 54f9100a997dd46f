import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mcp-server',
    // Unit tests stand beside the module they test; end-to-end tests and package-wide checks are in test/.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A throw-away WOLKVOX_CACHE_DIR per test file: never the user's real cache directory.
    setupFiles: ['../../vitest.state-dir.ts'],
  },
});
