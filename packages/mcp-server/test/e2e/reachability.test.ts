/**
 * Every registry report stays reachable through the default tool list: list_reports finds each one by its id and
 * says how to call it, and run_report runs reports of every family and toolset (real-time and look-ups without
 * dates), checking their parameters with the report's own rules. Through the SDK v2 client over Streamable HTTP,
 * against an emulator the test controls; rows are compared for the seed reports only (a report the emulator does
 * not simulate yet answers 404, which is an empty result).
 */
import { fromJsonSchema } from '@modelcontextprotocol/client';
import { type AnyReport, getReport, listReports } from '@wolkvox-mcp/contracts';
import { exampleParams, sampleQuery } from '@wolkvox-mcp/test-support/requests';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_TOOLS } from '../../src/catalog/toolsets.js';
import {
  asStructured,
  connectV2Http,
  dayParams,
  emulator,
  startFromArgs,
  structured,
  textOf,
} from '../helpers.js';

const DAY = '2025-02-03';
const SEEDS = ['act_3', 'diagram_1_2', 'campaign_7', 'chat_9', 'calls_last_10'];

let mock: Awaited<ReturnType<typeof emulator>>;
let server: Awaited<ReturnType<typeof startFromArgs>>;
let client: Awaited<ReturnType<typeof connectV2Http>>;
let runOutput: ReturnType<typeof fromJsonSchema>;

beforeAll(async () => {
  mock = await emulator();
  mock.control.freezeClock('2025-02-04T15:00:00Z');
  server = await startFromArgs(mock);
  client = await connectV2Http(server.url!, 'modern');
  const runReport = (await client.listTools()).tools.find((tool) => tool.name === 'run_report')!;
  runOutput = fromJsonSchema(runReport.outputSchema as never);
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  await mock?.close();
});

/** run_report arguments for one day (historical) or now (real-time, look-ups). */
function runArgs(report: AnyReport): Record<string, unknown> {
  const params = exampleParams(report);
  return {
    report: report.id,
    ...(report.window ? { from: DAY } : {}),
    ...(Object.keys(params).length ? { params } : {}),
    limit: 5,
  };
}

/** The seeds, then the first report of each family and of each toolset: every kind of call, registry-driven. */
function handful(): AnyReport[] {
  const reports = listReports();
  const picked = new Map<string, AnyReport>();
  for (const id of SEEDS) {
    const report = getReport(id);
    if (report) picked.set(id, report);
  }
  for (const key of ['family', 'toolset'] as const) {
    for (const value of new Set(reports.map((report) => report[key]))) {
      const first = reports.find((report) => report[key] === value)!;
      picked.set(first.id, first);
    }
  }
  return [...picked.values()];
}

describe('list_reports', () => {
  it('finds every registry report by its id, with its params (and which are required) and field names', async () => {
    for (const report of listReports()) {
      const result = structured(
        await client.callTool({ name: 'list_reports', arguments: { query: report.id } }),
      );
      const entry = result.reports.find((found: { id: string }) => found.id === report.id);
      expect(entry, report.id).toBeDefined();
      expect(result.reports[0].id, `${report.id} ranks first`).toBe(report.id);
      expect(entry.params.map((p: { name: string; required: boolean }) => [p.name, p.required])).toEqual(
        Object.entries(report.params).map(([name, spec]) => [name, spec.required]),
      );
      expect(entry.fields).toEqual(Object.keys(report.fields));
      expect(entry.window_max_days).toBe(report.window?.maxDays ?? null);
      expect(entry.listed).toBe(DEFAULT_REPORT_TOOLS.includes(report.id));
    }
  });
});

describe('run_report', () => {
  it.each(handful().map((report) => [report.id, report] as const))(
    'runs %s with its params and the answer controls',
    async (_id, report) => {
      const result = await client.callTool({ name: 'run_report', arguments: runArgs(report) });
      const answer = structured(result);
      expect(answer.report).toBe(report.id);
      expect(answer.window === null).toBe(report.window === null);
      expect(answer.limit).toBe(5);
      const checked = runOutput['~standard'].validate(answer) as { issues?: unknown[] };
      expect(checked.issues ?? []).toEqual([]);
      if (SEEDS.includes(report.id)) {
        const expected = mock.control.rows(report.id, sampleQuery(report, DAY));
        expect(expected.length).toBeGreaterThan(0);
        expect(answer.totals.rows).toBe(expected.length);
        expect(answer.rows).toEqual(expected.slice(0, 5).map((row) => asStructured(report, row)));
      }
    },
  );

  it('includes a real-time report, run without dates', () => {
    expect(handful().some((report) => report.window === null)).toBe(true);
  });

  it('pages a run_report answer with the call its text names', async () => {
    const first = await client.callTool({
      name: 'run_report',
      arguments: { report: 'act_3', from: DAY, limit: 2 },
    });
    const next = structured(first).next_cursor as string;
    expect(textOf(first)).toContain(`call run_report with {"report":"act_3","cursor":"${next}"}`);
    const second = structured(
      await client.callTool({ name: 'run_report', arguments: { report: 'act_3', cursor: next } }),
    );
    expect(second.offset).toBe(2);
    expect(second.rows).toEqual(mock.control.rows('act_3', dayParams(DAY)).slice(2, 4));
  });

  it('says which report or field is wrong, as a tool error', async () => {
    const call = async (args: Record<string, unknown>) => {
      const result = (await client.callTool({ name: 'run_report', arguments: args })) as {
        isError?: boolean;
      };
      expect(result.isError, JSON.stringify(args)).toBe(true);
      return textOf(result);
    };
    expect(await call({ report: 'chat9', from: DAY })).toMatch(
      /report: unknown report "chat9"; did you mean chat_9\b.*list_reports/,
    );
    const withParam = listReports().find((report) =>
      Object.values(report.params).some((spec) => spec.required),
    )!;
    const [param] = Object.entries(withParam.params).find(([, spec]) => spec.required)!;
    expect(await call({ report: withParam.id, ...(withParam.window ? { from: DAY } : {}) })).toContain(
      `params.${param}: is required`,
    );
    expect(
      await call({
        report: withParam.id,
        ...(withParam.window ? { from: DAY } : {}),
        params: { ...exampleParams(withParam), [param]: { not: 'a string' } },
      }),
    ).toContain(`params.${param}: `);
    expect(
      await call({ report: withParam.id, params: { ...exampleParams(withParam), nope: '1' } }),
    ).toContain(`params.nope: is not a parameter of ${withParam.id} (it takes `);
    const now = listReports().find((report) => report.window === null)!;
    expect(await call({ report: now.id, from: DAY })).toContain(
      `from: is not accepted: ${now.id} reports on "now" and takes no window`,
    );
    const dated = listReports().find((report) => report.window !== null)!;
    expect(await call({ report: dated.id, ...runArgs(dated), from: '03/02/2025' })).toMatch(
      /from: is not a date this grammar reads \(expected an ISO-8601 date \(2025-02-03\)/,
    );
  });
});
