/**
 * End to end, SDK v2 client over Streamable HTTP, against a wolkvox stand-in that answers as a real tenant may:
 * strings everywhere, "-" for nothing, nulls, a missing and a renamed column, an unknown one, a number where a
 * string is documented, `code` as number or string, a 404 with an empty body. Every row reaches the assistant,
 * and the answer says how wolkvox's rows differ from the contract.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/client';
import { getReport } from '@wolkvox-mcp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectV2Http, startHttpServer, structured, textOf } from '../helpers.js';

/** An act_3 row as a tenant sends it. */
function act3Row(index: number): Record<string, unknown> {
  const row: Record<string, unknown> = Object.fromEntries(
    Object.keys(getReport('act_3')!.fields).map((f) => [f, '-']),
  );
  return {
    ...row,
    conn_id: String(7731200456 + index),
    agent_id: '1043',
    agent_name: 'Ana María Pérez',
    date: `2025-02-03 08:1${index}:32`,
    telephone: '3001234567',
    time: '00:03:25',
  };
}

function drop(row: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _dropped, ...rest } = row;
  return rest;
}

// Rows 1-3 lack `date`; row 2 sends `comments` null and `time` as a number; row 3 renames `destiny`; row 4 has an
// unknown column.
const ACT_3_ROWS = [
  act3Row(0),
  drop(act3Row(1), 'date'),
  drop({ ...act3Row(2), comments: null, time: 205 }, 'date'),
  drop(drop({ ...act3Row(3), destinity: '-' }, 'destiny'), 'date'),
  { ...act3Row(4), agent_answers2: '3' },
];

/** What the stand-in answers, by report and day asked for: a status and a body. */
function answer(url: URL): [number, string] {
  const api = url.searchParams.get('api');
  const day = url.searchParams.get('date_ini')?.slice(0, 8);
  if (api !== 'act_3') {
    return [
      400,
      JSON.stringify({ code: 400, error: 'BAD REQUEST', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' }),
    ];
  }
  if (day === '20250202') return [404, '']; // a Sunday: an empty body
  const data = day === '20250203' ? ACT_3_ROWS : [act3Row(9)];
  const code = day === '20250203' ? 200 : '200';
  return [200, JSON.stringify({ code, error: null, msg: `${data.length} records were found`, data })];
}

let standIn: Server;
let server: Awaited<ReturnType<typeof startHttpServer>>;
let client: Client;

beforeAll(async () => {
  standIn = createServer((req, res) => {
    const [status, body] = answer(new URL(req.url ?? '/', 'http://stand-in'));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const { port } = standIn.address() as AddressInfo;
  server = await startHttpServer({ mock: { url: `http://127.0.0.1:${port}` } });
  client = await connectV2Http(server.url!);
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  standIn?.closeAllConnections();
  await new Promise<void>((resolve) => standIn?.close(() => resolve()));
});

describe('a tenant answer that drifts from the contract', () => {
  it('shows every row, says which fields differ in how many rows, and adds `drift` to structured content', async () => {
    const result = await client.callTool({ name: 'wolkvox_act_3', arguments: { from: '2025-02-03' } });
    const content = structured(result);
    expect(content.totals.rows).toBe(5);
    expect(content.rows.map((row: Record<string, unknown>) => row.conn_id)).toEqual(
      ACT_3_ROWS.map((row) => row.conn_id),
    );
    expect(content.drift).toEqual({
      rows: 4,
      missing: { date: 3, destiny: 1 },
      nulls: { comments: 1 },
      unexpectedType: { time: { rows: 1, received: 'number' } },
      extra: { destinity: { rows: 1, kind: 'string' }, agent_answers2: { rows: 1, kind: 'string' } },
      envelope: {},
    });
    // The unknown columns are shown, values as sent.
    expect(content.columns).toEqual(expect.arrayContaining(['destinity', 'agent_answers2']));
    expect(content.rows[2].time).toBe(205);

    const text = textOf(result);
    expect(text).toContain("differs from the report's contract in 4 rows");
    expect(text).toContain('rows without `date` (3 rows) and `destiny` (1 row)');
    expect(text).toContain('2 unknown fields `agent_answers2` (1 row) and `destinity` (1 row)');
    expect(text).toContain('`time` as number (1 row) instead of the documented type');
    expect(text).toContain('figures from those rows may be incomplete');
    expect(content.notes.some((note: string) => note.includes('null `comments` (1 row)'))).toBe(true);
    // The drift report names fields, never their values.
    expect(JSON.stringify(content.drift)).not.toMatch(/Ana|3001234567|205|7731200/);
  });

  it('says nothing of drift when the rows match the contract (code as the string "200")', async () => {
    const result = await client.callTool({ name: 'wolkvox_act_3', arguments: { from: '2025-02-04' } });
    const content = structured(result);
    expect(content.totals.rows).toBe(1);
    expect(content).not.toHaveProperty('drift');
    expect(textOf(result)).not.toContain('contract');
  });

  it("reads a 404 with an empty body as an empty window, and says it was not wolkvox's own message", async () => {
    const result = await client.callTool({
      name: 'run_report',
      arguments: { report: 'act_3', from: '2025-02-02' },
    });
    const content = structured(result);
    expect(content.totals.rows).toBe(0);
    expect(content.drift.envelope).toEqual({ 'bare-404': 1 });
    expect(textOf(result)).toContain('404 without wolkvox\'s "Validate dates entered"');
  });
});
