import { formatTimestamp } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenant/store.js';
import { mockApp, rowsOf } from './helpers.js';

/**
 * Every report is a view of the same interactions: the identities the README promises, checked across reports
 * and against the simulated tenant itself.
 */

const FEB_3 = { date_ini: '20250203000000', date_end: '20250203235959' };

function wallOf(date: string): number {
  return Date.parse(`${date.replace(' ', 'T')}Z`);
}

describe('cross-report identities', () => {
  it("diagram_1_2's calls and minutes per hour are exactly the IVR calls of that hour", async () => {
    const { control } = await mockApp();
    const hours = rowsOf(control, 'diagram_1_2', { date_ini: '20250201000000', date_end: '20250204235959' });
    const tenant = new Tenant(1, 1500, 8);
    const expected = new Map<string, { calls: number; seconds: number }>();
    tenant.forEachRecord('calls', Date.UTC(2025, 1, 1), Date.UTC(2025, 1, 4, 23, 59, 59), (record) => {
      if (record.via_ivr !== 'yes') return;
      const bucket = expected.get(record.date_hour) ?? { calls: 0, seconds: 0 };
      bucket.calls++;
      bucket.seconds += record.ivr_seconds as number;
      expected.set(record.date_hour, bucket);
    });
    expect(hours.map((row) => row.date)).toEqual([...expected.keys()]);
    for (const row of hours) {
      const bucket = expected.get(row.date)!;
      expect(row.calls).toBe(String(bucket.calls));
      expect(row.ivr_minutes).toBe((bucket.seconds / 60).toFixed(2));
    }
    // Sunday the 2nd: the IVR answers around the clock, agents do not.
    expect(hours.some((row) => row.date.startsWith('20250202'))).toBe(true);
    expect(hours.map((row) => row.date)).toEqual([...hours.map((row) => row.date)].sort());
  });

  it('names only agents of the cast in act_3 and chat_9, with matching names and documents', async () => {
    const { control } = await mockApp();
    const { agents, skills } = control.tenant();
    const byId = new Map(agents.map((agent) => [agent.agent_id, agent]));
    for (const row of rowsOf(control, 'act_3', FEB_3)) {
      expect(byId.get(row.agent_id)).toMatchObject({ agent_name: row.agent_name, agent_dni: row.agent_dni });
    }
    const transfers = rowsOf(control, 'chat_9', { date_ini: '20250101000000', date_end: '20250131235959' });
    expect(transfers.length).toBeGreaterThan(0);
    const skillIds = new Set(skills.map((skill) => skill.skill_id));
    let toSkill = 0;
    for (const row of transfers) {
      expect(row.channel).toBe('email');
      expect(byId.get(row.transfer_agent_id)?.agent_name).toBe(row.transfer_agent_name);
      if (row.receiver_agent_name === 'SKILL') {
        toSkill++;
        expect(skillIds.has(row.receiver_agent_id)).toBe(true);
      } else {
        expect(byId.get(row.receiver_agent_id)?.agent_name).toBe(row.receiver_agent_name);
        expect(row.receiver_agent_id).not.toBe(row.transfer_agent_id);
      }
    }
    expect(toSkill).toBeGreaterThan(0);
  });

  it("act_3's conn_ids are calls an agent handled, carrying the same customer and campaign", async () => {
    const { control } = await mockApp();
    const tenant = new Tenant(1, 1500, 8);
    const calls = new Map<string, Record<string, unknown>>();
    tenant.forEachRecord('calls', Date.UTC(2025, 1, 3), Date.UTC(2025, 1, 3, 23, 59, 59), (record) => {
      calls.set(record.conn_id, record);
    });
    const rows = rowsOf(control, 'act_3', FEB_3);
    for (const row of rows) {
      const record = calls.get(row.conn_id);
      expect(record, row.conn_id).toBeDefined();
      expect(record).toMatchObject({
        handled_by: 'agent',
        customer_id: row.customer_id,
        campaign_id: row.campaign_id,
        telephone: row.telephone,
        type_interaction: row.type_interaction,
      });
    }
    const handled = [...calls.values()].filter((record) => record.handled_by === 'agent');
    expect(rows).toHaveLength(handled.length);
  });

  it('shows the act_3 calls of the last ten minutes in calls_last_10, with the same customer and telephone', async () => {
    const { control } = await mockApp({}, '2025-02-03T11:00:00-05:00');
    const recent = rowsOf(control, 'calls_last_10', {});
    const typified = rowsOf(control, 'act_3', { date_ini: '20250203105000', date_end: '20250203110000' });
    expect(typified.length).toBeGreaterThan(0);
    const byConn = new Map(recent.map((row) => [row.conn_id, row]));
    for (const row of typified) {
      if (row.date === '2025-02-03 10:50:00') continue; // (now - 10 min) is outside the real-time span
      expect(byConn.get(row.conn_id)).toMatchObject({
        customer_id: row.customer_id,
        telephone: row.telephone,
        type_interaction: row.type_interaction,
        date: row.date,
      });
    }
  });

  it("campaign_7 lists the predictive calls' AMD verdicts for cast campaigns, filtered by campaign_id", async () => {
    const { control } = await mockApp();
    const { campaigns } = control.tenant();
    const all = rowsOf(control, 'campaign_7', { campaign_id: 'all', ...FEB_3 });
    const predictive = new Set(campaigns.filter((c) => c.mode === 'predictive').map((c) => c.campaign_id));
    expect(new Set(all.map((row) => row.result))).toEqual(new Set(['machine', 'human']));
    for (const row of all) {
      expect(predictive.has(row.campaign_id)).toBe(true);
      const campaign = campaigns.find((c) => c.campaign_id === row.campaign_id)!;
      if (row.result === 'machine') expect(campaign.amd_files).toContain(row.file_name);
      else expect(row.file_name).toBe('');
    }
    const one = [...predictive][0]!;
    const filtered = rowsOf(control, 'campaign_7', { campaign_id: one, ...FEB_3 });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered).toEqual(all.filter((row) => row.campaign_id === one));
    // Each verdict is a predictive call: a human is put through to an agent (then act_3 has it, same customer and
    // second) or, with nobody free, dropped as abandoned; a machine never reaches act_3.
    const typified = new Set(
      rowsOf(control, 'act_3', FEB_3)
        .filter((row) => row.type_interaction === 'out_pre')
        .map((row) => `${row.customer_id}|${row.date}`),
    );
    const calls = new Map<string, Record<string, unknown>>();
    new Tenant(1, 1500, 8).forEachRecord(
      'calls',
      Date.UTC(2025, 1, 3),
      Date.UTC(2025, 1, 3, 23, 59, 59),
      (record) => {
        if (record.type_interaction === 'out_pre')
          calls.set(`${record.customer_id}|${formatTimestamp(record.date)}`, record);
      },
    );
    let putThrough = 0;
    for (const row of all) {
      const key = `${row.customer_id}|${row.date}`;
      const record = calls.get(key);
      expect(record, key).toMatchObject({
        campaign_id: row.campaign_id,
        telephone: row.telephone,
        amd_result: row.result,
      });
      if (row.result === 'machine') {
        expect(record!.result).toBe('answer machine');
        expect(typified.has(key)).toBe(false);
      } else if (record!.handled_by === 'agent') {
        expect(typified.has(key)).toBe(true);
        putThrough++;
      } else if (record!.handled_by === 'ivr') {
        // An IVR-bot campaign puts the person through to its routing point instead of an agent.
        expect(record).toMatchObject({ result: 'answer', via_ivr: 'yes' });
        expect(typified.has(key)).toBe(false);
      } else {
        expect(record!.result).toBe('abandon');
      }
    }
    expect(putThrough).toBeGreaterThan(0);
  });

  it('diagram_9 rows are turns of bot conversations, several per session_id and customer phone', async () => {
    const { control } = await mockApp();
    const turns = rowsOf(control, 'diagram_9', FEB_3);
    const sessions = new Map<string, typeof turns>();
    for (const row of turns) sessions.set(row.session_id, [...(sessions.get(row.session_id) ?? []), row]);
    expect(sessions.size).toBeLessThan(turns.length);
    expect([...sessions.values()].filter((rows) => rows.length >= 2).length).toBeGreaterThan(
      sessions.size / 2,
    );
    for (const rows of sessions.values()) {
      expect(new Set(rows.map((row) => `${row.customer_phone}|${row.customer_id}|${row.channel}`)).size).toBe(
        1,
      );
      expect(rows.map((row) => row.date)).toEqual(rows.map((row) => row.date).sort());
    }
    // A session is one interaction: its turns share the conn_id (a chat's, when the bot passed it on), the routing
    // point and the customer; sessions do not share one.
    const connIds = new Map<string, string>();
    for (const [session, rows] of sessions) {
      expect(
        new Set(rows.map((row) => `${row.conn_id}|${row.rp_id}|${row.customer_name}|${row.customer_email}`))
          .size,
      ).toBe(1);
      const conn = rows[0]!.conn_id;
      expect(connIds.get(conn), conn).toBeUndefined();
      connIds.set(conn, session);
    }
  });

  it('campaign_3 and diagram_1 share the conn_ids of IVR-bot campaign calls: a dashboard joins them', async () => {
    const { control } = await mockApp();
    const ivr = new Map(rowsOf(control, 'diagram_1', FEB_3).map((row) => [row.conn_id, row]));
    const dialled = rowsOf(control, 'campaign_3', { campaign_id: 'all', ...FEB_3 });
    const joined = dialled.filter((row) => ivr.has(row.conn_id));
    expect(joined.length).toBeGreaterThan(0);
    const bots = new Set(joined.map((row) => row.campaign_id));
    expect(bots.size).toBe(1);
    for (const row of joined) {
      expect(row.result).toBe('ANSWER');
      expect(ivr.get(row.conn_id)).toMatchObject({ ani: row.telephone, customer_id: row.customer_id });
    }
    // Every answered call of the bot campaign went through the IVR; no other campaign's did.
    const answered = dialled.filter((row) => bots.has(row.campaign_id) && row.result === 'ANSWER');
    expect(joined).toEqual(answered);
  });

  it('chat_1 and chat_2 of one window join on conn_id', async () => {
    const { control } = await mockApp();
    const window = { date_ini: '20250204000000', date_end: '20250205084500' };
    const chats = rowsOf(control, 'chat_1', window);
    const conversations = new Map(rowsOf(control, 'chat_2', window).map((row) => [row.conn_id, row]));
    expect(chats.length).toBeGreaterThan(0);
    expect(conversations.size).toBe(chats.length);
    for (const row of chats)
      expect(conversations.get(row.conn_id)?.agent_name, row.conn_id).toBe(row.agent_name);
  });

  it("act_3's cod_act filter keeps the calls of that code group, by the record's groups", async () => {
    const { control } = await mockApp();
    const all = rowsOf(control, 'act_3', FEB_3);
    const first = rowsOf(control, 'act_3', { ...FEB_3, cod_act: 'cod_act1' });
    const second = rowsOf(control, 'act_3', { ...FEB_3, cod_act: 'cod_act2' });
    expect(first).toEqual(all);
    expect(second).toEqual(all.filter((row) => row.cod_act_2 !== ''));
    expect(second.length).toBeGreaterThan(0);
    expect(second.length).toBeLessThan(all.length);
    expect(all.some((row) => row.cod_act === 'TIMEOUTACW' && row.cod_act_2 === '')).toBe(true);
  });

  it('shapes a day like an operation: office hours, weekly pattern, inbound and outbound mix', async () => {
    const { control } = await mockApp();
    const monday = rowsOf(control, 'act_3', { date_ini: '20250203000000', date_end: '20250203235959' });
    const saturday = rowsOf(control, 'act_3', { date_ini: '20250201000000', date_end: '20250201235959' });
    expect(saturday.length).toBeLessThan(monday.length / 2);
    const hours = (rows: { date: string }[]) => rows.map((row) => Number(row.date.slice(11, 13)));
    expect(Math.min(...hours(monday))).toBeGreaterThanOrEqual(7);
    expect(Math.max(...hours(monday))).toBeLessThan(20);
    expect(Math.min(...hours(saturday))).toBeGreaterThanOrEqual(8);
    expect(Math.max(...hours(saturday))).toBeLessThan(14);
    const kinds = new Set(monday.map((row) => row.type_interaction));
    for (const kind of ['inbound', 'out_pre', 'outbound_ma', 'transfer', 'conference'])
      expect(kinds).toContain(kind);
    for (const row of monday) {
      expect(row.time).toMatch(/^\d{2,}:[0-5]\d:[0-5]\d$/);
      expect(['agent', 'customer', 'system']).toContain(row.hang_up);
      expect(wallOf(row.date)).toBeGreaterThan(0);
    }
  });
});
