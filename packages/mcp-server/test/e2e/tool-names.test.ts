/**
 * Everything the server says names only tools it lists (issue 12: an error pointed at wolkvox_chat_1, which the
 * default selection does not list, and the assistant got "Tool not found"). Under the default selection this walks
 * the instructions, tools/list, every resource, every prompt, list_reports over the whole catalog, answers and
 * refusals of report tools and run_report, and checks that each `wolkvox_<id>` mentioned is a listed tool.
 */
import type { Client } from '@modelcontextprotocol/client';
import { listReports } from '@wolkvox-mcp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportToolName } from '../../src/catalog/names.js';
import { type EmulatedSession, emulatedSession, structured, textOf } from '../helpers.js';

let session: EmulatedSession;
let client: Client;

beforeAll(async () => {
  session = await emulatedSession({ emulator: { now: '2025-02-05T15:00:00Z' } });
  ({ client } = session);
});

afterAll(() => session?.close());

const MENTION = /\bwolkvox_[A-Za-z0-9_.-]*[A-Za-z0-9]/g;
/** Every report tool the server could list: a mention of another `wolkvox_` word (a field such as wolkvox_server) is no tool. */
const REPORT_TOOLS = new Set(listReports().map((report) => reportToolName(report.id)));

/** Every text the server gives under the default selection, labelled by where it came from. */
async function everythingSaid(): Promise<[where: string, text: string][]> {
  const said: [string, string][] = [];
  const callText = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    said.push([
      `${name} ${JSON.stringify(args)}`,
      `${textOf(result)}\n${JSON.stringify(result.structuredContent ?? {})}`,
    ]);
    return result;
  };
  said.push(['instructions', client.getInstructions() ?? '']);
  const { tools } = await client.listTools();
  said.push(['tools/list', JSON.stringify(tools)]);

  const { resources } = await client.listResources();
  const { resourceTemplates } = await client.listResourceTemplates();
  said.push(['resources/list', JSON.stringify({ resources, resourceTemplates })]);
  for (const resource of resources) {
    const read = await client.readResource({ uri: resource.uri });
    said.push([resource.uri, JSON.stringify(read.contents)]);
  }

  const { prompts } = await client.listPrompts();
  for (const prompt of prompts) {
    const args = Object.fromEntries(
      (prompt.arguments ?? []).map((argument) => [
        argument.name,
        argument.name === 'to' ? '2025-02-02' : '2025-02-03',
      ]),
    );
    const got = await client.getPrompt({ name: prompt.name, arguments: args });
    said.push([`prompt ${prompt.name}`, JSON.stringify(got.messages)]);
  }

  // Every page of the whole catalog (a page holds what fits the reply budget).
  for (let offset: number | null = 0; offset !== null; ) {
    const result = await callText('list_reports', { limit: 100, offset });
    offset = structured(result).next_offset as number | null;
  }

  // Answers and refusals, of a listed report tool and of run_report for a report whose tool is not listed.
  const unlisted = structured(
    await callText('run_report', { report: 'chat_1', from: '2025-02-03', limit: 2 }),
  );
  await callText('run_report', {
    report: 'chat_1',
    from: '2025-02-03',
    limit: 2,
    cursor: unlisted.next_cursor,
  });
  await callText('wolkvox_act_3', { from: '2025-02-03', cod_act: 'cod_act1', cursor: unlisted.next_cursor });
  await callText('run_report', { report: 'wolkvox_chat_1', from: '2025-02-03' });
  await callText('run_report', { report: 'chat_1', from: '2023-01-01', to: '2025-01-01' });
  await callText('run_report', { report: 'chat_1', from: '2025-02-03', colour: 'red' });
  await callText('wolkvox_act_3', {
    from: '2025-02-03',
    cod_act: 'cod_act1',
    filter: { type_interaction: 'x' },
  });
  await callText('wolkvox_act_3', { from: 'soon' });
  await callText('wolkvox_calls_last_10', { from: 'today' });
  return said;
}

describe('under the default selection', () => {
  it('every tool named anywhere is a listed tool', { timeout: 60_000 }, async () => {
    const listed = new Set((await client.listTools()).tools.map((tool) => tool.name));
    const said = await everythingSaid();
    const unlisted: string[] = [];
    let mentions = 0;
    for (const [where, text] of said) {
      for (const [name] of text.matchAll(MENTION)) {
        if (!REPORT_TOOLS.has(name)) continue;
        mentions += 1;
        if (!listed.has(name)) unlisted.push(`${where}: ${name}`);
      }
    }
    expect([...new Set(unlisted)]).toEqual([]);
    // The walk does reach texts that name tools: a check that finds nothing to check would pass anyway.
    expect(mentions).toBeGreaterThan(5);
    expect(said.some(([, text]) => text.includes('→ run_report {"report": "chat_1"}'))).toBe(true);
    const catalog = JSON.parse(
      ((await client.readResource({ uri: 'wolkvox://reports' })).contents[0] as { text: string }).text,
    ) as { reports: { id: string; tool: string }[] };
    expect(catalog.reports.find((report) => report.id === 'chat_1')?.tool).toBe('run_report');
    expect(catalog.reports.find((report) => report.id === 'act_3')?.tool).toBe('wolkvox_act_3');
  });
});
