import { describe, expect, it } from 'vitest';
import { type CallResult, call, mockApp, NOW } from './helpers.js';

/**
 * What running code against the real platform saw in skill, campaign, chat and real-time reports, checked through
 * HTTP against the emulator (fixed seed, frozen clock). Each test encodes the consumer's own idiom where there is
 * one: the emulator must satisfy the code that was written against wolkvox, not only the documentation.
 */

type Row = Record<string, unknown>;

const FEB_3 = { date_ini: '20250203000000', date_end: '20250203235959' };

async function rowsOf(
  app: Parameters<typeof call>[0],
  family: Parameters<typeof call>[1],
  params: Record<string, string>,
): Promise<Row[]> {
  const result: CallResult = await call(app, family, params);
  expect(result.status, `${params.api}: ${result.raw.slice(0, 200)}`).toBe(200);
  return result.body.data as unknown as Row[];
}

/** `YYYY-MM-DD HH:MM:SS` as naive milliseconds, to compare two wall times. */
function wall(text: unknown): number {
  return Date.parse(`${String(text).replace(' ', 'T')}Z`);
}

const HOUR_MS = 3_600_000;

describe('skills (fact 7)', () => {
  it('skill_4 rows have exactly the 12 columns a consumer reads: dropping its 7 leaves 5', async () => {
    const { app } = await mockApp();
    const rows = await rowsOf(app, 'reports_manager', { api: 'skill_4', skill_id: 'all', ...FEB_3 });
    expect(rows.length).toBeGreaterThan(0);
    // The consumer's idiom: drop these seven, expect five columns left.
    const dropped = [
      'skill_id',
      'abandon',
      'aht',
      'asa',
      'ata',
      'service_level_10seg',
      'service_level_30seg',
    ];
    for (const row of rows) {
      const left = Object.keys(row).filter((key) => !dropped.includes(key));
      expect(left).toHaveLength(5);
      expect(left.sort()).toEqual(
        ['abandon_calls', 'answer_calls', 'hour', 'inbound_calls', 'service_level_20seg'].sort(),
      );
    }
  });

  it('skill_4 hour is an integer-like string and only hours with traffic have a row', async () => {
    const { app } = await mockApp();
    const rows = await rowsOf(app, 'reports_manager', { api: 'skill_4', skill_id: 'all', ...FEB_3 });
    for (const row of rows) {
      expect(String(row.hour)).toMatch(/^\d{1,2}$/);
      expect(Number.parseInt(String(row.hour), 10)).toBeLessThan(24);
      expect(Number(row.inbound_calls)).toBeGreaterThan(0);
    }
  });

  it('skill_5 can lack an hour skill_4 has (an hour nobody answered), never the reverse', async () => {
    const { app } = await mockApp();
    const key = (row: Row) => `${row.skill_id}|${Number.parseInt(String(row.hour), 10)}`;
    const perHour = await rowsOf(app, 'reports_manager', { api: 'skill_4', skill_id: 'all', ...FEB_3 });
    const workforce = await rowsOf(app, 'reports_manager', { api: 'skill_5', skill_id: 'all', ...FEB_3 });
    const hours4 = new Map(perHour.map((row) => [key(row), row]));
    const hours5 = new Set(workforce.map(key));
    for (const hour of hours5) expect(hours4.has(hour), hour).toBe(true);
    const missing = [...hours4.keys()].filter((hour) => !hours5.has(hour));
    expect(missing.length).toBeGreaterThan(0);
    // The hours skill_5 lacks are those in which no call of the skill was answered.
    for (const hour of missing) expect(hours4.get(hour)!.answer_calls, hour).toBe('0');
    for (const row of workforce) expect(hours4.get(key(row))!.inbound_calls).toBe(row.inbound_calls);
  });

  it('with skill_id=all, skill_4 and skill_5 have one row per skill and hour (decided from the catalog)', async () => {
    const { app, control } = await mockApp();
    const skills = new Set(control.tenant().skills.map((skill) => skill.skill_id));
    for (const api of ['skill_4', 'skill_5']) {
      const rows = await rowsOf(app, 'reports_manager', { api, skill_id: 'all', ...FEB_3 });
      const keys = rows.map((row) => `${row.skill_id}|${row.hour}`);
      expect(new Set(keys).size, api).toBe(keys.length);
      for (const row of rows) expect(skills.has(String(row.skill_id)), api).toBe(true);
      // Not one row per hour for all skills together: busy hours have a row for each of several skills.
      const perHour = new Map<string, number>();
      for (const row of rows) perHour.set(String(row.hour), (perHour.get(String(row.hour)) ?? 0) + 1);
      expect(Math.max(...perHour.values()), api).toBeGreaterThan(1);
    }
  });
});

