import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createWolkvoxClient,
  type JsonValue,
  type ReportDrift,
  type WolkvoxClient,
  type WolkvoxClientOptions,
  WolkvoxValidationError,
} from '../src/index.js';
import { failureOf } from './helpers/failure.js';
import { fullRow, type LocalServer, sendJson, startLocalServer, success } from './helpers/local-server.js';

const WINDOW = { from: '2025-01-01', to: '2025-01-02' };
const WINDOW_LABEL = { from: '2025-01-01 00:00:00', to: '2025-01-02 23:59:59' };

let server: LocalServer | undefined;
let client: WolkvoxClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/**
 * A client of the test's server that keeps no closed day: every test serves the same closed window from a server on
 * a port the system picks, which may be an earlier test's, whose kept rows would answer instead.
 */
function connect(options: Partial<WolkvoxClientOptions> = {}): WolkvoxClient {
  client = createWolkvoxClient({
    token: 'tok-tolerance',
    baseUrl: server!.url,
    retries: 0,
    closedDayCacheBytes: 0,
    ...options,
  });
  return client;
}

/** A server answering every call with the same body and status. */
async function serve(status: number, body: unknown): Promise<void> {
  server = await startLocalServer((_req, res) => sendJson(res, status, body));
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/html'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An act_3 row as a tenant sends it: strings everywhere, "-" for nothing. */
function act3Row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    conn_id: '7731200456',
    agent_id: '1043',
    agent_name: 'Ana María Pérez',
    agent_dni: '1020304050',
    skill_id: '12',
    date: '2025-01-01 08:15:32',
    cod_act: '101',
    description_cod_act: 'VENTA',
    cod_act_2: '-',
    description_cod_act_2: '-',
    comments: 'cliente pide llamada',
    type_interaction: 'inbound',
    telephone: '3001234567',
    destiny: '-',
    time: '00:03:25',
    hang_up: 'agent',
    customer_id: '79876543',
    campaign_id: '0',
    ...overrides,
  };
}

function without(row: Record<string, unknown>, ...fields: string[]): Record<string, unknown> {
  const copy = { ...row };
  for (const field of fields) delete copy[field];
  return copy;
}

