import { getReport, listReports } from '@wolkvox-mcp/contracts';
import { sampleQuery } from '@wolkvox-mcp/test-support/requests';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from '../src/index.js';
import { Tenant } from '../src/tenant/store.js';
import { call, mockApp, NOW } from './helpers.js';

/**
 * The real-time and information areas: every report served and valid, and the identities that make them one
 * tenant: look-ups list exactly the cast, real-time figures agree with the calls of today up to now, the last hour
 * holds the last ten minutes, and token_info tells the truth about the caller's quota.
 */

type Row = Record<string, unknown>;

/** NOW (Wednesday 2025-02-05 15:30 Bogotá) as naive wall milliseconds. */
const NOW_WALL = Date.UTC(2025, 1, 5, 15, 30);
const TODAY = Date.UTC(2025, 1, 5);

const INBOUND = new Set(['inbound', 'internal call_inb', 'internal call_que', 'transfer', 'conference']);
const OUTBOUND = new Set(['out_pre', 'outbound_ma']);

function rowsOf(
  control: { rows(id: string, params: Record<string, string>): unknown[] },
  id: string,
  params = {},
) {
  return control.rows(id, params) as Row[];
}

const mine = listReports().filter((report) => report.family !== 'reports_manager');

describe('real-time and information reports', () => {
  it('registers the 10 real-time and 16 information endpoints, information ids as info_<api>', () => {
    expect(mine.filter((report) => report.family === 'real_time')).toHaveLength(10);
    const information = mine.filter((report) => report.family === 'information');
    expect(information).toHaveLength(16);
    for (const report of information) {
      expect(report.id).toBe(`info_${report.api}`);
      expect(report.toolset).toBe('info');
      // Only the look-ups that take date_ini/date_end are windowed.
      expect(report.window !== null, report.id).toBe(['audit_log', 'get_notification'].includes(report.api));
    }
  });

  it.each(['2025-02-03T11:00:00-05:00', NOW])('serves every one of them, valid, at %s', async (at) => {
    const { app } = await mockApp({}, at);
    for (const report of mine) {
      // Every parameter's example, filters included; look-ups that take dates read the clock's day.
      const result = await call(app, report.family, sampleQuery(report, at.slice(0, 10), { all: true }));
      expect(result.status, report.id).toBe(200);
      const parsed = report.responseSchema.safeParse(result.body);
      expect(parsed.success, `${report.id}: ${JSON.stringify(parsed.error?.issues?.slice(0, 2))}`).toBe(true);
      expect(result.body.code, report.id).toBe('200');
      const data = result.body.data as unknown;
      const rows = (report.rows.shape === 'object' ? [data] : data) as Row[];
      expect(rows.length, report.id).toBeGreaterThan(0);
      for (const row of rows) expect(Object.keys(row), report.id).toEqual(Object.keys(report.fields));
    }
  });
});

