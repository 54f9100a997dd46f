/**
 * Relative dates follow the clock of the data's source, and answers say which clock that was. On a Monday,
 * "yesterday" is an empty Sunday for every agent report; a demo or a test runs on a fixed weekday instead:
 * - an emulator with its own clock (`wolkvox-mock --now`) at WOLKVOX_BASE_URL says it in every answer's header,
 *   and the server reads it before each call, so the emulator's yesterday is the one asked, even after the
 *   emulator's clock is moved;
 * - the embedded emulator starts at --emulator-now (WOLKVOX_EMULATOR_NOW), tenant wall time.
 * This machine's clock is set to a Monday for the whole file (Date only; timers stay real).
 */
import type { Client } from '@modelcontextprotocol/client';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningWolkvoxMcp, startWolkvoxMcp } from '../../src/start.js';
import { connectV2Http, emulator, startFromArgs, structured } from '../helpers.js';

/** This machine's clock: a Monday afternoon in Bogotá, whose yesterday is a Sunday (no agent works). */
const MONDAY = '2026-12-07T15:00:00-05:00';
/** The emulator's: a Wednesday morning, whose yesterday is a working Tuesday. */
const WEDNESDAY = '2025-02-05T10:00:00-05:00';

const servers: RunningWolkvoxMcp[] = [];
const clients: Client[] = [];
let mock: MockServer;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(MONDAY));
  mock = await emulator({ now: WEDNESDAY });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(servers.map((server) => server.close()));
  await mock?.close();
  vi.useRealTimers();
});

async function connect(server: Promise<RunningWolkvoxMcp>): Promise<Client> {
  const running = await server;
  servers.push(running);
  const client = await connectV2Http(running.url!);
  clients.push(client);
  return client;
}

const yesterday = (client: Client, report = 'act_3') =>
  client
    .callTool({ name: 'run_report', arguments: { report, from: 'yesterday', limit: 1 } })
    .then(structured);

describe("relative dates on the source's clock", () => {
  it("follows an emulator's clock at WOLKVOX_BASE_URL, and its moves, and says so", async () => {
    expect(new Date().toISOString().slice(0, 10)).toBe('2026-12-07');
    const client = await connect(startFromArgs(mock));

    const tuesday = await yesterday(client);
    expect(tuesday.window).toEqual({ from: '2025-02-04 00:00:00', to: '2025-02-04 23:59:59' });
    expect(tuesday.totals.rows).toBeGreaterThan(0);
    expect(tuesday.notes[0]).toMatch(
      /^Clock: the emulator's at WOLKVOX_BASE_URL, at 2025-02-05 10:00:\d\d \(America\/Bogota\); this machine's says 2026-12-07\./,
    );

    // The emulator's clock moved through its control API: the next call reads it again.
    mock.control.setClock('2025-02-07T09:00:00-05:00');
    const thursday = await yesterday(client);
    expect(thursday.window.from).toBe('2025-02-06 00:00:00');
    expect(thursday.notes[0]).toContain('at 2025-02-07 09:00:');
    mock.control.setClock(WEDNESDAY);
  });

  it("starts the embedded emulator at --emulator-now, in the tenant's wall time", async () => {
    const client = await connect(
      startWolkvoxMcp({
        argv: ['--http', '--port', '0', '--emulator-now', '2025-02-05T10:00'],
        env: { WOLKVOX_CACHE_DIR: process.env.WOLKVOX_CACHE_DIR },
        bannerOut: null,
        logger: pino({ level: 'silent' }),
      }),
    );
    const tuesday = await yesterday(client);
    expect(tuesday.source).toBe('emulator');
    expect(tuesday.window).toEqual({ from: '2025-02-04 00:00:00', to: '2025-02-04 23:59:59' });
    expect(tuesday.totals.rows).toBeGreaterThan(0);
    expect(tuesday.notes[0]).toMatch(/^Clock: the embedded emulator's, at 2025-02-05 10:00:/);

    // query_reports reads its fetches' dates on the same clock, and says so too.
    const query = structured(
      await client.callTool({
        name: 'query_reports',
        arguments: {
          fetches: [{ report: 'act_3', from: 'yesterday' }],
          sql: 'SELECT count(*) AS n FROM act_3',
        },
      }),
    );
    expect(query.tables[0].window.from).toBe('2025-02-04 00:00:00');
    expect(query.rows[0].n).toBe(tuesday.totals.rows);
    expect(query.notes[0]).toMatch(/^Clock: the embedded emulator's/);
  });

  it('takes the same start from WOLKVOX_EMULATOR_NOW, and refuses one it cannot read, naming it', async () => {
    const client = await connect(
      startWolkvoxMcp({
        argv: ['--http', '--port', '0'],
        env: { WOLKVOX_EMULATOR_NOW: '2025-02-05', WOLKVOX_CACHE_DIR: process.env.WOLKVOX_CACHE_DIR },
        bannerOut: null,
        logger: pino({ level: 'silent' }),
      }),
    );
    expect((await yesterday(client)).window.from).toBe('2025-02-04 00:00:00');
    await expect(
      startWolkvoxMcp({ argv: ['--emulator-now', 'next tuesday'], env: {}, bannerOut: null }),
    ).rejects.toThrow(/--emulator-now must be an ISO 8601 date or instant/);
  });
});
