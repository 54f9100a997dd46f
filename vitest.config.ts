import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One vitest run from the root covers every package; each package keeps its own config
// (timeouts, setup) so `pnpm --filter <pkg> test` behaves the same as the root run.
export default defineConfig({
  test: {
    projects: ['packages/*'],
    // Most test files wait on other processes and sockets (spawned bins, emulators, Redis): a worker more than the
    // machine has cores keeps them busy meanwhile. Vitest's own default (one fewer than the cores) runs a single
    // worker on a 2-core machine.
    maxWorkers: availableParallelism() + 1,
  },
});