describe('information look-ups list the cast', () => {
  it('info_agents, info_skills and info_campaigns are exactly the cast, and filter by id', async () => {
    const { control } = await mockApp();
    const cast = control.tenant();
    expect(
      rowsOf(control, 'info_agents').map(({ agent_id, agent_name, agent_dni }) => ({
        agent_id,
        agent_name,
        agent_dni,
      })),
    ).toEqual(
      cast.agents.map(({ agent_id, agent_name, agent_dni }) => ({ agent_id, agent_name, agent_dni })),
    );
    expect(
      rowsOf(control, 'info_skills').map(({ skill_id, skill_name }) => ({ skill_id, skill_name })),
    ).toEqual(cast.skills.map(({ skill_id, name }) => ({ skill_id, skill_name: name })));
    const campaigns = rowsOf(control, 'info_campaigns');
    expect(
      campaigns.map(({ campaign_id, campaign_name, skill_id }) => ({ campaign_id, campaign_name, skill_id })),
    ).toEqual(
      cast.campaigns.map(({ campaign_id, name, skill_id }) => ({
        campaign_id,
        campaign_name: name,
        skill_id,
      })),
    );
    for (const row of campaigns) {
      const mode = cast.campaigns.find((campaign) => campaign.campaign_id === row.campaign_id)!.mode;
      expect(row.type_campaign).toBe(mode === 'manual' ? 'preview' : 'predictive');
    }
    const agent = cast.agents[7]!;
    expect(rowsOf(control, 'info_agents', { agent: agent.agent_id }).map((row) => row.agent_name)).toEqual([
      agent.agent_name,
    ]);
    const skill = cast.skills[2]!;
    expect(rowsOf(control, 'info_skills', { skill: skill.skill_id })).toHaveLength(1);
    expect(rowsOf(control, 'info_campaigns', { campaign: cast.campaigns[1]!.campaign_id })).toHaveLength(1);
    expect(rowsOf(control, 'info_routing_points').map((row) => row.rp_id)).toEqual(
      cast.routingPoints.map((point) => point.rp_id),
    );
  });

  it('info_agents_in_skill lists the agents whose skills include it', async () => {
    const { control } = await mockApp();
    const cast = control.tenant();
    for (const skill of cast.skills) {
      const expected = cast.agents
        .filter((agent) => agent.skills.includes(skill.skill_id))
        .map((a) => a.agent_id);
      expect(expected.length).toBeGreaterThan(0);
      expect(
        rowsOf(control, 'info_agents_in_skill', { skill_id: skill.skill_id }).map((row) => row.agent_id),
      ).toEqual(expected);
    }
  });

  it('info_activity_codes lists every type code with its group and hit flag', async () => {
    const { control } = await mockApp();
    const rows = rowsOf(control, 'info_activity_codes');
    const codes = control.tenant().typeCodes;
    expect(rows.map((row) => row.cod_act).sort()).toEqual(codes.map((code) => code.cod_act).sort());
    for (const row of rows) {
      const code = codes.find((c) => c.cod_act === row.cod_act)!;
      expect(row.type_code).toBe(code.group);
      expect(row.description_cod_act).toBe(code.description);
    }
    expect(
      rows
        .filter((row) => row.hit === 'yes')
        .map((row) => row.description_cod_act)
        .sort(),
    ).toEqual(['Promesa de pago', 'Venta efectiva']);
    expect(rowsOf(control, 'info_activity_codes', { cod_act: 'TIMEOUTACW' })).toHaveLength(1);
  });

  it('get_dnc and law2300_info filter by their parameters', async () => {
    const { app, control } = await mockApp();
    const all = rowsOf(control, 'info_get_dnc', { type: 'all' });
    const inbound = rowsOf(control, 'info_get_dnc', { type: 'inbound' });
    const outbound = rowsOf(control, 'info_get_dnc', { type: 'outbound' });
    expect(inbound.length + outbound.length).toBe(all.length);
    expect(inbound.every((row) => row.type === 'inbound')).toBe(true);
    const protectedPhone = getReport('info_law2300_info')!.params.phone!.example;
    const one = rowsOf(control, 'info_law2300_info', { nit: '900123456', phone: protectedPhone });
    expect(one.map((row) => row.phone_number)).toEqual([protectedPhone]);
    const unknown = await call(app, 'information', {
      api: 'law2300_info',
      nit: '900123456',
      phone: '3000000000',
    });
    expect(unknown.status).toBe(404);
    const badNit = await call(app, 'information', { api: 'law2300_info', nit: 'x', phone: protectedPhone });
    expect(badNit.status).toBe(400);
  });

  it('audit_log and get_notification are windowed: required, checked, and served for the window asked', async () => {
    const { app } = await mockApp();
    const look = (api: string, date_ini: string, date_end: string) =>
      call(app, 'information', { api, date_ini, date_end });
    const missing = await call(app, 'information', { api: 'audit_log' });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toContain('date_ini');
    const reversed = await look('audit_log', '20250204000000', '20250203000000');
    expect(reversed.status).toBe(400);
    expect(reversed.body.detail).toContain('date_end');
    expect((await look('get_notification', '20241201000000', '20250201000000')).status).toBe(400);
    // A past week: every action dated inside it, and the days add up to the week.
    const actions = (await look('audit_log', '20250127000000', '20250202235959')).body
      .data as unknown as Row[];
    expect(actions.length).toBeGreaterThan(0);
    for (const row of actions)
      expect(String(row.date) >= '2025-01-27' && String(row.date) < '2025-02-03').toBe(true);
    let perDay = 0;
    for (let day = 27; day <= 33; day++) {
      const date = day <= 31 ? `202501${day}` : `2025020${day - 31}`;
      const one = await look('audit_log', `${date}000000`, `${date}235959`);
      perDay += one.status === 200 ? (one.body.data as unknown as Row[]).length : 0;
    }
    expect(perDay).toBe(actions.length);
  });
});

