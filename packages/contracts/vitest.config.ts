import { defineProject } from 'vitest/config';

export default defineProject({
  // One worker's modules for every file: see packages/mcp-server/vitest.config.ts.
  test: { name: 'contracts', include: ['test/**/*.test.ts'], isolate: false },
});
