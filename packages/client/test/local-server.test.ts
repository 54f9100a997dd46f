import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Credential } from '../src/credential.js';
import {
  createWolkvoxClient,
  WolkvoxAuthError,
  type WolkvoxClient,
  type WolkvoxClientOptions,
  WolkvoxHttpError,
  WolkvoxLimitError,
  WolkvoxQuotaError,
  WolkvoxValidationError,
} from '../src/index.js';
import { tokenGateState } from '../src/limiter.js';
import { failureOf } from './helpers/failure.js';
import { fullRow, type LocalServer, sendJson, startLocalServer, success } from './helpers/local-server.js';

const SECRET = 'tok-SECRET-7f3a9c-do-not-leak';
const WINDOW = { from: '2025-01-01', to: '2025-01-02' };

let server: LocalServer | undefined;
let client: WolkvoxClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function connect(options: Partial<WolkvoxClientOptions> = {}): WolkvoxClient {
  client = createWolkvoxClient({ token: SECRET, baseUrl: server!.url, retryBaseDelayMs: 1, ...options });
  return client;
}

/** Everything a careless program could print about an error. */
function everything(value: unknown): string {
  return `${String(value)}\n${inspect(value, { depth: 20, showHidden: true })}\n${JSON.stringify(value)}`;
}

describe('against a local stand-in server', () => {
  it('sends GET with the wolkvox-token header to the family endpoint, api first, dates as YYYYmmddHHiiss', async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, success([fullRow('act_3')])));
    const result = await connect().report('act_3', { ...WINDOW, cod_act: 'cod_act2' });
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]!.url).toBe(
      '/api/v2/reports_manager.php?api=act_3&cod_act=cod_act2&date_ini=20250101000000&date_end=20250102235959',
    );
    expect(server.seen[0]!.headers['wolkvox-token']).toBe(SECRET);
    expect(result).toMatchObject({
      report: 'act_3',
      window: { from: '2025-01-01 00:00:00', to: '2025-01-02 23:59:59' },
      windows: 1,
      requests: 1,
      complete: true,
    });
  });

  it('keeps a base URL path prefix and calls real-time reports without a window', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 200, success([fullRow('calls_last_10')], '200')),
    );
    client = createWolkvoxClient({ token: SECRET, baseUrl: `${server.url}/proxy/` });
    const result = await client.report('calls_last_10', {});
    expect(server.seen[0]!.url).toBe('/proxy/api/v2/real_time.php?api=calls_last_10');
    expect(result.window).toBeNull();
    expect(result.rows).toHaveLength(1);
  });

  it('keeps fields the contract does not know', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 200, success([fullRow('act_3', { brand_new: 'x' })])),
    );
    const { rows } = await connect().report('act_3', WINDOW);
    expect(rows[0]!.brand_new).toBe('x');
    expect(rows[0]!.conn_id).toBe('conn_id-value');
  });

  it('in strict mode, fails with WolkvoxValidationError naming the report and the missing field', async () => {
    const { agent_name: _missing, ...row } = fullRow('act_3');
    server = await startLocalServer((_req, res) => sendJson(res, 200, success([fullRow('act_3'), row])));
    const error = await failureOf(connect({ strict: true }).report('act_3', WINDOW));
    expect(error).toBeInstanceOf(WolkvoxValidationError);
    expect(error.message).toContain('act_3');
    expect(error.message).toContain('agent_name');
    expect((error as WolkvoxValidationError).issues).toEqual([
      { row: 1, field: 'agent_name', message: expect.any(String) },
    ]);
    expect(error.window).toEqual({ from: '2025-01-01 00:00:00', to: '2025-01-02 23:59:59' });
    // A broken contract is not retried.
    expect(server.seen).toHaveLength(1);
  });

  it('in strict mode, names a mistyped field', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 200, success([fullRow('act_3', { time: 125 })])),
    );
    const error = (await failureOf(
      connect().report('act_3', WINDOW, { strict: true }),
    )) as WolkvoxValidationError;
    expect(error.issues[0]!.field).toBe('time');
  });

  it('retries a body cut short, then succeeds', async () => {
    server = await startLocalServer((_req, res, n) => {
      if (n === 0) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"code":200,"error":null,"msg":"1 records were f');
        return;
      }
      sendJson(res, 200, success([fullRow('act_3')]));
    });
    const result = await connect().report('act_3', WINDOW);
    expect(result.requests).toBe(2);
    expect(result.rows).toHaveLength(1);
  });

  it('gives up on a transient failure after the configured retries', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 500, {
        code: 500,
        error: 'INTERNAL SERVER ERROR',
        msg: 'AN UNEXPECTED ERROR OCCURRED',
        data: null,
      }),
    );
    const error = await failureOf(connect({ retries: 2 }).report('act_3', WINDOW));
    expect(error).toBeInstanceOf(WolkvoxHttpError);
    expect(error).toMatchObject({
      code: 'INTERNAL',
      status: 500,
      wolkvoxMsg: 'AN UNEXPECTED ERROR OCCURRED',
      report: 'act_3',
    });
    expect(error.message).toContain('gave up after 3 attempts');
    expect(server.seen).toHaveLength(3);
  });

  it('times out a call that does not answer within timeoutMs, and retries it', async () => {
    server = await startLocalServer((_req, res, n) => {
      if (n === 0) return; // never answers
      sendJson(res, 200, success([fullRow('act_3')]));
    });
    const result = await connect({ timeoutMs: 200 }).report('act_3', WINDOW);
    expect(result.requests).toBe(2);
  });

  it('reports a quota refusal without Retry-After as resetting at the tenant’s next midnight', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 403, { code: 403, error: 'FORBIDDEN', msg: 'TOKEN LIMIT EXCEEDED', data: null }),
    );
    const before = Date.now();
    const error = await failureOf(connect({ timeZone: 'America/Bogota' }).report('act_3', WINDOW));
    expect(error).toBeInstanceOf(WolkvoxQuotaError);
    const { resetsAt } = error as WolkvoxQuotaError;
    expect(resetsAt.getTime()).toBeGreaterThan(before);
    expect(resetsAt.getTime() - before).toBeLessThanOrEqual(86_400_000);
    // Bogota is UTC-5 without DST: its midnight is 05:00 UTC.
    expect(resetsAt.toISOString()).toMatch(/T05:00:00\.000Z$/);
    expect(server.seen).toHaveLength(1);
  });

  it('refuses to return a real-time answer at the row cap (it may be cut short)', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 200, success([fullRow('calls_last_10'), fullRow('calls_last_10')])),
    );
    const error = await failureOf(connect({ maxRecordsPerCall: 2 }).report('calls_last_10', {}));
    expect(error).toBeInstanceOf(WolkvoxLimitError);
    expect(error.code).toBe('ROW_LIMIT');
  });

  it('keeps going when the progress callback throws', async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, success([fullRow('act_3')])));
    const warnings: unknown[] = [];
    const result = await connect({ logger: { warn: (o) => warnings.push(o) } }).report('act_3', WINDOW, {
      onProgress: () => {
        throw new Error('bad callback');
      },
    });
    expect(result.rows).toHaveLength(1);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('rejects calls after close', async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, success([])));
    const closed = connect();
    await closed.close();
    expect((await failureOf(closed.report('act_3', WINDOW))).code).toBe('CLIENT_CLOSED');
  });
});

