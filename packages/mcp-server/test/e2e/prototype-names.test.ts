/**
 * Names only Object.prototype has, written by the caller wherever a caller names something (an argument, a filter
 * column or operator, a report's parameter, a column in fields, group_by, order_by or aggregate, a fetch's key or
 * parameter, a report id): each is an unknown name like any other, refused with the same isError naming the field
 * and the rule. `__proto__` above all: JSON gives it as an own key, which zod would leave out of what it parses
 * (a filter of it answered every row). Through the SDK client in process, and over HTTP (the wire's JSON).
 */
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectV2Http,
  type EmulatedSession,
  emulatedSession,
  emulator,
  startHttpServer,
  textOf,
} from '../helpers.js';

const NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];

let session: EmulatedSession;

beforeAll(async () => {
  session = await emulatedSession({ toolsets: 'all', frozen: true });
});
afterAll(() => session?.close());

/** Arguments as the wire carries them: JSON, so that `__proto__` is an own key, as a client's JSON makes it. */
const json = (text: string, name: string) =>
  JSON.parse(text.replaceAll('NAME', name)) as Record<string, unknown>;

/** [where, tool, arguments (NAME stands for the name), the refusal's start] */
const PLACES: [string, string, string, string][] = [
  [
    "a report tool's argument",
    'wolkvox_act_3',
    '{"from": "2025-02-03", "NAME": "x"}',
    'NAME: is not a parameter of wolkvox_act_3',
  ],
  [
    "run_report's argument",
    'run_report',
    '{"report": "act_3", "from": "2025-02-03", "NAME": "x"}',
    'NAME: unknown argument; run_report takes',
  ],
  [
    'a filter column',
    'wolkvox_act_3',
    '{"from": "2025-02-03", "filter": {"NAME": "x"}}',
    'filter.NAME: unknown column; valid columns: conn_id',
  ],
  [
    "a filter column, run_report's",
    'run_report',
    '{"report": "act_3", "from": "2025-02-03", "filter": {"NAME": {"=": "x"}}}',
    'filter.NAME: unknown column; valid columns: conn_id',
  ],
  [
    'a filter operator',
    'wolkvox_act_3',
    '{"from": "2025-02-03", "filter": {"agent_name": {"NAME": 1}}}',
    'filter.agent_name.NAME: unknown operator; operators: =',
  ],
  [
    "a report's parameter",
    'run_report',
    '{"report": "act_3", "from": "2025-02-03", "params": {"NAME": "x"}}',
    'params.NAME: is not a parameter of act_3',
  ],
  [
    'a column in fields',
    'run_report',
    '{"report": "act_3", "from": "2025-02-03", "fields": ["NAME"]}',
    'fields.0: unknown column; valid columns: conn_id',
  ],
  [
    'a column in group_by',
    'wolkvox_act_3',
    '{"from": "2025-02-03", "group_by": ["NAME"]}',
    'group_by.0: unknown column; valid columns: conn_id',
  ],
  [
    'a column in order_by',
    'wolkvox_act_3',
    '{"from": "2025-02-03", "order_by": ["NAME desc"]}',
    "order_by.0: unknown column; this answer's columns: conn_id",
  ],
  [
    'a column in aggregate',
    'wolkvox_act_3',
    '{"from": "2025-02-03", "aggregate": {"avg": ["NAME"]}}',
    'aggregate.avg.0: unknown column; valid columns: conn_id',
  ],
  [
    'an aggregate',
    'wolkvox_act_3',
    '{"from": "2025-02-03", "aggregate": {"NAME": ["time"]}}',
    'aggregate: takes sum, avg, min, max',
  ],
  ['a report id', 'run_report', '{"report": "NAME", "from": "2025-02-03"}', 'report: unknown report "NAME"'],
  [
    "query_reports' argument",
    'query_reports',
    '{"fetches": [{"report": "act_3", "from": "2025-02-03"}], "sql": "SELECT 1", "NAME": 1}',
    'NAME: unknown argument; query_reports takes fetches, sql, chart, format, bom',
  ],
  [
    "a fetch's key",
    'query_reports',
    '{"fetches": [{"report": "act_3", "from": "2025-02-03", "NAME": 1}], "sql": "SELECT 1"}',
    'fetches.0.NAME: unknown argument; a fetch takes report, from, to, params, as',
  ],
  [
    "a fetch's parameter",
    'query_reports',
    '{"fetches": [{"report": "act_3", "from": "2025-02-03", "params": {"NAME": "1"}}], "sql": "SELECT 1"}',
    'fetches.0.params.NAME: is not a parameter of act_3',
  ],
  [
    "a fetch's report id",
    'query_reports',
    '{"fetches": [{"report": "NAME", "from": "2025-02-03"}], "sql": "SELECT 1"}',
    'fetches.0.report: unknown report "NAME"',
  ],
  ["list_reports' argument", 'list_reports', '{"NAME": 1}', 'unknown argument(s) "NAME"; list_reports takes'],
];

describe.each(NAMES)('%s, named by the caller', (name) => {
  it.each(PLACES)('as %s: refused like any unknown name', async (_where, tool, args, refusal) => {
    const before = session.mock.control.journal().length;
    const result = await session.client.callTool({ name: tool, arguments: json(args, name) });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(refusal.replaceAll('NAME', name));
    // Refused before anything was fetched.
    expect(session.mock.control.journal().length).toBe(before);
  });
});

describe('over HTTP, in the JSON of the wire', () => {
  let mock: Awaited<ReturnType<typeof emulator>>;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let client: Client;
  beforeAll(async () => {
    mock = await emulator();
    server = await startHttpServer({ mock });
    client = await connectV2Http(server.url!);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await mock?.close();
  });

  it('refuses __proto__ as an argument, a filter column and a parameter', async () => {
    for (const [tool, args, refusal] of [PLACES[1]!, PLACES[2]!, PLACES[5]!].map(
      ([, tool, args, refusal]) => [tool, args, refusal] as const,
    )) {
      const result = await client.callTool({ name: tool, arguments: json(args, '__proto__') });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(refusal.replaceAll('NAME', '__proto__'));
    }
    expect(mock.control.journal()).toEqual([]);
  });
});
