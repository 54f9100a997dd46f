/**
 * One vocabulary, three readers. Every input of the table runs through the client (`client.reportById` against the
 * in-process emulator), the report's MCP tool (the SDK client over an in-memory transport) and the emulator itself
 * with the input's wire form (over HTTP): the row's date_ini/date_end, written out by hand for the emulator's
 * frozen clock (a date the grammar refuses goes on the wire as written), and its other inputs as sent. All three
 * must accept the same inputs and refuse the same ones, naming the same field (the wire's date_ini/date_end are
 * from/to), except where a row says why the wire differs.
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createWolkvoxClient, type WolkvoxClient, WolkvoxError } from '@wolkvox-mcp/client';
import { CALLER_NAMES, getReport, type Problem, WOLKVOX_ERRORS } from '@wolkvox-mcp/contracts';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReportSource } from '../../src/backend/connect.js';
import { reportToolName } from '../../src/catalog/names.js';
import { createWolkvoxMcpServer } from '../../src/server.js';
import { CLIENT_INFO, emulator, textOf } from '../helpers.js';

/** `ok`, the field the first problem names, or `refused` when a refusal names none (the platform's own words). */
type Verdict = 'ok' | 'refused' | string;

/** Inputs as a caller writes them: text, or a whole number where an assistant sends an id as one. */
type Input = Record<string, string | number>;

/** from/to as wolkvox's query writes them. */
type Dates = { date_ini?: string; date_end?: string };

interface Row {
  report: string;
  input: Input;
  expected: Verdict;
  /** The input's from/to on the wire: read on the emulator's clock (NOW), or as written when refused. */
  dates: Dates;
  /** The wire's verdict when it differs, and why: the platform reads a query, not a caller's request. */
  wire?: { expected: Verdict; why: string };
}

/** The emulator's clock, frozen: a Wednesday afternoon in Bogotá (the tenant's zone). */
const NOW = '2025-02-05T15:30:00-05:00';
const day = '2025-02-03';
const DAY: Dates = { date_ini: '20250203000000', date_end: '20250203235959' };
/** A day's window from `start` (HHiiss) to its end. */
const fromAt = (start: string): Dates => ({ date_ini: `20250203${start}`, date_end: '20250203235959' });
const row =
  (report: string, defaults: Input = {}) =>
  (input: Input, expected: Verdict, dates: Dates, wire?: Row['wire']): Row => ({
    report,
    input: { ...defaults, ...input },
    expected,
    dates,
    ...(wire ? { wire } : {}),
  });
const act3 = row('act_3');
const campaign7 = (input: Input, expected: Verdict) => row('campaign_7', { from: day })(input, expected, DAY);
const realtime = row('calls_last_10');
const IGNORED = 'wolkvox reads only the query names a report takes: others are not an error on the wire';

