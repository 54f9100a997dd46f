/**
 * DuckDB never runs in the server's process: not at a cold start, not for tools/list, not even for a query (each
 * query's DuckDB runs in a query process of its own). Measured in the built bin over stdio (what an MCP client
 * starts): a preloaded module writes the shared objects the process had loaded when it exits (Node's diagnostic
 * report); the same preload in a process that does load DuckDB finds its binding, so the checks can fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectV2Stdio } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'wolkvox-query-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PRELOAD = join(dir, 'shared-objects.mjs');
writeFileSync(
  PRELOAD,
  [
    "import { writeFileSync } from 'node:fs';",
    "process.on('exit', () => {",
    '  const { sharedObjects } = process.report.getReport();',
    '  writeFileSync(process.env.SHARED_OBJECTS_OUT, JSON.stringify(sharedObjects));',
    '});',
  ].join('\n'),
);

/** The shared objects the bin had loaded when it exited, after `use` ran against it. */
async function sharedObjectsAfter(
  name: string,
  use: (client: Awaited<ReturnType<typeof connectV2Stdio>>['client']) => Promise<void>,
): Promise<string[]> {
  const out = join(dir, `${name}.json`);
  const { client } = await connectV2Stdio({
    NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`,
    SHARED_OBJECTS_OUT: out,
  });
  try {
    await use(client);
  } finally {
    await client.close();
  }
  for (let i = 0; i < 100 && !existsSync(out); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return JSON.parse(readFileSync(out, 'utf8')) as string[];
}

const isDuckDb = (path: string) => /duckdb/i.test(path);

describe('DuckDB stays out of the server process', () => {
  it('is not loaded by a cold start and tools/list', async () => {
    const objects = await sharedObjectsAfter('listed', async (client) => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('query_reports');
    });
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.filter(isDuckDb)).toEqual([]);
  }, 60_000);

  it('is not loaded by a query either: the query ran in its own process', async () => {
    const objects = await sharedObjectsAfter('queried', async (client) => {
      const result = await client.callTool({
        name: 'query_reports',
        arguments: {
          fetches: [{ report: 'act_3', from: '2025-01-27' }],
          sql: 'SELECT count(*) AS n FROM act_3',
        },
      });
      expect(result.isError).toBeFalsy();
      expect((result.structuredContent as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThan(0);
    });
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.filter(isDuckDb)).toEqual([]);
  }, 60_000);

  it('the preload sees DuckDB in a process that loads it (so the checks above can fail)', () => {
    const out = join(dir, 'loader.json');
    const loaded = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "await import('@duckdb/node-api')"],
      {
        // The package's directory, whose node_modules has DuckDB.
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`,
          SHARED_OBJECTS_OUT: out,
        },
        encoding: 'utf8',
      },
    );
    expect(loaded.status, loaded.stderr).toBe(0);
    const objects = JSON.parse(readFileSync(out, 'utf8')) as string[];
    expect(objects.filter(isDuckDb).length).toBeGreaterThan(0);
  }, 60_000);
});