describe('campaign and CDR results (fact 8)', () => {
  it('campaign_3 spells results upper case with hyphens and carries opt1..opt12 and the call identities', async () => {
    const { app } = await mockApp();
    const rows = await rowsOf(app, 'reports_manager', { api: 'campaign_3', campaign_id: 'all', ...FEB_3 });
    const allowed = ['ANSWER', 'ANSWER-MACHINE', 'NO-ANSWER', 'BUSY', 'CONGESTION', 'FAILED', 'ABANDON'];
    const seen = new Set(rows.map((row) => String(row.result)));
    for (const result of seen) expect(allowed).toContain(result);
    for (const result of ['ANSWER', 'ANSWER-MACHINE', 'NO-ANSWER', 'BUSY']) expect(seen).toContain(result);
    const columns = [
      ...Array.from({ length: 12 }, (_, i) => `opt${i + 1}`),
      'customer_id',
      'telephone',
      'date',
      'conn_id',
    ];
    for (const row of rows) for (const column of columns) expect(row, column).toHaveProperty(column);
    for (const row of rows) expect(String(row.conn_id)).not.toBe('');
  });

  it('cdr_5 capitalises the same outcomes (Busy, No answer), and cdr_6 counts them spelled alike', async () => {
    const { app } = await mockApp();
    const detail = await rowsOf(app, 'reports_manager', { api: 'cdr_5', ...FEB_3 });
    const seen = new Set(detail.map((row) => String(row.result)));
    for (const result of seen) expect(result).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
    expect(seen).toContain('Busy');
    expect(seen).toContain('No answer');
    const summary = await rowsOf(app, 'reports_manager', { api: 'cdr_6', ...FEB_3 });
    expect(new Set(summary.map((row) => String(row.result)))).toEqual(seen);
  });
});

describe('chat_1 is filtered by the close date (fact 9)', () => {
  it('a window ending at 08:45 returns chats opened the day before, each closed in the window', async () => {
    const { app } = await mockApp();
    const from = wall('2025-02-05 00:00:00');
    const to = wall('2025-02-05 08:45:00');
    const rows = await rowsOf(app, 'reports_manager', {
      api: 'chat_1',
      date_ini: '20250205000000',
      date_end: '20250205084500',
    });
    for (const row of rows) {
      expect(wall(row.date_close)).toBeGreaterThanOrEqual(from);
      expect(wall(row.date_close)).toBeLessThanOrEqual(to + 999);
      expect(wall(row.date)).toBeLessThanOrEqual(wall(row.date_close));
    }
    const yesterday = rows.filter((row) => String(row.date).startsWith('2025-02-04'));
    expect(yesterday.length).toBeGreaterThan(0);
    // Nobody closed them: the platform did, about 23 hours after they opened (untyped ones as TIMEOUTCHAT).
    for (const row of yesterday) {
      expect(wall(row.date_close) - wall(row.date)).toBeGreaterThanOrEqual(23 * HOUR_MS);
    }
    expect(yesterday.some((row) => row.cod_act === 'TIMEOUTCHAT')).toBe(true);
  });

  it('chats close at the ~23 h timeout unless the agent closes them (within hours); untyped ones as TIMEOUTCHAT', async () => {
    const { app } = await mockApp();
    // Tuesday: Monday's untyped chats close in it (Sunday's would have closed Monday, but Sunday has no chats).
    const rows = await rowsOf(app, 'reports_manager', {
      api: 'chat_1',
      date_ini: '20250204000000',
      date_end: '20250204235959',
    });
    const timeouts = rows.filter((row) => row.cod_act === 'TIMEOUTCHAT');
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts.length).toBeLessThan(rows.length / 5);
    for (const row of rows) {
      const open = wall(row.date_close) - wall(row.date);
      expect(String(row.chat_duration)).toBe(String(open / 1000));
      if (row.cod_act === 'TIMEOUTCHAT') expect(row.description_cod_act).toBe('TIMEOUTCHAT');
      // Closed by the agent within hours, or by the platform's timeout about 23 hours after opening.
      if (open > 3 * HOUR_MS) {
        expect(open).toBeGreaterThanOrEqual(23 * HOUR_MS);
        expect(open).toBeLessThanOrEqual(23.5 * HOUR_MS);
      } else {
        expect(row.cod_act).not.toBe('TIMEOUTCHAT');
      }
    }
    // Most chats are left open until the timeout (chat_16's tmo runs near 23 hours, as on the platform).
    const timedOut = rows.filter((row) => wall(row.date_close) - wall(row.date) > 3 * HOUR_MS);
    expect(timedOut.length).toBeGreaterThan(rows.length / 2);
    // Voice keeps its own timeout code.
    const calls = await rowsOf(app, 'reports_manager', { api: 'act_3', ...FEB_3 });
    expect(calls.some((row) => row.cod_act === 'TIMEOUTACW')).toBe(true);
    expect(calls.some((row) => row.cod_act === 'TIMEOUTCHAT')).toBe(false);
  });

  it('a chat still open at the clock is not listed until it closes', async () => {
    const { app } = await mockApp();
    const today = { api: 'chat_1', date_ini: '20250205000000', date_end: '20250205235959' };
    const now = wall('2025-02-05 15:30:00');
    const rows = await rowsOf(app, 'reports_manager', today);
    for (const row of rows) expect(wall(row.date_close)).toBeLessThanOrEqual(now);
    const { app: later } = await mockApp({}, '2025-02-05T20:30:00-05:00');
    const more = await rowsOf(later, 'reports_manager', today);
    expect(more.length).toBeGreaterThan(rows.length);
  });

  it('serves agent_answers and the documented agent_anwers, with the same value', async () => {
    const { app } = await mockApp();
    const rows = await rowsOf(app, 'reports_manager', { api: 'chat_1', ...FEB_3 });
    for (const row of rows) {
      expect(String(row.agent_answers)).toMatch(/^\d+$/);
      expect(row.agent_anwers).toBe(row.agent_answers);
    }
  });
});

