/**
 * One vocabulary, three readers. Every input of the table runs through the client (`client.reportById` against the
 * in-process emulator), the report's MCP tool (the SDK client over an in-memory transport) and the emulator itself
 * with the input's wire form (date_ini/date_end and the params, over HTTP). All three must accept the same inputs
 * and refuse the same ones, naming the same field (the wire's date_ini/date_end are from/to), except where a row
 * says why the wire differs.
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createWolkvoxClient, type WolkvoxClient, WolkvoxError } from '@wolkvox-mcp/client';
import {
  CALLER_NAMES,
  type CalendarContext,
  formatWolkvoxDate,
  getReport,
  isDateRefusal,
  type Problem,
  readDate,
  WOLKVOX_ERRORS,
  windowOf,
} from '@wolkvox-mcp/contracts';
import { DEMO_TOKEN, type MockServer, startMockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReportSource } from '../../src/backend/connect.js';
import { createWolkvoxMcpServer } from '../../src/server.js';
import { reportToolName } from '../../src/tools/report-tools.js';
import { CLIENT_INFO, textOf } from '../helpers.js';

/** `ok`, the field the first problem names, or `refused` when a refusal names none (the platform's own words). */
type Verdict = 'ok' | 'refused' | string;

/** Inputs as a caller writes them: text, or a whole number where an assistant sends an id as one. */
type Input = Record<string, string | number>;

interface Row {
  report: string;
  input: Input;
  expected: Verdict;
  /** The wire's verdict when it differs, and why: the platform reads a query, not a caller's request. */
  wire?: { expected: Verdict; why: string };
}

const day = '2025-02-03';
const act3 = (input: Input, expected: Verdict, wire?: Row['wire']): Row => ({
  report: 'act_3',
  input,
  expected,
  ...(wire ? { wire } : {}),
});
const campaign7 = (input: Input, expected: Verdict): Row => ({
  report: 'campaign_7',
  input: { from: day, ...input },
  expected,
});
const realtime = (input: Input, expected: Verdict, wire?: Row['wire']): Row => ({
  report: 'calls_last_10',
  input,
  expected,
  ...(wire ? { wire } : {}),
});
const IGNORED = 'wolkvox reads only the query names a report takes: others are not an error on the wire';

