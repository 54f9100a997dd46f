/**
 * The tool list an assistant lives with, as a client receives it (the SDK v2 client over Streamable HTTP) from a
 * server configured by flags as the bin is: the default list fits in 12 KB; each toolset lists exactly its
 * reports; `all` lists one tool per registry report; every tool is titled, read-only, briefly described, with
 * input schemas free of anyOf/oneOf. The sizes are printed (the README quotes them).
 */
import { type AnyReport, listReports } from '@wolkvox-mcp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_TOOLS, TOOLSET_NAMES } from '../../src/catalog/toolsets.js';
import { ConfigError } from '../../src/config.js';
import type { RunningWolkvoxMcp } from '../../src/start.js';
import { startWolkvoxMcp } from '../../src/start.js';
import { TARGET_DESCRIPTION_CHARS } from '../../src/tools/report-tools/describe.js';
import { connectV1Http, connectV2Http, emulator, startFromArgs } from '../helpers.js';

/**
 * The default tools/list, serialized, must fit in this many bytes: it is in every conversation. 12 KB since issue
 * 12: the answer controls (operators, order_by, top, aggregate) and the query tool.
 */
const DEFAULT_MAX_BYTES = 12_288;
/**
 * Bytes a report tool may average, so that a toolset (or `all`) costs in proportion as the registry grows (the
 * answer controls take ~500 of them).
 */
const MAX_BYTES_PER_REPORT_TOOL = 3_000;

/** Listed whatever the selection: discovery (list_reports), any report (run_report), SQL across reports. */
const PAIR = ['list_reports', 'run_report', 'query_reports'];
/** A report's own tool; every other tool (the discovery pair, the query tool) is listed whatever the selection. */
const isReportTool = (tool: { name: string }) => tool.name.startsWith('wolkvox_');

let mock: Awaited<ReturnType<typeof emulator>>;
const servers: RunningWolkvoxMcp[] = [];
beforeAll(async () => {
  mock = await emulator();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await mock?.close();
});

type Tool = Awaited<ReturnType<Awaited<ReturnType<typeof connectV2Http>>['listTools']>>['tools'][number];

/** tools/list of a server started with these flags. */
async function listWith(args: string[]): Promise<Tool[]> {
  const server = await startFromArgs(mock, args);
  servers.push(server);
  const client = await connectV2Http(server.url!, 'modern');
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
  }
}

/** The size of the tools/list result as it travels: the JSON of `{"tools": [...]}`. */
function bytesOf(tools: readonly Tool[]): number {
  return Buffer.byteLength(JSON.stringify({ tools }), 'utf8');
}

function toolNames(reports: readonly AnyReport[]): string[] {
  return reports.map((report) => `wolkvox_${report.id}`);
}

/** The report tools listed, after checking that the tools every selection lists are there. */
function reportToolsOf(tools: readonly Tool[]): string[] {
  expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(PAIR));
  return tools.filter(isReportTool).map((tool) => tool.name);
}

function compositionKeys(schema: unknown, path = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => compositionKeys(item, `${path}[${i}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) => [
    ...(key === 'anyOf' || key === 'oneOf' ? [`${path}.${key}`] : []),
    ...compositionKeys(value, `${path}.${key}`),
  ]);
}

function expectWellFormed(tools: readonly Tool[]): void {
  for (const tool of tools) {
    expect(tool.name).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
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
  }
}

function report(label: string, tools: readonly Tool[]): string {
  const bytes = bytesOf(tools);
  return `${label}: ${tools.length} tools, ${bytes.toLocaleString('en-US')} bytes`;
}

describe('the default list', () => {
  it('is the discovery pair and the default report tools, well formed, within 12 KB', async () => {
    const tools = await listWith([]);
    const defaults = listReports().filter((r) => DEFAULT_REPORT_TOOLS.includes(r.id));
    expect(reportToolsOf(tools)).toEqual(toolNames(defaults));
    expectWellFormed(tools);
    console.log(`tools/list ${report('default', tools)} (limit ${DEFAULT_MAX_BYTES})`);
    expect(bytesOf(tools)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
  });

  it('is the same for the SDK v1 client', async () => {
    const server = await startFromArgs(mock);
    servers.push(server);
    const v1 = await connectV1Http(server.url!);
    const v2 = await connectV2Http(server.url!, 'legacy');
    const [a, b] = await Promise.all([v1.listTools(), v2.listTools()]);
    await Promise.all([v1.close(), v2.close()]);
    expect(a.tools.map((tool) => tool.name)).toEqual(b.tools.map((tool) => tool.name));
    expect(a.tools.map((tool) => tool.inputSchema)).toEqual(b.tools.map((tool) => tool.inputSchema));
  });
});

describe('--toolsets', () => {
  it('all: one tool per registry report, every one well formed and brief', async () => {
    const tools = await listWith(['--toolsets', 'all']);
    expect(reportToolsOf(tools)).toEqual(toolNames(listReports()));
    expectWellFormed(tools);
    const reportTools = tools.filter(isReportTool);
    const chars = reportTools.reduce((sum, tool) => sum + tool.description!.length, 0);
    expect(chars / reportTools.length).toBeLessThanOrEqual(TARGET_DESCRIPTION_CHARS);
    const perTool =
      (bytesOf(tools) - bytesOf(tools.filter((tool) => !isReportTool(tool)))) / reportTools.length;
    console.log(
      `tools/list ${report('--toolsets all', tools)} (${Math.round(perTool)} bytes per report tool)`,
    );
    expect(perTool).toBeLessThanOrEqual(MAX_BYTES_PER_REPORT_TOOL);
  });

  it.each(TOOLSET_NAMES)('%s: exactly the reports of that toolset', async (toolset) => {
    const tools = await listWith(['--toolsets', toolset]);
    expect(reportToolsOf(tools)).toEqual(toolNames(listReports().filter((r) => r.toolset === toolset)));
    expectWellFormed(tools);
    console.log(`tools/list ${report(`--toolsets ${toolset}`, tools)}`);
  });

  it('default,<toolset>: the default report tools and that toolset', async () => {
    const tools = await listWith(['--toolsets', 'default,ivr']);
    expect(reportToolsOf(tools)).toEqual(
      toolNames(listReports().filter((r) => r.toolset === 'ivr' || DEFAULT_REPORT_TOOLS.includes(r.id))),
    );
  });

  it('refuses an unknown name at startup, naming every valid one', async () => {
    const start = startWolkvoxMcp({
      argv: ['--http', '--port', '0', '--toolsets', 'calls,sales'],
      env: {},
      bannerOut: null,
    });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(
      `unknown toolset(s) sales; valid: all, default, ${TOOLSET_NAMES.join(', ')}`,
    );
  });
});