describe('a drifted answer: every row comes back, as sent, with a drift report', () => {
  // Row 1: a null and a number where the contract says string, no agent_dni. Row 2: destiny renamed, a new column.
  const rows = [
    act3Row(),
    without(act3Row({ comments: null, time: 125 }), 'agent_dni'),
    without(act3Row({ destinity: '-', agent_answers2: '3' }), 'agent_dni', 'destiny'),
  ];

  it('counts missing, null, mistyped and unknown fields per row, never quoting a value', async () => {
    await serve(200, success(rows, 200));
    const result = await connect().report('act_3', WINDOW);
    expect(result.rows).toEqual(rows);
    expect(result.drift).toEqual({
      rows: 2,
      missing: { agent_dni: 2, destiny: 1 },
      nulls: { comments: 1 },
      unexpectedType: { time: { rows: 1, received: 'number' } },
      extra: { destinity: { rows: 1, kind: 'string' }, agent_answers2: { rows: 1, kind: 'string' } },
      envelope: {},
    } satisfies ReportDrift);
    expect(result).toMatchObject({ complete: true, windows: 1, requests: 1, window: WINDOW_LABEL });
    const report = JSON.stringify(result.drift);
    for (const value of ['Ana María', '3001234567', '79876543', '125', 'cliente']) {
      expect(report).not.toContain(value);
    }
  });

  it('returns the very objects wolkvox sent: nothing invented, nulls stay null, numbers stay numbers', async () => {
    await serve(200, success(rows, '200'));
    const result = await connect().report('act_3', WINDOW);
    expect(result.drift).toBeDefined();
    const second = result.rows[1]!;
    expect('agent_dni' in second).toBe(false);
    expect(second.comments).toBeNull();
    expect(second.time).toBe(125);
    expect(result.rows[2]!.destinity).toBe('-');
  });

  it('types rows as documented only when the result has no drift', async () => {
    await serve(200, success([act3Row()]));
    const result = await connect().report('act_3', WINDOW);
    if (result.drift === undefined) {
      expectTypeOf(result.rows[0]!.conn_id).toEqualTypeOf<string>();
    } else {
      expectTypeOf(result.rows[0]!.conn_id).toEqualTypeOf<JsonValue | undefined>();
    }
    const strict = await connect().report('act_3', WINDOW, { strict: true });
    expectTypeOf(strict.rows[0]!.conn_id).toEqualTypeOf<string>();
    expect(strict.rows[0]!.conn_id).toBe('7731200456');
  });

  it('has no drift when every row matches the contract, "-" and empty strings included', async () => {
    await serve(200, success([act3Row(), act3Row({ comments: '', destiny: '' })]));
    const result = await connect().report('act_3', WINDOW);
    expect(result.drift).toBeUndefined();
    expect(result.rows).toHaveLength(2);
  });

  it('reads a nested list item field by its path, without the item index', async () => {
    const hour = Object.fromEntries(
      ['hour', 'calls', 'inbound', 'outbound', 'internal', 'aht', 'occupancy'].map((name) => [name, '1']),
    );
    const row = fullRow('agent_5', {
      status_x_hour: [hour, without({ ...hour, calls: null }, 'hour'), without(hour, 'hour')],
    });
    await serve(200, success([row]));
    const { drift } = await connect().report('agent_5', WINDOW);
    expect(drift?.rows).toBe(1);
    expect(drift?.missing['status_x_hour[].hour']).toBe(1);
    expect(drift?.nulls['status_x_hour[].calls']).toBe(1);
  });
});

describe('envelopes wolkvox sends in more than one way', () => {
  for (const code of [200, '200', '0', ''] as const) {
    it(`takes code ${JSON.stringify(code)} as success, without drift`, async () => {
      await serve(200, success([act3Row()], code as never));
      const result = await connect().report('act_3', WINDOW);
      expect(result.rows).toEqual([act3Row()]);
      expect(result.drift).toBeUndefined();
    });
  }

  it('reads 404 "Validate dates entered" as an empty window, code as number or string, without drift', async () => {
    for (const code of [404, '404']) {
      await server?.close();
      await serve(404, { code, error: 'NOT FOUND', msg: 'Validate dates entered', data: null });
      const result = await connect().report('act_3', WINDOW);
      expect(result).toMatchObject({ rows: [], complete: true });
      expect(result.drift).toBeUndefined();
      await client!.close();
    }
  });

  for (const [name, body] of [
    ['an empty body', ''],
    ['a non-JSON body', '<html><body>Not Found</body></html>'],
  ] as const) {
    it(`reads a 404 with ${name} as an empty window, reported as drift; strict mode refuses it`, async () => {
      server = await startLocalServer((_req, res) => sendText(res, 404, body));
      const result = await connect().report('act_3', WINDOW);
      expect(result.rows).toEqual([]);
      expect(result.drift).toMatchObject({ rows: 0, envelope: { 'bare-404': 1 } });
      expect(server.seen).toHaveLength(1);

      const error = await failureOf(connect().report('act_3', WINDOW, { strict: true }));
      expect(error).toBeInstanceOf(WolkvoxValidationError);
      expect(error).toMatchObject({ report: 'act_3', window: WINDOW_LABEL });
      expect((error as WolkvoxValidationError).issues[0]!.field).toBe('(body)');
    });
  }

  it('reads `data` as one object where the report documents a list, as one row', async () => {
    await serve(200, { code: '200', error: null, msg: '1 records were found', data: act3Row() });
    const result = await connect().report('act_3', WINDOW);
    expect(result.rows).toEqual([act3Row()]);
    expect(result.drift).toMatchObject({ rows: 0, envelope: { 'data-object': 1 } });
  });

  it('reads `data` as a list where the report documents one object (info_server), every item a row', async () => {
    const item = fullRow('info_server');
    await serve(200, success([item, item], '200'));
    const listed = await connect().report('info_server', {});
    expect(listed.rows).toEqual([item, item]);
    expect(listed.drift?.envelope).toEqual({ 'data-list': 1 });
  });

  it('reads a success without rows (`data` null) as no rows, and leaves out items that are not objects', async () => {
    await serve(200, { code: 200, error: null, msg: '0 records were found', data: null });
    const none = await connect().report('act_3', WINDOW);
    expect(none.rows).toEqual([]);
    expect(none.drift?.envelope).toEqual({ 'data-missing': 1 });
    await client!.close();
    await server!.close();

    await serve(200, success([act3Row(), null, 'x', act3Row({ conn_id: '2' })]));
    const mixed = await connect().report('act_3', WINDOW);
    expect(mixed.rows).toEqual([act3Row(), act3Row({ conn_id: '2' })]);
    expect(mixed.drift).toMatchObject({ rows: 0, envelope: { 'non-object-rows': 2 } });
  });
});