const TABLE: Row[] = [
  // Dates: ISO, offsets, lowercase t, a space, wolkvox's own form, impossible moments.
  act3({ from: day }, 'ok'),
  act3({ from: '2025-02-03T08:00' }, 'ok'),
  act3({ from: '2025-02-03t08:00:00' }, 'ok'),
  act3({ from: '2025-02-03 08:00:00' }, 'ok'),
  act3({ from: '2025-02-03T08:00:00.250' }, 'ok'),
  act3({ from: '2025-02-03T13:00:00Z' }, 'ok'),
  act3({ from: '2025-02-03T08:00:00-05:00', to: '2025-02-03T10:00:00-0500' }, 'ok'),
  act3({ from: '20250203080000' }, 'ok'),
  act3({ from: '2025-02-31' }, 'from'),
  act3({ from: day, to: '2025-02-03T24:00' }, 'to'),
  act3({ from: '20250231000000' }, 'from'),
  act3({ from: '2025-13-01' }, 'from'),
  act3({ from: '03/02/2025' }, 'from'),
  act3({ from: '2025-02-03T08:00+19:00' }, 'from'),
  // Relative days on the tenant's calendar, in any case.
  act3({ from: 'today' }, 'ok'),
  act3({ from: 'YESTERDAY' }, 'ok'),
  act3({ from: 'today-7' }, 'ok'),
  // today-N alone reads "since", through today: today-365 is 366 days, the most one MCP call covers.
  act3({ from: 'Today-365' }, 'ok', {
    expected: 'refused',
    why: 'one platform call covers 31 days; the client and the MCP server split the 366-day window',
  }),
  act3({ from: 'today-366', to: 'today-366' }, 'ok'),
  act3({ from: 'today-400' }, 'from'),
  act3({ from: 'tomorrow' }, 'from'),
  act3({ from: 'last week' }, 'from'),
  // Named ranges, and windows in and out of order.
  act3({ from: 'this_week' }, 'ok'),
  act3({ from: 'last_week' }, 'ok'),
  act3({ from: 'LAST_7_DAYS' }, 'ok'),
  act3({ from: 'last_month' }, 'ok'),
  act3({ from: 'last_0_days' }, 'from'),
  act3({ from: 'today-20', to: 'last_week' }, 'ok'),
  act3({ from: day, to: '2025-02-01' }, 'to'),
  act3({ from: '2025-02-03T10:00', to: '2025-02-03T09:59:59' }, 'to'),
  act3({ to: day }, 'from'),
  act3({}, 'from'),
  act3({ from: '2025-01-01', to: '2025-02-09' }, 'ok', {
    expected: 'refused',
    why: 'one platform call covers 31 days; the client and the MCP server split a 40-day window',
  }),
  // Parameters: all in any case, ids, bad values, missing required ones, cod_act variants.
  campaign7({ campaign_id: 'ALL' }, 'ok'),
  campaign7({ campaign_id: 'All' }, 'ok'),
  campaign7({ campaign_id: 'all' }, 'ok'),
  campaign7({ campaign_id: '123' }, 'ok'),
  // A whole number is read as its digits (assistants send ids as numbers); the wire gets the same digits.
  campaign7({ campaign_id: 2021 }, 'ok'),
  campaign7({ campaign_id: 20.5 }, 'campaign_id'),
  campaign7({ campaign_id: -5 }, 'campaign_id'),
  campaign7({ campaign_id: 'abc' }, 'campaign_id'),
  campaign7({ campaign_id: '' }, 'campaign_id'),
  campaign7({}, 'campaign_id'),
  act3({ from: day, cod_act: 'cod_act1' }, 'ok'),
  act3({ from: day, cod_act: 'cod_act2' }, 'ok'),
  act3({ from: day, cod_act: 'COD_ACT1' }, 'cod_act'),
  act3({ from: day, cod_act: 'cod_act3' }, 'cod_act'),
  // Unknown names and case variants of known ones.
  act3({ from: day, date: day }, 'date', { expected: 'ok', why: IGNORED }),
  act3({ from: day, Cod_Act: 'cod_act1' }, 'Cod_Act', { expected: 'ok', why: IGNORED }),
  act3({ FROM: day }, 'from'),
  campaign7({ campaign: 'all' }, 'campaign_id'),
  // Real-time reports take no window.
  realtime({}, 'ok'),
  realtime({ from: day }, 'from', { expected: 'ok', why: IGNORED }),
  realtime({ to: 'today' }, 'to', { expected: 'ok', why: IGNORED }),
];

let mock: MockServer;
let client: WolkvoxClient;
let mcp: Client;

beforeAll(async () => {
  mock = await startMockServer({ host: '127.0.0.1', port: 0, volume: 100 });
  client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url });
  const { server } = createWolkvoxMcpServer({
    source: asReportSource(client, () => mock.control.now()),
    sourceKind: 'emulator',
    toolsets: 'all',
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  mcp = new Client(CLIENT_INFO);
  await mcp.connect(clientSide);
});

afterAll(async () => {
  await mcp?.close();
  await client?.close();
  await mock?.close();
});

const callerName = (field: string) => CALLER_NAMES[field] ?? field;

async function throughClient(row: Row): Promise<Verdict> {
  try {
    await client.reportById(row.report, row.input);
    return 'ok';
  } catch (error) {
    if (!(error instanceof WolkvoxError) || error.kind !== 'request') throw error;
    return callerName((error as WolkvoxError & { problems: { field: string }[] }).problems[0]!.field);
  }
}

async function throughMcp(row: Row): Promise<Verdict> {
  const result = await mcp.callTool({ name: reportToolName(row.report), arguments: row.input });
  if (!result.isError) return 'ok';
  const text = textOf(result);
  // A schema refusal ("...for tool wolkvox_act_3: from: ...") or the platform's, explained ("Change: from: ...").
  const field = /(?:for tool \S+|Change): ([\w.]+): /.exec(text)?.[1];
  if (field === undefined) throw new Error(`no field named in: ${text}`);
  return field;
}

/**
 * The input as wolkvox's query: from/to read with the contracts' grammar on the emulator's clock and written as
 * date_ini/date_end (to defaulting as callers' does); a value the grammar refuses goes on the wire as written.
 */
