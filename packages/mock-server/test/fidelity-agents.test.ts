import { parseDuration, REPORTS } from '@wolkvox-mcp/contracts';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { call, mockApp } from './helpers.js';

/**
 * People and agents as running code against the real wolkvox platform saw them (issue 10): conn_id's four parts,
 * five-digit agent ids, UPPER CASE names spelled differently across modules, agent_1's occupancy formula,
 * several auxiliary rows per agent day, and agent_8's 24 hours that partition each hour's login. Every check goes
 * through HTTP, from the formatted strings a consumer receives.
 */

type Row = Record<string, string>;

const MONDAY = { date_ini: '20250203000000', date_end: '20250203235959' };
const MONDAY_TUESDAY = { date_ini: '20250203000000', date_end: '20250204235959' };

async function rows(app: FastifyInstance, api: string, params: Record<string, string>): Promise<Row[]> {
  const { status, body } = await call(app, 'reports_manager', { api, ...params });
  expect(status, api).toBe(200);
  return body.data as unknown as Row[];
}

const seconds = (value: string | undefined): number => {
  const parsed = parseDuration(value ?? '');
  expect(parsed, `a duration: ${value}`).toBeDefined();
  return parsed!;
};

/** "34.64 %", "1,234.50 %" or "0 %" as a number. */
const percent = (value: string | undefined): number => Number.parseFloat((value ?? '').replaceAll(',', ''));

/** The wall time an epoch shows in a zone, as rows write dates. */
function wallIn(timeZone: string, epochSeconds: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(epochSeconds * 1000);
}

const CONN_ID = /^(\d{5})\.(\d{4})\.(\d{10})\.(\d+)$/;

/** The state times of an agent_1 / agent_8 row, in seconds. */
function states(row: Row) {
  return {
    login: seconds(row.login_time),
    ready: seconds(row.ready_time),
    inbound: seconds(row.inbound_time),
    outbound: seconds(row.outbound_time),
    ring: seconds(row.ring_time),
    acw: seconds(row.acw_time),
    aux: seconds(row.aux_time),
  };
}

describe('identities', () => {
  it('conn_id is <agent or extension>.<4 digits>.<unix epoch of the start>.<sequence>, decoding to the row date', async () => {
    for (const timeZone of ['America/Bogota', 'Europe/Madrid']) {
      const { app } = await mockApp({ timeZone });
      const detail = await rows(app, 'cdr_1', MONDAY);
      expect(detail.length).toBeGreaterThan(500);
      const pbx = new Set<string>();
      for (const row of detail) {
        const match = CONN_ID.exec(row.conn_id!);
        expect(match, row.conn_id).not.toBeNull();
        const [, extension, digits, epoch] = match!;
        if (row.agent_id) expect(extension).toBe(row.agent_id);
        expect(wallIn(timeZone, Number(epoch)), row.conn_id).toBe(row.date);
        pbx.add(digits!);
      }
      expect(pbx.size).toBe(1);
      expect(new Set(detail.map((row) => row.conn_id)).size).toBe(detail.length);
    }
  });

  it('act_3 carries the same conn_ids as cdr_1, with the agent as the first part', async () => {
    const { app } = await mockApp();
    const detail = new Map((await rows(app, 'cdr_1', MONDAY)).map((row) => [row.conn_id!, row]));
    const coded = await rows(app, 'act_3', { ...MONDAY, cod_act: 'cod_act1' });
    expect(coded.length).toBeGreaterThan(100);
    for (const row of coded) {
      expect(detail.get(row.conn_id!)?.agent_id, row.conn_id).toBe(row.agent_id);
      expect(row.conn_id!.split('.')[0]).toBe(row.agent_id);
    }
  });

  it("diagram_15's connect_id has five parts: an IVR call's conn_id and the conversation's leg", async () => {
    const { app } = await mockApp();
    const ivrCalls = new Set((await rows(app, 'diagram_1', MONDAY)).map((row) => row.conn_id));
    const voice = await rows(app, 'diagram_15', MONDAY);
    expect(voice.length).toBeGreaterThan(0);
    for (const row of voice) {
      const parts = row.connect_id!.split('.');
      expect(parts, row.connect_id).toHaveLength(5);
      expect(ivrCalls.has(parts.slice(0, 4).join('.')), row.connect_id).toBe(true);
    }
  });

  it('agent ids are five digits; names are UPPER CASE, some with a team prefix', async () => {
    const { app } = await mockApp();
    const { body } = await call(app, 'information', { api: 'agents' });
    const agents = body.data as unknown as Row[];
    expect(agents.length).toBeGreaterThan(10);
    for (const agent of agents) {
      expect(agent.agent_id).toMatch(/^\d{5}$/);
      expect(agent.agent_name).toBe(agent.agent_name!.toLocaleUpperCase('es'));
      // A few were typed with a double space (kept as typed).
      expect(agent.agent_name).toMatch(/^((COM|ING)-)?[A-ZÁÉÍÓÚÜÑ]+( {1,2}[A-ZÁÉÍÓÚÜÑ]+)+$/);
    }
    expect(agents.some((agent) => /^(COM|ING)-/.test(agent.agent_name!))).toBe(true);
    for (const row of await rows(app, 'agent_1', MONDAY)) expect(row.agent_id).toMatch(/^\d{5}$/);
  });

  it("an agent's name is the stored one in every report, odd spacing and missing accents included", async () => {
    const { app } = await mockApp();
    const stored = new Map(
      ((await call(app, 'information', { api: 'agents' })).body.data as unknown as Row[]).map((r) => [
        r.agent_id!,
        r.agent_name!,
      ]),
    );
    // Every tenth agent from the fourth was typed oddly: a double space, or without its accents.
    expect([...stored.values()].some((name) => name.includes('  '))).toBe(true);
    for (const api of ['act_3', 'cdr_1', 'agent_1', 'agent_3', 'agent_7', 'agent_8']) {
      const params = api === 'act_3' ? { ...MONDAY, cod_act: 'cod_act1' } : MONDAY;
      for (const row of await rows(app, api, params)) {
        expect(row.agent_name, `${api} ${row.agent_id}`).toBe(stored.get(row.agent_id!) ?? '');
      }
    }
  });
});

