import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import mcpServer, { RUN_ALONE } from './packages/mcp-server/vitest.config.ts';

// One vitest run from the root covers every package; each package keeps its own config
// (timeouts, setup) so `pnpm --filter <pkg> test` behaves the same as the root run.
const mcpServerProject = { ...mcpServer.test, root: './packages/mcp-server' };

export default defineConfig({
  test: {
    projects: [
      'packages/client',
      'packages/contracts',
      'packages/mock-server',
      'packages/test-support',
      { test: { ...mcpServerProject, exclude: [...configDefaults.exclude, ...RUN_ALONE] } },
      // After every other project (a higher group runs later), one file at a time.
      {
        test: {
          ...mcpServerProject,
          name: 'mcp-server (alone)',
          include: RUN_ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
    // Most test files wait on other processes and sockets (spawned bins, emulators, Redis): a worker more than the
    // machine has cores keeps them busy meanwhile. Vitest's own default (one fewer than the cores) runs a single
    // worker on a 2-core machine.
    maxWorkers: availableParallelism() + 1,
  },
});