describe('the token stays secret', () => {
  it('appears in no error, log line, inspect or JSON output, whatever fails', async () => {
    const logs: unknown[] = [];
    const logger = {
      debug: (o: object, m?: string) => logs.push([o, m]),
      warn: (o: object, m?: string) => logs.push([o, m]),
    };
    const failures: unknown[] = [];

    server = await startLocalServer((_req, res, n) => {
      if (n === 0)
        sendJson(res, 500, {
          code: 500,
          error: 'INTERNAL SERVER ERROR',
          msg: 'AN UNEXPECTED ERROR OCCURRED',
          data: null,
        });
      else sendJson(res, 403, { code: 403, error: 'FORBIDDEN', msg: 'PLEASE VALIDATE TOKEN', data: null });
    });
    const auth = await failureOf(connect({ logger }).report('act_3', WINDOW));
    expect(auth).toBeInstanceOf(WolkvoxAuthError);
    failures.push(auth);
    expect(server.seen.map((s) => s.headers['wolkvox-token'])).toEqual([SECRET, SECRET]);

    // A connection failure carries undici's error as its cause: that must not hold the token either.
    const url = server.url;
    await client!.close();
    await server.close();
    server = undefined;
    client = createWolkvoxClient({ token: SECRET, baseUrl: url, retries: 0, logger });
    const network = await failureOf(client.report('act_3', WINDOW));
    expect(network.code).toBe('NETWORK');
    failures.push(network);

    // An invalid request: fails before sending.
    failures.push(await failureOf(client.report('act_3', { from: 'nope', to: SECRET } as never)));

    expect(logs.length).toBeGreaterThan(0);
    for (const value of [...failures, logs, client]) {
      expect(everything(value)).not.toContain(SECRET);
    }
    expect(failures.map((f) => (f as Error).stack).join('\n')).not.toContain(SECRET);
  });
});

describe('concurrency budget shared per token', () => {
  it('gets every slot back, even when calls fail, and is dropped once no client uses the token', async () => {
    server = await startLocalServer((_req, res) =>
      sendJson(res, 400, {
        code: 400,
        error: 'BAD REQUEST',
        msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
        data: null,
      }),
    );
    const fingerprint = new Credential(SECRET).fingerprint;
    const c = connect();
    const settled = await Promise.allSettled([1, 2, 3, 4, 5].map(() => c.report('act_3', WINDOW)));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(server.seen).toHaveLength(5);
    expect(tokenGateState(fingerprint)).toEqual({ active: 0, queued: 0, limit: 2 });
    await c.close();
    client = undefined;
    expect(tokenGateState(fingerprint)).toBeUndefined();
  });
});