describe('real time (fact 10)', () => {
  const EVENING = '2025-02-05T19:30:00-05:00';

  it('campaigns label each campaign "<id> - <name>", some with " - Strategy (...)"', async () => {
    const { app, control } = await mockApp();
    const cast = new Map(control.tenant().campaigns.map((campaign) => [campaign.campaign_id, campaign]));
    const rows = await rowsOf(app, 'real_time', { api: 'campaigns' });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const match = /^(\d+) - (.+?)(?: - Strategy \((.+)\))?$/.exec(String(row.campaign));
      expect(match, String(row.campaign)).not.toBeNull();
      expect(cast.get(match![1]!)?.name).toBe(match![2]);
    }
    expect(rows.some((row) => String(row.campaign).includes(' - Strategy ('))).toBe(true);
  });

  it("a consumer's completion idiom (clean == 0 && dial >= records) finds finished campaigns still started", async () => {
    const { app } = await mockApp({}, EVENING);
    const rows = await rowsOf(app, 'real_time', { api: 'campaigns' });
    const finished = rows.filter((row) => Number(row.clean) === 0 && Number(row.dial) >= Number(row.records));
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.length).toBeLessThan(rows.length);
    for (const row of finished) expect(row.status).toBe('started');
    // clean is what is left of the list: records not yet dialled.
    for (const row of rows) {
      expect(Number(row.clean)).toBe(Math.max(0, Number(row.records) - Number(row.dial)));
    }
  });

  it('latency lists by_agent "<code>-<name>" with integer latency_ms, exactly the agents with a session', async () => {
    for (const at of ['2025-02-05T07:20:00-05:00', NOW]) {
      const { app } = await mockApp({}, at);
      const [latency] = await rowsOf(app, 'real_time', { api: 'latency' });
      const byAgent = latency!.by_agent as Row[];
      const sessions = await rowsOf(app, 'real_time', { api: 'agents' });
      const expected = sessions.map((row) => `${row.agent_id}-${row.agent_name}`).sort();
      expect(byAgent.map((agent) => String(agent.agent_id)).sort(), at).toEqual(expected);
      for (const agent of byAgent) expect(String(agent.latency_ms)).toMatch(/^\d+$/);
    }
    const { app: early } = await mockApp({}, '2025-02-05T07:20:00-05:00');
    const { control } = await mockApp();
    const [first] = await rowsOf(early, 'real_time', { api: 'latency' });
    expect((first!.by_agent as Row[]).length).toBeLessThan(control.tenant().agents.length);
  });
});

describe('determinism', () => {
  it('gives byte-identical answers for the same seed and query', async () => {
    const queries: [Parameters<typeof call>[1], Record<string, string>][] = [
      ['reports_manager', { api: 'chat_1', date_ini: '20250204000000', date_end: '20250205084500' }],
      ['reports_manager', { api: 'diagram_9', ...FEB_3 }],
      ['reports_manager', { api: 'campaign_3', campaign_id: 'all', ...FEB_3 }],
      ['real_time', { api: 'campaigns' }],
      ['real_time', { api: 'latency' }],
    ];
    const first = await mockApp({ seed: 11 });
    const second = await mockApp({ seed: 11 });
    for (const [family, params] of [...queries].reverse()) await call(second.app, family, params);
    for (const [family, params] of queries) {
      const a = await call(first.app, family, params);
      const b = await call(second.app, family, params);
      expect(a.status, params.api).toBe(200);
      expect(a.raw, params.api).toBe(b.raw);
    }
  });
});