describe('real-time figures agree with the calls of today up to now', () => {
  it("agents: each logged-in agent's figures are agent_1's of today so far, its counts its calls in cdr_1", async () => {
    const { app, control } = await mockApp();
    const expected = new Map<
      string,
      { calls: number; inbound: number; outbound: number; internal: number }
    >();
    const tenant = new Tenant(1, 1500, 4);
    tenant.forEachRecord('calls', TODAY, NOW_WALL, (record) => {
      if (record.handled_by !== 'agent') return;
      const id = record.agent_id as string;
      const figures = expected.get(id) ?? { calls: 0, inbound: 0, outbound: 0, internal: 0 };
      const kind = record.type_interaction as string;
      figures.calls++;
      if (INBOUND.has(kind)) figures.inbound++;
      else if (OUTBOUND.has(kind)) figures.outbound++;
      else figures.internal++;
      expected.set(id, figures);
    });
    const day = rowsOf(control, 'agent_1', { date_ini: '20250205000000', date_end: '20250205235959' });
    const today = new Map(day.map((row) => [row.agent_id as string, row]));
    const rows = (await call(app, 'real_time', { api: 'agents' })).body.data as unknown as Row[];
    expect(rows.length).toBeGreaterThan(0);
    // Logged in now: agent_1 of today shows them logged out at the clock itself.
    expect(rows.map((row) => row.agent_id).sort()).toEqual(
      day
        .filter((row) => row.logout === '2025-02-05 15:30:00')
        .map((row) => row.agent_id)
        .sort(),
    );
    for (const row of rows) {
      const figures = expected.get(row.agent_id as string) ?? {
        calls: 0,
        inbound: 0,
        outbound: 0,
        internal: 0,
      };
      const agent1 = today.get(row.agent_id as string)!;
      expect(row).toMatchObject({
        calls: String(figures.calls),
        inbound: String(figures.inbound),
        outbound: String(figures.outbound),
        internal: String(figures.internal),
        inbound_time: agent1.inbound_time,
        outbound_time: agent1.outbound_time,
        ready_time: agent1.ready_time,
        acw_time: agent1.acw_time,
        ring_time: agent1.ring_time,
        aux_time: agent1.aux_time,
        login_time: agent1.login_time,
        aht_time: agent1.aht,
        ocupation: agent1.occupancy,
      });
      expect(Number(row.calls)).toBe(Number(row.inbound) + Number(row.outbound) + Number(row.internal));
    }
  });

  it('agents: a call placed later today is not counted yet', async () => {
    const { control } = await mockApp({}, '2025-02-05T10:00:00-05:00');
    const before = rowsOf(control, 'agents');
    control.freezeClock('2025-02-05T10:40:00-05:00');
    const after = new Map(rowsOf(control, 'agents').map((row) => [row.agent_id, row]));
    const total = (rows: Row[]) => rows.reduce((sum, row) => sum + Number(row.calls), 0);
    const still = before.filter((row) => after.has(row.agent_id));
    expect(still.length).toBeGreaterThan(0);
    expect(total(still.map((row) => after.get(row.agent_id)!))).toBeGreaterThan(total(still));
    for (const row of still)
      expect(Number(after.get(row.agent_id)!.calls)).toBeGreaterThanOrEqual(Number(row.calls));
  });

  it('skills: offered = answered + abandoned, and one skill filters to its row', async () => {
    const { control } = await mockApp();
    const rows = rowsOf(control, 'skills', { skill_id: 'all' });
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(Number(row.stat_inbound)).toBe(Number(row.stat_answer) + Number(row.stat_abandon));
      expect(Number.parseFloat(row.service_level_10seg as string)).toBeLessThanOrEqual(
        Number.parseFloat(row.service_level_30seg as string),
      );
    }
    const one = rowsOf(control, 'skills', { skill_id: rows[0]!.skill_id as string });
    expect(one).toEqual([rows[0]]);
  });

  it('hits_last_hour holds every call of calls_last_10, hit = yes exactly for HIT-coded calls', async () => {
    const { app, control } = await mockApp();
    const hits = (await call(app, 'real_time', { api: 'hits_last_hour' })).body.data as unknown as Row[];
    const last10 = (await call(app, 'real_time', { api: 'calls_last_10' })).body.data as unknown as Row[];
    expect(last10.length).toBeGreaterThan(0);
    expect(hits.length).toBeGreaterThan(last10.length);
    const byId = new Map(hits.map((row) => [row.conn_id, row]));
    for (const call10 of last10) {
      expect(byId.get(call10.conn_id), String(call10.conn_id)).toMatchObject({
        type_interaction: call10.type_interaction,
        // The same moment, in the YYYYmmddHHiiss form hits_last_hour is documented with.
        date: String(call10.date).replace(/[- :]/g, ''),
        telephone: call10.telephone,
        customer_id: call10.customer_id,
      });
    }
    const hitCodes = new Set(
      rowsOf(control, 'info_activity_codes')
        .filter((row) => row.hit === 'yes')
        .map((row) => row.cod_act),
    );
    const tenant = new Tenant(1, 1500, 4);
    const codeOf = new Map<string, string>();
    tenant.forEachRecord('calls', NOW_WALL - 3_600_000, NOW_WALL, (record) => {
      codeOf.set(record.conn_id, record.cod_act as string);
    });
    for (const row of hits)
      expect(row.hit).toBe(hitCodes.has(codeOf.get(row.conn_id as string)) ? 'yes' : 'no');
    expect(hits.some((row) => row.hit === 'yes')).toBe(true);
    for (const row of hits) expect(row.date).toMatch(/^\d{14}$/);
  });

  it('campaigns: dialled = the predictive calls so far today, per campaign', async () => {
    const { control } = await mockApp();
    const tenant = new Tenant(1, 1500, 4);
    const dialled = new Map<string, number>();
    tenant.forEachRecord('calls', TODAY, NOW_WALL, (record) => {
      if (record.type_interaction === 'out_pre')
        dialled.set(record.campaign_id as string, (dialled.get(record.campaign_id as string) ?? 0) + 1);
    });
    const rows = rowsOf(control, 'campaigns');
    // The campaign is a label "<id> - <name>[ - Strategy (...)]": the id is what precedes the first " - ".
    const idOf = (label: unknown) => String(label).split(' - ')[0];
    expect(new Map(rows.map((row) => [idOf(row.campaign), Number(row.dial)]))).toEqual(dialled);
  });

  it('recall: type filters on the origin', async () => {
    const { control } = await mockApp();
    const all = rowsOf(control, 'recall', { type: 'all' });
    const manual = rowsOf(control, 'recall', { type: 'manual' });
    expect(manual.length).toBeGreaterThan(0);
    expect(manual.length).toBeLessThan(all.length);
    expect(manual.every((row) => row.type_recall === 'manual' && row.id_campaign === row.id_campaing)).toBe(
      true,
    );
  });

  it('recall: callbacks set today are scheduled 1 to 48 hours later, on a quarter hour, many still ahead', async () => {
    const { control } = await mockApp();
    const all = rowsOf(control, 'recall', { type: 'all' });
    const now = '2025-02-05 15:30:00';
    for (const row of all) {
      expect(String(row.date_recall)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:(00|15|30|45):00$/);
      expect(String(row.date_recall) >= '2025-02-05 01:00:00').toBe(true);
      expect(String(row.date_recall) <= '2025-02-07 15:30:00').toBe(true);
    }
    expect(all.filter((row) => String(row.date_recall) > now).length).toBeGreaterThan(all.length / 2);
  });
});

