/**
 * End to end over Streamable HTTP, through real clients (SDK v2 in both protocol eras, SDK v1), against an
 * emulator the test controls: the tool list, the seed reports' data, paging, grouping, errors, concurrency.
 */
import { fromJsonSchema } from '@modelcontextprotocol/client';
import { listReports } from '@wolkvox-mcp/contracts';
import { DEMO_TOKEN } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnyHttpClient,
  asStructured,
  connectV2Http,
  dayParams,
  emulator,
  HTTP_CLIENTS,
  startHttpServer,
  structured,
  textOf,
} from '../helpers.js';

const DAY = '2025-02-03';

let mock: Awaited<ReturnType<typeof emulator>>;
let server: Awaited<ReturnType<typeof startHttpServer>>;

beforeAll(async () => {
  mock = await emulator();
  mock.control.freezeClock('2025-02-04T15:00:00Z');
  server = await startHttpServer({ mock });
});
afterAll(async () => {
  await server?.close();
  await mock?.close();
});

function validator(schema: Record<string, unknown>) {
  const standard = fromJsonSchema(schema as never);
  return (value: unknown) => {
    const result = standard['~standard'].validate(value) as { issues?: { message: string }[] };
    return result.issues?.map((issue) => issue.message) ?? [];
  };
}

/** Each seed report: tool arguments, the emulator's wire parameters for the same request. */
const SEED_CALLS: { report: string; args: Record<string, unknown>; wire: Record<string, string> }[] = [
  { report: 'act_3', args: { from: DAY, limit: 60 }, wire: dayParams(DAY) },
  { report: 'diagram_1_2', args: { from: DAY, limit: 24 }, wire: dayParams(DAY) },
  {
    report: 'campaign_7',
    args: { from: DAY, campaign_id: 'all', limit: 60 },
    wire: { ...dayParams(DAY), campaign_id: 'all' },
  },
  { report: 'chat_9', args: { from: DAY }, wire: dayParams(DAY) },
  { report: 'calls_last_10', args: { limit: 100 }, wire: {} },
];

