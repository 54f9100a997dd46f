import { defineConfig } from 'vitest/config';

// One vitest run from the root covers every package; each package keeps its own config
// (timeouts, setup) so `pnpm --filter <pkg> test` behaves the same as the root run.
export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});