describe('real-time shapes', () => {
  it('info_server answers a single object, CPU lowest <= average <= peak', async () => {
    const { app } = await mockApp();
    const result = await call(app, 'real_time', { api: 'info_server' });
    expect(result.status).toBe(200);
    const data = result.body.data as unknown as Row;
    expect(Array.isArray(data)).toBe(false);
    expect(getReport('info_server')!.responseSchema.safeParse(result.body).success).toBe(true);
    const pct = (name: string) => Number.parseFloat(data[name] as string);
    expect(pct('cpu_min_10s')).toBeLessThanOrEqual(pct('cpu_avg_10s'));
    expect(pct('cpu_avg_10s')).toBeLessThanOrEqual(pct('cpu_max_10s'));
    expect(Number(data.calls)).toBeGreaterThan(0);
  });

  it('latency is one row whose by_ip aggregates by_agent, from IPs get_ip lists', async () => {
    const { control } = await mockApp();
    const [row, ...rest] = rowsOf(control, 'latency');
    expect(rest).toHaveLength(0);
    const byAgent = row!.by_agent as Row[];
    const byIp = row!.by_ip as Row[];
    // Agents with an active session: those the real-time agents report lists.
    expect(byAgent).toHaveLength(rowsOf(control, 'agents').length);
    expect(byIp.reduce((sum, ip) => sum + Number(ip.total_agents), 0)).toBe(byAgent.length);
    for (const ip of byIp) {
      const latencies = byAgent
        .filter((agent) => agent.ip === ip.ip)
        .map((agent) => Number(agent.latency_ms));
      expect(Number(ip.maximum)).toBe(Math.max(...latencies));
      expect(Number(ip.minimum)).toBe(Math.min(...latencies));
    }
    const known = new Set(rowsOf(control, 'info_get_ip').map((r) => r.ip));
    for (const ip of byIp) expect(known.has(ip.ip), String(ip.ip)).toBe(true);
    expect((row!.by_pbx as Row[]).length).toBeGreaterThan(0);
  });

  it('chats nest each open chat with its conversation', async () => {
    const { control } = await mockApp();
    const rows = rowsOf(control, 'chats');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const chats = row.active_chats as Row[];
      expect(chats.length).toBeGreaterThan(0);
      for (const chat of chats) expect((chat.conversation as Row[]).length).toBeGreaterThan(0);
    }
  });
});