describe.each(HTTP_CLIENTS)('%s', (_label, connect) => {
  let client: AnyHttpClient;
  let tools: any[];
  beforeAll(async () => {
    client = await connect(server.url!);
    tools = (await client.listTools()).tools;
  });
  afterAll(() => client?.close());

  it('lists every registry report as a tool with valid JSON Schemas', () => {
    const names = tools.map((tool) => tool.name);
    for (const report of listReports()) expect(names).toContain(`wolkvox_${report.id}`);
    expect(names).toContain('list_reports');
    expect(names).toContain('run_report');
    for (const tool of tools) {
      expect(() => validator(tool.inputSchema), tool.name).not.toThrow();
      expect(() => validator(tool.outputSchema), tool.name).not.toThrow();
    }
    const act3 = tools.find((tool) => tool.name === 'wolkvox_act_3');
    expect(validator(act3.inputSchema)({ from: DAY, fields: ['conn_id'], group_by: ['agent_name'] })).toEqual(
      [],
    );
    expect(validator(act3.inputSchema)({ from: DAY, fields: ['nope'] })).not.toEqual([]);
  });

  it.each(SEED_CALLS)(
    "$report answers with the emulator's rows, valid against its output schema",
    async (call) => {
      const tool = tools.find((t) => t.name === `wolkvox_${call.report}`);
      const answer = structured(await client.callTool({ name: tool.name, arguments: call.args }));
      expect(validator(tool.outputSchema)(answer)).toEqual([]);
      const expected = mock.control.rows(call.report, call.wire);
      expect(expected.length).toBeGreaterThan(0);
      expect(answer.totals.rows).toBe(expected.length);
      expect(answer.rows).toEqual(
        expected.slice(0, answer.limit).map((row) => asStructured(call.report, row)),
      );
      expect(answer.shown).toBe(Math.min(expected.length, answer.limit));
      expect(answer.has_more).toBe(expected.length > answer.limit);
      if (call.wire.date_ini) {
        expect(answer.window).toEqual({ from: '2025-02-03 00:00:00', to: '2025-02-03 23:59:59' });
      } else {
        expect(answer.window).toBeNull();
      }
    },
  );

  it('says what to change when an argument is wrong, as a tool error', async () => {
    const badDate = (await client.callTool({
      name: 'wolkvox_act_3',
      arguments: { from: '03/02/2025' },
    })) as any;
    expect(badDate.isError).toBe(true);
    expect(textOf(badDate)).toMatch(
      /from: is not a date this grammar reads \(expected an ISO-8601 date \(2025-02-03\)/,
    );
    const badField = (await client.callTool({
      name: 'wolkvox_act_3',
      arguments: { from: DAY, fields: ['agent'] },
    })) as any;
    expect(badField.isError).toBe(true);
    expect(textOf(badField)).toMatch(
      /fields\.0: unknown column; valid columns: conn_id, agent_id, agent_name/,
    );
    const missing = (await client.callTool({ name: 'wolkvox_campaign_7', arguments: { from: DAY } })) as any;
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('campaign_id: is required');
  });
});

describe('answers', () => {
  let client: Awaited<ReturnType<typeof connectV2Http>>;
  beforeAll(async () => {
    client = await connectV2Http(server.url!, 'modern');
  });
  afterAll(() => client?.close());

  it('pages through a large result: every row exactly once, with no new fetch', async () => {
    const wire = { date_ini: '20250127000000', date_end: '20250129235959' };
    const expected = mock.control.rows('act_3', wire).map((row) => row.conn_id);
    expect(expected.length).toBeGreaterThan(2_000);
    const seen: string[] = [];
    let answer = structured(
      await client.callTool({
        name: 'wolkvox_act_3',
        arguments: { from: '2025-01-27', to: '2025-01-29', fields: ['conn_id'], limit: 500 },
      }),
    );
    const fetchedWith = mock.control.journal().length;
    let pages = 1;
    seen.push(...answer.rows.map((row: { conn_id: string }) => row.conn_id));
    while (answer.has_more) {
      answer = structured(
        await client.callTool({ name: 'wolkvox_act_3', arguments: { cursor: answer.next_cursor } }),
      );
      expect(answer.from_cache).toBe(true);
      expect(answer.totals.rows).toBe(expected.length);
      seen.push(...answer.rows.map((row: { conn_id: string }) => row.conn_id));
      pages += 1;
    }
    expect(pages).toBeGreaterThan(4);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(mock.control.journal().length).toBe(fetchedWith);

    // Offset paging reads the same cached result.
    const byOffset = structured(
      await client.callTool({
        name: 'wolkvox_act_3',
        arguments: { from: '2025-01-27', to: '2025-01-29', fields: ['conn_id'], limit: 7, offset: 1000 },
      }),
    );
    expect(byOffset.rows.map((row: { conn_id: string }) => row.conn_id)).toEqual(expected.slice(1000, 1007));
    expect(mock.control.journal().length).toBe(fetchedWith);
  });

  it('refetches transparently when a cursor outlives its cached result', async () => {
    const first = structured(
      await client.callTool({ name: 'wolkvox_chat_9', arguments: { from: '2025-01-20', limit: 5 } }),
    );
    server.mcp.service.cache.clear();
    const before = mock.control.journal().length;
    const next = structured(
      await client.callTool({ name: 'wolkvox_chat_9', arguments: { cursor: first.next_cursor } }),
    );
    expect(mock.control.journal().length).toBe(before + 1);
    expect(next.offset).toBe(5);
    expect(next.rows).toEqual(mock.control.rows('chat_9', dayParams('2025-01-20')).slice(5, 10));
    expect(next.notes.join(' ')).toContain('fetched again');
  });

  it('answers "which agents transfer most?" with counts equal to the emulator\'s rows', async () => {
    const wire = { date_ini: '20250127000000', date_end: '20250202235959' };
    const counts = new Map<string, number>();
    for (const row of mock.control.rows('chat_9', wire)) {
      counts.set(row.transfer_agent_name!, (counts.get(row.transfer_agent_name!) ?? 0) + 1);
    }
    const answer = structured(
      await client.callTool({
        name: 'wolkvox_chat_9',
        arguments: { from: '2025-01-27', to: '2025-02-02', group_by: ['transfer_agent_name'], limit: 500 },
      }),
    );
    expect(answer.totals.groups).toBe(counts.size);
    expect(answer.columns).toEqual(['transfer_agent_name', 'count']);
    const got = new Map(answer.rows.map((row: any) => [row.transfer_agent_name, row.count]));
    expect(got).toEqual(counts);
    const countsInOrder = answer.rows.map((row: any) => row.count);
    expect(countsInOrder).toEqual([...countsInOrder].sort((a, b) => b - a));
    expect(answer.rows[0].count).toBe(Math.max(...counts.values()));
  });

  it('filters by exact value with exact totals', async () => {
    const rows = mock.control.rows('chat_9', dayParams(DAY));
    const receiver = rows[0]!.receiver_agent_name!;
    const answer = structured(
      await client.callTool({
        name: 'wolkvox_chat_9',
        arguments: { from: DAY, filter: { receiver_agent_name: receiver } },
      }),
    );
    const expected = rows.filter((row) => row.receiver_agent_name === receiver);
    expect(answer.totals).toEqual({ rows: rows.length, matched: expected.length, groups: null });
    expect(expected.length).toBeLessThan(rows.length);
    // The matches fit one answer: the default page is every row that fits.
    expect(answer.rows).toEqual(expected);
  });

  it('runs any report through run_report, with its parameters in params', async () => {
    const answer = structured(
      await client.callTool({
        name: 'run_report',
        arguments: { report: 'campaign_7', from: DAY, params: { campaign_id: 'all' }, group_by: ['result'] },
      }),
    );
    const expected = mock.control.rows('campaign_7', { ...dayParams(DAY), campaign_id: 'all' });
    const machine = expected.filter((row) => row.result === 'machine').length;
    expect(answer.rows.find((row: any) => row.result === 'machine')?.count ?? 0).toBe(machine);
  });

  it('finds reports with list_reports', async () => {
    const found = structured(
      await client.callTool({ name: 'list_reports', arguments: { query: 'IVR hour' } }),
    );
    expect(found.reports[0]).toMatchObject({ id: 'diagram_1_2', tool: 'wolkvox_diagram_1_2', listed: true });
  });

  it('sends progress for a fetch of several windows', async () => {
    const updates: { progress: number; total?: number }[] = [];
    const answer = structured(
      await client.callTool(
        { name: 'wolkvox_diagram_1_2', arguments: { from: '2024-10-01', to: '2024-12-31', limit: 5 } },
        { onprogress: (update) => updates.push(update) },
      ),
    );
    expect(answer.requests).toBeGreaterThanOrEqual(3);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.at(-1)?.total).toBeGreaterThanOrEqual(3);
    expect(answer.window).toEqual({ from: '2024-10-01 00:00:00', to: '2024-12-31 23:59:59' });
  });

  it('reads the catalog and report schemas as resources, and renders prompts', async () => {
    const catalog = await client.readResource({ uri: 'wolkvox://reports' });
    expect(JSON.parse((catalog.contents[0] as { text: string }).text).reports).toHaveLength(
      listReports().length,
    );
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates[0]?.uriTemplate).toBe('wolkvox://reports/{id}');
    const schema = await client.readResource({ uri: 'wolkvox://reports/diagram_1_2' });
    expect(JSON.parse((schema.contents[0] as { text: string }).text).fields.ivr_minutes.kind).toBe('minutes');
    const prompts = await client.listPrompts();
    expect(prompts.prompts.map((p) => p.name)).toContain('transfer_review');
    const prompt = await client.getPrompt({ name: 'transfer_review', arguments: { from: '2025-02-03' } });
    expect((prompt.messages[0]!.content as { text: string }).text).toContain('wolkvox_chat_9');
  });
});