function wireQuery(row: Row): Record<string, string> {
  const calendar: CalendarContext = { timeZone: client.timeZone, now: () => mock.control.now() };
  const { from, to, ...numbered } = row.input as Record<string, string | undefined>;
  const params = Object.fromEntries(Object.entries(numbered).map(([name, value]) => [name, String(value)]));
  const read = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const reading = readDate(value, calendar);
    return isDateRefusal(reading) ? value : reading;
  };
  const start = read(from);
  const end = read(to);
  const query: Record<string, string> = { api: getReport(row.report)!.api, ...params };
  if (typeof start === 'object') query.date_ini = formatWolkvoxDate(start.start);
  else if (start !== undefined) query.date_ini = start;
  if (typeof end === 'object') query.date_end = formatWolkvoxDate(end.end);
  else if (end !== undefined) query.date_end = end;
  else if (typeof start === 'object') {
    const window = windowOf(start, undefined, calendar);
    if (window && 'end' in window) query.date_end = formatWolkvoxDate(window.end);
  }
  return query;
}

async function throughWire(row: Row): Promise<Verdict> {
  const search = new URLSearchParams(wireQuery(row)).toString();
  const response = await fetch(`${mock.url}${getReport(row.report)!.path}?${search}`, {
    headers: { 'wolkvox-token': DEMO_TOKEN },
  });
  const body = (await response.json()) as { msg?: string; problems?: Problem[] };
  if (response.status !== 400) return 'ok'; // 200, or 404 for a window without rows: the query was read.
  // SOME PARAMETERS ARE REQUIRED lists the fields; THE DATE RANGE EXCEEDS... is a limit wolkvox names no field for.
  if (body.msg !== WOLKVOX_ERRORS.MISSING_PARAMETERS.msg) return 'refused';
  return callerName(body.problems![0]!.field);
}

describe('the request vocabulary, read by the client, an MCP tool and the emulator alike', () => {
  it('has at least 40 inputs, accepted and refused', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(TABLE.some((row) => row.expected === 'ok')).toBe(true);
    expect(TABLE.some((row) => row.expected !== 'ok')).toBe(true);
  });

  it.each(TABLE.map((row) => [`${row.report} ${JSON.stringify(row.input)}`, row] as const))(
    '%s',
    async (_label, row) => {
      const [viaClient, viaMcp, viaWire] = await Promise.all([
        throughClient(row),
        throughMcp(row),
        throughWire(row),
      ]);
      expect({ client: viaClient, mcp: viaMcp, wire: viaWire }).toEqual({
        client: row.expected,
        mcp: row.expected,
        wire: row.wire?.expected ?? row.expected,
      });
    },
  );
});

describe('a whole number for a text parameter, in every tool that takes report parameters', () => {
  it('is read as its digits by run_report, as by the report’s own tool, and the schema still says text', async () => {
    const viaTool = await mcp.callTool({
      name: reportToolName('campaign_7'),
      arguments: { from: day, campaign_id: 2021, limit: 1 },
    });
    const viaRunReport = await mcp.callTool({
      name: 'run_report',
      arguments: { report: 'campaign_7', from: day, params: { campaign_id: 2021 }, limit: 1 },
    });
    expect(viaTool.isError, textOf(viaTool)).toBeFalsy();
    expect(viaRunReport.isError, textOf(viaRunReport)).toBeFalsy();
    expect((viaRunReport.structuredContent as { totals: unknown }).totals).toEqual(
      (viaTool.structuredContent as { totals: unknown }).totals,
    );
    const fraction = await mcp.callTool({
      name: 'run_report',
      arguments: { report: 'campaign_7', from: day, params: { campaign_id: 20.5 } },
    });
    expect(fraction.isError).toBe(true);
    expect(textOf(fraction)).toMatch(/params\.campaign_id/);

    const { tools } = await mcp.listTools();
    const schemaOf = (name: string) =>
      tools.find((tool) => tool.name === name)!.inputSchema as Record<string, any>;
    expect(schemaOf(reportToolName('campaign_7')).properties.campaign_id.type).toBe('string');
    expect(schemaOf('run_report').properties.params.additionalProperties.type).toBe('string');
  });
});