describe('agent_1 and agent_3', () => {
  it('occupancy = (inbound + outbound + wrap-up) / (login - aux) to the hundredth, from the formatted fields', async () => {
    const { app } = await mockApp();
    for (const window of [MONDAY, MONDAY_TUESDAY]) {
      const agents = await rows(app, 'agent_1', window);
      expect(agents.length).toBeGreaterThan(10);
      for (const row of agents) {
        const s = states(row);
        const expected = (100 * (s.inbound + s.outbound + s.acw)) / (s.login - s.aux);
        expect(Math.abs(percent(row.occupancy) - expected), row.agent_id).toBeLessThanOrEqual(0.005 + 1e-9);
        // The states partition the login.
        expect(s.ready + s.inbound + s.outbound + s.ring + s.acw + s.aux, row.agent_id).toBe(s.login);
      }
    }
  });

  it('has no date column: the window is the date', async () => {
    expect(Object.keys(REPORTS.agent_1.fields)).not.toContain('date');
    const { app } = await mockApp();
    for (const row of await rows(app, 'agent_1', MONDAY)) expect(row).not.toHaveProperty('date');
  });

  it('agent_3 has about three auxiliary states per agent per day, adding up to agent_1 aux_time', async () => {
    const { app } = await mockApp();
    const aux = await rows(app, 'agent_3', MONDAY);
    const perAgent = new Map<string, { states: number; seconds: number }>();
    for (const row of aux) {
      const entry = perAgent.get(row.agent_id!) ?? { states: 0, seconds: 0 };
      entry.states++;
      entry.seconds += seconds(row.time);
      perAgent.set(row.agent_id!, entry);
    }
    const agents = await rows(app, 'agent_1', MONDAY);
    const counts = [...perAgent.values()].map((entry) => entry.states);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeGreaterThanOrEqual(2.5);
    for (const row of agents) {
      expect(perAgent.get(row.agent_id!)?.seconds ?? 0, row.agent_id).toBe(seconds(row.aux_time));
    }
  });
});

describe('agent_8 hour by hour', () => {
  it('lists all 24 hours (date YYYYMMDD, hour HH:00) of every agent who worked, states partitioning each hour', async () => {
    const { app } = await mockApp();
    const hours = await rows(app, 'agent_8', MONDAY);
    const worked = await rows(app, 'agent_1', MONDAY);
    expect(hours).toHaveLength(24 * worked.length);
    const byAgent = new Map<string, Row[]>();
    for (const row of hours) {
      expect(row.date).toBe('20250203');
      expect(row.hour).toMatch(/^([01]\d|2[0-3]):00$/);
      const s = states(row);
      expect(s.login, `${row.agent_id} ${row.hour}`).toBeLessThanOrEqual(3600);
      expect(s.inbound + s.outbound + s.acw).toBeLessThanOrEqual(s.login);
      expect(s.ready + s.inbound + s.outbound + s.ring + s.acw + s.aux, `${row.agent_id} ${row.hour}`).toBe(
        s.login,
      );
      byAgent.set(row.agent_id!, [...(byAgent.get(row.agent_id!) ?? []), row]);
    }
    for (const day of worked) {
      const own = byAgent.get(day.agent_id!)!;
      expect(new Set(own.map((row) => row.hour)).size).toBe(24);
      expect(own.some((row) => row.calls === '0' && row.login_time === '00:00:00')).toBe(true);
      // The hours of the agent day add up to agent_1's figures for that day, to the second.
      const total = own.map(states).reduce((sum, s) => {
        for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += s[key];
        return sum;
      });
      expect(total, day.agent_id).toEqual(states(day));
      for (const count of ['calls', 'inbound', 'outbound', 'internal']) {
        expect(String(own.reduce((sum, row) => sum + Number(row[count]), 0)), count).toBe(day[count]);
      }
    }
  });

  it('holds for the day in progress too: hours up to the clock, cut at it', async () => {
    const { app } = await mockApp({}, '2025-02-03T11:20:00-05:00');
    const hours = await rows(app, 'agent_8', MONDAY);
    expect(hours.length).toBeGreaterThan(0);
    for (const row of hours) {
      expect(row.hour! <= '11:00').toBe(true);
      const s = states(row);
      if (row.hour === '11:00') expect(s.login).toBeLessThanOrEqual(20 * 60);
      expect(s.ready + s.inbound + s.outbound + s.ring + s.acw + s.aux).toBe(s.login);
    }
  });

  it("agent_6's hour reads HH:00 and sums agent_8's agents of that hour", async () => {
    const { app } = await mockApp();
    const perHour = new Map<string, number>();
    for (const row of await rows(app, 'agent_8', MONDAY)) {
      perHour.set(row.hour!, (perHour.get(row.hour!) ?? 0) + seconds(row.login_time));
    }
    const floor = await rows(app, 'agent_6', MONDAY);
    expect(floor.length).toBeGreaterThan(5);
    for (const row of floor) {
      expect(row.hour).toMatch(/^\d{2}:00$/);
      expect(seconds(row.login_time), row.hour).toBe(perHour.get(row.hour!));
    }
  });
});
