import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A clone with nothing beside it must build and pass its tests, so no source, test, script or config may reach
 * the workspace folder beside the repository (the documentation the project started from). Markdown may name
 * it, as provenance. The pattern is assembled so that this file does not match itself.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUTSIDE = new RegExp(['\\.\\.', 'shared'].join('/'));
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage']);

function* trackedLikeFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* trackedLikeFiles(path);
    else if (!entry.name.endsWith('.md')) yield path;
  }
}

describe('the repository is self-contained', () => {
  it('no file outside Markdown reaches the folder beside the repository', () => {
    const offenders = [...trackedLikeFiles(ROOT)].filter((path) =>
      OUTSIDE.test(readFileSync(path, 'latin1')),
    );
    expect(offenders.map((path) => path.slice(ROOT.length))).toEqual([]);
  });
});
