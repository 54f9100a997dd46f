import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock-server',
    include: ['test/**/*.test.ts'],
    // One worker's modules for every file: see packages/mcp-server/vitest.config.ts.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