describe('token_info tells the truth about the quota', () => {
  const tokenInfo = { api: 'token_info' };

  it('rises by one per call (token_info included) and matches the token book', async () => {
    const other = 'second-token';
    const { app, control } = await mockApp({ tokens: [DEMO_TOKEN, other], dailyQuota: 50 });
    const read = async () => {
      const result = await call(app, 'information', tokenInfo);
      expect(result.status).toBe(200);
      return (result.body.data as unknown as Row[])[0]!;
    };
    const first = await read();
    const stats = control.statsFor(DEMO_TOKEN)!;
    expect(first).toEqual({
      description: control.tokenLabel(DEMO_TOKEN),
      token_limit: '50',
      token_use_today: String(stats.quotaUsed),
      all_token_today: String(stats.quotaUsed),
      available_consumption_options: String(stats.quotaRemaining),
    });
    expect(stats.quotaUsed).toBe(1);
    const second = await read();
    expect(Number(second.token_use_today)).toBe(Number(first.token_use_today) + 1);
    expect(Number(second.available_consumption_options)).toBe(
      Number(first.available_consumption_options) - 1,
    );
    // Another report and another token's calls count too.
    await call(app, 'real_time', { api: 'calls_last_10' });
    await call(app, 'real_time', { api: 'calls_last_10' }, { 'wolkvox-token': other });
    const third = await read();
    const now = control.statsFor(DEMO_TOKEN)!;
    expect(third.token_use_today).toBe(String(now.quotaUsed));
    expect(third.available_consumption_options).toBe(String(now.quotaRemaining));
    expect(Number(third.token_use_today)).toBe(4);
    expect(Number(third.all_token_today)).toBe(now.quotaUsed + control.statsFor(other)!.quotaUsed);
    // The other token sees its own usage.
    const theirs = await call(app, 'information', tokenInfo, { 'wolkvox-token': other });
    expect((theirs.body.data as unknown as Row[])[0]).toMatchObject({
      description: control.tokenLabel(other),
      token_use_today: '2',
    });
  });

  it('by default, the limit is the licenses services reports x 1000, as on the platform', async () => {
    const { app } = await mockApp();
    const services = (await call(app, 'information', { api: 'services' })).body.data as unknown as Row[];
    const usage = (await call(app, 'information', tokenInfo)).body.data as unknown as Row[];
    expect(Number(usage[0]!.token_limit)).toBe(Number(services[0]!.licenses) * 1000);
    expect(Number(services[0]!.licenses)).toBeGreaterThan(0);
  });

  it('starts again at the tenant’s midnight', async () => {
    const { app, control } = await mockApp({ dailyQuota: 50 });
    await call(app, 'information', tokenInfo);
    await call(app, 'information', tokenInfo);
    control.freezeClock('2025-02-06T00:00:01-05:00');
    const next = await call(app, 'information', tokenInfo);
    expect((next.body.data as unknown as Row[])[0]).toMatchObject({
      token_use_today: '1',
      available_consumption_options: '49',
    });
  });
});
