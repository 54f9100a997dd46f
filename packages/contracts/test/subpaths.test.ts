/**
 * The package root is the wire API; the simulated tenant's entities, the Host-header rule and the OpenAPI
 * generator have subpaths of their own (package.json `exports`), so an import says what it uses. These fail when
 * the root barrel takes a subpath's module back, directly or through a module it re-exports, values or types, or
 * when the export map names a module that has no source (the build writes dist/ file for file from src/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

interface Conditions {
  types: string;
  import: string;
}

const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Conditions>;
};

/** The subpaths that are modules (not the root, not JSON files), each with its source file. */
const SUBPATHS = Object.entries(manifest.exports)
  .filter((entry): entry is [string, Conditions] => entry[0] !== '.' && typeof entry[1] === 'object')
  .map(([subpath, conditions]) => ({
    subpath,
    conditions,
    source: join(PACKAGE, conditions.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')),
  }));

/** Every source file the root barrel exports from, following `export ... from` through the modules it names. */
function reExported(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/^export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s+from\s+'([^']+)'/gm)) {
    if (specifier?.startsWith('.')) {
      reExported(join(dirname(file), specifier.replace(/\.js$/, '.ts')), seen);
    }
  }
  return seen;
}

describe('contracts by subpath', () => {
  it('names the tenant, http and openapi subpaths, each a source module with its declarations beside it', () => {
    expect(SUBPATHS.map(({ subpath }) => subpath).sort()).toEqual(['./http', './openapi', './tenant']);
    for (const { subpath, conditions, source } of SUBPATHS) {
      expect(existsSync(source), `${subpath}: no ${source}`).toBe(true);
      expect(conditions.types, subpath).toBe(conditions.import.replace(/\.js$/, '.d.ts'));
    }
  });

  it('keeps every subpath module out of the root barrel, values and types alike', () => {
    const barrel = reExported(join(PACKAGE, 'src/index.ts'));
    const taken = SUBPATHS.filter(({ source }) => barrel.has(source)).map(({ subpath }) => subpath);
    expect(taken).toEqual([]);
  });

  it('has no subpath value on the root', async () => {
    const onRoot = new Set(Object.keys(root));
    for (const { subpath, source } of SUBPATHS) {
      const module = (await import(source)) as Record<string, unknown>;
      expect(Object.keys(module).length, `${subpath} exports nothing`).toBeGreaterThan(0);
      expect(
        Object.keys(module).filter((name) => onRoot.has(name)),
        subpath,
      ).toEqual([]);
    }
  });

  it('leaves what belongs elsewhere off the root', () => {
    // The tenant's entities, the Host-header rule, the OpenAPI generator, and the SQL tables (mcp-server's own).
    for (const name of ['TENANT_ENTITIES', 'hostHeaderProblem', 'buildOpenApiDocument', 'reportTable']) {
      expect(root, name).not.toHaveProperty(name);
    }
  });
});
