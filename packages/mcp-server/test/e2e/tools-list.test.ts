/**
 * The whole tools/list, as a client receives it: every tool titled, annotated read-only, described in under 2,000
 * characters, with input schemas free of anyOf/oneOf; and the size of the list, measured and bounded.
 */
import { listReports } from '@wolkvox-mcp/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectV1Http, connectV2Http, emulator, startHttpServer } from '../helpers.js';

/** Bytes per tool the list may average; the registry grows, the per-tool cost must not. */
const MAX_BYTES_PER_TOOL = 4_500;

let mock: Awaited<ReturnType<typeof emulator>>;
let server: Awaited<ReturnType<typeof startHttpServer>>;
beforeAll(async () => {
  mock = await emulator();
  server = await startHttpServer({ mock });
});
afterAll(async () => {
  await server?.close();
  await mock?.close();
});

function compositionKeys(schema: unknown, path = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => compositionKeys(item, `${path}[${i}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) => [
    ...(key === 'anyOf' || key === 'oneOf' ? [`${path}.${key}`] : []),
    ...compositionKeys(value, `${path}.${key}`),
  ]);
}

it('every tool is titled, read-only, briefly described, with plain input schemas; the list is bounded', async () => {
  const client = await connectV2Http(server.url!, 'modern');
  const { tools } = await client.listTools();
  await client.close();

  expect(tools).toHaveLength(listReports().length + 2);
  for (const tool of tools) {
    expect(tool.title, tool.name).toBeTruthy();
    expect(tool.annotations, tool.name).toMatchObject({
      readOnlyHint: true,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(tool.description?.length ?? 0, tool.name).toBeGreaterThan(100);
    expect(tool.description!.length, tool.name).toBeLessThan(2_000);
    expect(compositionKeys(tool.inputSchema), tool.name).toEqual([]);
    expect(tool.inputSchema.type).toBe('object');
    expect(tool.outputSchema?.type).toBe('object');
    expect(tool.name).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
  }

  const bytes = Buffer.byteLength(JSON.stringify({ tools }), 'utf8');
  const perTool = Math.round(bytes / tools.length);
  console.log(`tools/list: ${tools.length} tools, ${bytes} bytes serialized (${perTool} bytes per tool)`);
  expect(bytes).toBeLessThan(MAX_BYTES_PER_TOOL * tools.length);
});

it('the v1 client sees the same list', async () => {
  const v1 = await connectV1Http(server.url!);
  const v2 = await connectV2Http(server.url!, 'legacy');
  const [a, b] = await Promise.all([v1.listTools(), v2.listTools()]);
  await Promise.all([v1.close(), v2.close()]);
  expect(a.tools.map((tool) => tool.name)).toEqual(b.tools.map((tool) => tool.name));
  expect(a.tools.map((tool) => tool.inputSchema)).toEqual(b.tools.map((tool) => tool.inputSchema));
});