const TABLE: Row[] = [
  // Dates: ISO, offsets, lowercase t, a space, wolkvox's own form, impossible moments.
  act3({ from: day }, 'ok', DAY),
  act3({ from: '2025-02-03T08:00' }, 'ok', fromAt('080000')),
  act3({ from: '2025-02-03t08:00:00' }, 'ok', fromAt('080000')),
  act3({ from: '2025-02-03 08:00:00' }, 'ok', fromAt('080000')),
  act3({ from: '2025-02-03T08:00:00.250' }, 'ok', fromAt('080000')),
  act3({ from: '2025-02-03T13:00:00Z' }, 'ok', fromAt('080000')),
  act3({ from: '2025-02-03T08:00:00-05:00', to: '2025-02-03T10:00:00-0500' }, 'ok', {
    date_ini: '20250203080000',
    date_end: '20250203100000',
  }),
  act3({ from: '20250203080000' }, 'ok', fromAt('080000')),
  act3({ from: '2025-02-31' }, 'from', { date_ini: '2025-02-31' }),
  act3({ from: day, to: '2025-02-03T24:00' }, 'to', { date_ini: DAY.date_ini, date_end: '2025-02-03T24:00' }),
  act3({ from: '20250231000000' }, 'from', { date_ini: '20250231000000' }),
  act3({ from: '2025-13-01' }, 'from', { date_ini: '2025-13-01' }),
  act3({ from: '03/02/2025' }, 'from', { date_ini: '03/02/2025' }),
  act3({ from: '2025-02-03T08:00+19:00' }, 'from', { date_ini: '2025-02-03T08:00+19:00' }),
  // Relative days on the tenant's calendar, in any case.
  act3({ from: 'today' }, 'ok', { date_ini: '20250205000000', date_end: '20250205235959' }),
  act3({ from: 'YESTERDAY' }, 'ok', { date_ini: '20250204000000', date_end: '20250204235959' }),
  // today-N alone reads "since", through today.
  act3({ from: 'today-7' }, 'ok', { date_ini: '20250129000000', date_end: '20250205235959' }),
  // today-365 is 366 days, the most one MCP call covers.
  act3(
    { from: 'Today-365' },
    'ok',
    { date_ini: '20240206000000', date_end: '20250205235959' },
    {
      expected: 'refused',
      why: 'one platform call covers 31 days; the client and the MCP server split the 366-day window',
    },
  ),
  act3({ from: 'today-366', to: 'today-366' }, 'ok', {
    date_ini: '20240205000000',
    date_end: '20240205235959',
  }),
  act3({ from: 'today-400' }, 'from', { date_ini: 'today-400' }),
  act3({ from: 'tomorrow' }, 'from', { date_ini: 'tomorrow' }),
  act3({ from: 'last week' }, 'from', { date_ini: 'last week' }),
  // Named ranges (weeks start on Monday; last_N_days ends yesterday), and windows in and out of order.
  act3({ from: 'this_week' }, 'ok', { date_ini: '20250203000000', date_end: '20250205235959' }),
  act3({ from: 'last_week' }, 'ok', { date_ini: '20250127000000', date_end: '20250202235959' }),
  act3({ from: 'LAST_7_DAYS' }, 'ok', { date_ini: '20250129000000', date_end: '20250204235959' }),
  act3({ from: 'last_month' }, 'ok', { date_ini: '20250101000000', date_end: '20250131235959' }),
  act3({ from: 'last_0_days' }, 'from', { date_ini: 'last_0_days' }),
  act3({ from: 'today-20', to: 'last_week' }, 'ok', {
    date_ini: '20250116000000',
    date_end: '20250202235959',
  }),
  act3({ from: day, to: '2025-02-01' }, 'to', { date_ini: DAY.date_ini, date_end: '20250201235959' }),
  act3({ from: '2025-02-03T10:00', to: '2025-02-03T09:59:59' }, 'to', {
    date_ini: '20250203100000',
    date_end: '20250203095959',
  }),
  act3({ to: day }, 'from', { date_end: DAY.date_end }),
  act3({}, 'from', {}),
  act3(
    { from: '2025-01-01', to: '2025-02-09' },
    'ok',
    { date_ini: '20250101000000', date_end: '20250209235959' },
    {
      expected: 'refused',
      why: 'one platform call covers 31 days; the client and the MCP server split a 40-day window',
    },
  ),
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
  act3({ from: day, cod_act: 'cod_act1' }, 'ok', DAY),
  act3({ from: day, cod_act: 'cod_act2' }, 'ok', DAY),
  act3({ from: day, cod_act: 'COD_ACT1' }, 'cod_act', DAY),
  act3({ from: day, cod_act: 'cod_act3' }, 'cod_act', DAY),
  // Unknown names and case variants of known ones.
  act3({ from: day, date: day }, 'date', DAY, { expected: 'ok', why: IGNORED }),
  act3({ from: day, Cod_Act: 'cod_act1' }, 'Cod_Act', DAY, { expected: 'ok', why: IGNORED }),
  act3({ FROM: day }, 'from', {}),
  campaign7({ campaign: 'all' }, 'campaign_id'),
  // Real-time reports take no window.
  realtime({}, 'ok', {}),
  realtime({ from: day }, 'from', DAY, { expected: 'ok', why: IGNORED }),
  realtime({ to: 'today' }, 'to', { date_end: '20250205235959' }, { expected: 'ok', why: IGNORED }),
];

let mock: MockServer;
let client: WolkvoxClient;
let mcp: Client;

beforeAll(async () => {
  mock = await emulator({ volume: 100 });
  mock.control.freezeClock(NOW);
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

/** The input as wolkvox's query: the row's dates, and every other input as sent (a number as its digits). */
function wireQuery(row: Row): Record<string, string> {
  const { from: _from, to: _to, ...params } = row.input;
  const sent = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
  return { api: getReport(row.report)!.api, ...sent, ...row.dates };
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