describe('drift over several windows', () => {
  it('is merged across the windows of one call, first sample kind kept', async () => {
    // 40 days of act_3: two windows (31 days, then 9). Each answers with its own drift.
    server = await startLocalServer((req, res) => {
      const first = (req.url ?? '').includes('date_ini=20250101000000');
      const rows = first
        ? [without(act3Row({ time: 125 }), 'date'), act3Row()]
        : [without(act3Row({ time: true, new_col: null }), 'date')];
      sendJson(res, 200, first ? success(rows, 200) : { code: '200', error: null, msg: '1', data: rows[0] });
    });
    const result = await connect().report('act_3', { from: '2025-01-01', to: '2025-02-09' });
    expect(result.windows).toBe(2);
    expect(result.rows).toHaveLength(3);
    expect(result.drift).toEqual({
      rows: 2,
      missing: { date: 2 },
      nulls: {},
      unexpectedType: { time: { rows: 2, received: 'number' } },
      extra: { new_col: { rows: 1, kind: 'null' } },
      envelope: { 'data-object': 1 },
    });
  });
});

describe('strict mode', () => {
  const drifted = [act3Row(), without(act3Row({ agent_answers2: '3' }), 'date')];

  it('fails on drift with the validation error naming report, window, field and rule', async () => {
    await serve(200, success(drifted));
    const error = await failureOf(connect({ strict: true }).report('act_3', WINDOW));
    expect(error).toBeInstanceOf(WolkvoxValidationError);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', report: 'act_3', window: WINDOW_LABEL });
    expect((error as WolkvoxValidationError).issues).toEqual([
      { row: 1, field: 'date', message: expect.stringContaining('expected string') },
      { row: 1, field: 'agent_answers2', message: expect.stringContaining('not in the contract') },
    ]);
    expect(error.message).toContain('row 1 field date');
  });

  it('is chosen per call, over the client option either way', async () => {
    await serve(200, success(drifted));
    const strictClient = connect({ strict: true });
    const relaxed = await strictClient.report('act_3', WINDOW, { strict: false });
    expect(relaxed.drift?.missing).toEqual({ date: 1 });
    await strictClient.close();

    const tolerant = connect();
    expect(await failureOf(tolerant.report('act_3', WINDOW, { strict: true }))).toBeInstanceOf(
      WolkvoxValidationError,
    );
    expect((await tolerant.report('act_3', WINDOW)).rows).toEqual(drifted);
  });

  it('refuses a strict option that is not a boolean', () => {
    expect(() => createWolkvoxClient({ token: 't', server: '0015', strict: 'yes' as never })).toThrow(
      /strict must be true or false/,
    );
  });
});
