#!/usr/bin/env node
/**
 * A package's JavaScript build, run from the package directory (its `build` script): esbuild transpiles every
 * src/**\/*.ts to dist/ file for file (the library as `exports` names it; unit tests beside the code, *.test.ts,
 * are left out), and bundles each `--bundle` entry into one file with everything it imports, so a bin loads one
 * module instead of hundreds. Dynamic `import()`s become chunks of their own, loaded only when the code that needs
 * them runs.
 *
 * Type checking and declarations are tsc's job (`types` and `typecheck` tasks): esbuild only strips types, which
 * is why this takes a fraction of a second where tsc takes many.
 *
 *   node ../../scripts/build.mjs [--bundle src/bin.ts=wolkvox-mcp]...
 */
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { bundle: { type: 'string', multiple: true, default: [] } } });

/** Node 20.19 is the oldest Node the packages support (engines). */
const TARGET = 'node20.19';

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) =>
        entry.isFile() &&
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.d.ts') &&
        !entry.name.endsWith('.test.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

// Declarations written by the `types` task stay; JavaScript from a previous build is replaced.
rmSync('dist/bundle', { recursive: true, force: true });

const library = build({
  entryPoints: sources('src'),
  outdir: 'dist',
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  target: TARGET,
  sourcemap: true,
  logLevel: 'warning',
});

const entries = values.bundle.map((spec) => {
  const [entry, name] = spec.split('=');
  if (!entry || !name) throw new Error(`--bundle ${spec}: expected <entry.ts>=<name>`);
  return { entry: resolve(entry), name };
});

const bundles = entries.map(({ entry, name }) => {
  return build({
    entryPoints: { [name]: entry },
    outdir: 'dist/bundle',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: TARGET,
    // Dependencies published as CommonJS call require(); an ES module has none unless it is made.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    chunkNames: 'chunks/[name]-[hash]',
    // DuckDB's engine and resvg (charts' rasteriser) are native addons that their packages find beside themselves:
    // they are loaded from node_modules.
    external: ['@duckdb/node-api', '@duckdb/node-bindings', '@resvg/resvg-js'],
    // Less source for V8 to scan at every start; names are kept so that stack traces still say something.
    minify: true,
    keepNames: true,
    logLevel: 'warning',
  });
});

await Promise.all([library, ...bundles]);
