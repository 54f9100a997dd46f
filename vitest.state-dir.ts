/**
 * Every test file gets its own throw-away state directory (WOLKVOX_CACHE_DIR): the client's leases, quota counts
 * and closed-day cache never touch the user's real cache directory, and one file's kept closed days never answer
 * another file's calls (emulators on reused ports serve other data). Child processes a test starts inherit it.
 * A test that needs a directory of its own still passes `stateDir` (or sets the variable for its children).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'wolkvox-test-state-'));
process.env.WOLKVOX_CACHE_DIR = dir;

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
