/**
 * The cold start stays light: what the bin loads before the first report call (the bundle and every chunk it
 * imports statically) holds neither the client nor the emulator nor lru-cache. Those are chunks the first report
 * call loads, which the test also checks, so that it cannot pass on a bundle that lost them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BUNDLE = fileURLToPath(new URL('../../dist/bundle/wolkvox-mcp.js', import.meta.url));

/**
 * What marks each package in the minified output: names of classes defined there (esbuild keeps them as strings)
 * or string literals of its own. Names the server itself uses on the loaded module (`startMockServer`) would not do.
 */
const LOADED_LATER = {
  '@wolkvox-mcp/client': '"WolkvoxQuotaError"',
  '@wolkvox-mcp/mock-server': '"FaultBook"',
  'lru-cache': '"lru-cache:metrics"',
};

/** The chunks a module names, statically (`from"./x.js"`, `import"./x.js"`) and dynamically (`import("./x.js")`). */
function imports(text: string): { static: string[]; dynamic: string[] } {
  const names = (pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]!);
  return {
    static: names(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g),
    dynamic: names(/import\(\s*"(\.\/[^"]+\.js)"\s*\)/g),
  };
}

/** Every module reachable from `entry`, by static imports only or by any import. */
function reachable(entry: string, follow: 'static' | 'all'): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    const found = imports(text);
    for (const next of follow === 'static' ? found.static : [...found.static, ...found.dynamic]) {
      visit(fileURLToPath(new URL(next, `file://${file}`)));
    }
  };
  visit(entry);
  return seen;
}

// The built bundle, as the stdio tests run it: the build comes before the tests.
describe('the bin before its first report call', () => {
  it('loads neither the client, nor the emulator, nor lru-cache', () => {
    const atStart = [...reachable(BUNDLE, 'static').values()].join('\n');
    const later = [...reachable(BUNDLE, 'all').values()].join('\n');
    for (const [name, marker] of Object.entries(LOADED_LATER)) {
      // Booleans, so that a failure prints the package rather than megabytes of bundle.
      expect(later.includes(marker), `${name} is in the bundle`).toBe(true);
      expect(atStart.includes(marker), `${name} is loaded at start-up`).toBe(false);
    }
  });
});