describe('limits', () => {
  it('serves 50 concurrent tool calls with at most 2 requests in flight on the token', async () => {
    const slow = await emulator({ latencyMs: 5 });
    const running = await startHttpServer({ mock: slow });
    const client = await connectV2Http(running.url!, 'modern');
    try {
      const days = Array.from({ length: 50 }, (_, i) =>
        new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      );
      const answers = await Promise.all(
        days.map((day) => client.callTool({ name: 'wolkvox_chat_9', arguments: { from: day, limit: 1 } })),
      );
      for (const [index, answer] of answers.entries()) {
        expect(structured(answer).totals.rows).toBe(
          slow.control.rows('chat_9', dayParams(days[index]!)).length,
        );
      }
      const stats = slow.control.statsFor(DEMO_TOKEN)!;
      expect(stats.requests).toBe(50);
      expect(stats.maxInFlight).toBe(2);
      expect(stats.rejectedConcurrency).toBe(0);
    } finally {
      await client.close();
      await running.close();
      await slow.close();
    }
  });

  it('says when the daily quota resets', async () => {
    const tight = await emulator({ dailyQuota: 1 });
    const running = await startHttpServer({ mock: tight });
    const client = await connectV2Http(running.url!, 'legacy');
    try {
      structured(await client.callTool({ name: 'wolkvox_chat_9', arguments: { from: DAY } }));
      const refused = (await client.callTool({
        name: 'wolkvox_chat_9',
        arguments: { from: '2025-02-04' },
      })) as any;
      expect(refused.isError).toBe(true);
      const text = textOf(refused);
      const match =
        /daily wolkvox quota is used up; it resets at \d{4}-\d\d-\d\d \d\d:\d\d America\/Bogota \((.+?)\)/.exec(
          text,
        );
      expect(match, text).not.toBeNull();
      // The tenant's next midnight (Bogota is UTC-5 all year), give or take the second Retry-After rounds to.
      const now = tight.control.now().getTime();
      const bogota = now - 5 * 3_600_000;
      const midnight = bogota - (bogota % 86_400_000) + 86_400_000 + 5 * 3_600_000;
      expect(Math.abs(Date.parse(match![1]!) - midnight)).toBeLessThan(5_000);
      // What was fetched before can still be read.
      expect(
        structured(await client.callTool({ name: 'wolkvox_chat_9', arguments: { from: DAY, offset: 3 } }))
          .offset,
      ).toBe(3);
    } finally {
      await client.close();
      await running.close();
      await tight.close();
    }
  });
});
