import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A clone with nothing beside it must build and pass its tests, so no source, test, script or config may reach
 * the workspace folder beside the repository (the documentation the project started from). Markdown may name
 * it, as provenance. A relative path counts when it leads into that folder, from its file or from the repository
 * (where scripts run), to something there: a folder of the same name inside the repository (a module's `shared`
 * sibling) does not. The pattern is assembled so that this file does not match itself.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BESIDE = resolve(ROOT, '..', 'shared');
const RELATIVE = new RegExp(['(?:\\.\\./)+', 'shared(?:/[\\w.-]+)*'].join(''), 'g');

/** Whether a relative path in the file's text leads to something in the folder beside the repository. */
function reachesBeside(path: string): boolean {
  const text = readFileSync(path, 'latin1');
  return [...text.matchAll(RELATIVE)].some((match) =>
    [dirname(path), ROOT].some((from) => {
      const target = resolve(from, match[0]);
      return (target === BESIDE || target.startsWith(`${BESIDE}/`)) && existsSync(target);
    }),
  );
}
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
    const offenders = [...trackedLikeFiles(ROOT)].filter(reachesBeside);
    expect(offenders.map((path) => path.slice(ROOT.length))).toEqual([]);
  });
});
