import { listReports } from '@wolkvox-mcp/contracts';
import { sampleQuery } from '@wolkvox-mcp/test-support/requests';
import { describe, expect, it } from 'vitest';
import {
  expectPublishedRanges,
  expectRealTimeAgrees,
  expectStoredNames,
  operatingFigures,
  percent,
  type Row,
  rows,
  seconds,
  storedAgents,
} from './floor-checks.js';
import { mockApp } from './helpers.js';

/**
 * One floor behind every report, checked over HTTP from the strings a consumer receives: at any instant of the
 * clock the real-time agents, skills, info_server and latency reports read the same agents' timelines agent_1,
 * agent_8 and cdr_1 read for today so far; logged-out agents are not live; a call waits in a queue only while
 * no agent of its skill is Ready.
 */

const WEDNESDAY = { date_ini: '20250205000000', date_end: '20250205235959' };

/** Instants of a Wednesday: opening, the morning peak, lunch, shift overlap, the afternoon, closing, after hours. */
const INSTANTS = [
  '07:04:10',
  '09:47:13',
  '10:31:00',
  '12:40:30',
  '15:30:00',
  '17:12:45',
  '19:58:20',
  '20:30:00',
];

describe('real time reads the timelines agent_1, agent_8 and cdr_1 read for today', () => {
  it.each(INSTANTS)('at %s', async (time) => {
    const { app } = await mockApp({}, `2025-02-05T${time}-05:00`);
    const live = await expectRealTimeAgrees(app, '2025-02-05', time);
    if (time === '20:30:00') expect(live).toEqual([]);
    else expect(live.length).toBeGreaterThan(0);
  });

  it('a call waits in a queue only while none of its skill’s agents is Ready', async () => {
    const { app, control } = await mockApp({}, '2025-02-05T09:00:00-05:00');
    const members = new Map<string, Set<string>>();
    for (const skill of control.tenant().skills) {
      const agents = await rows(app, 'information', { api: 'agents_in_skill', skill_id: skill.skill_id });
      members.set(skill.skill_id, new Set(agents.map((row) => row.agent_id!)));
    }
    let queued = 0;
    // Every 3 minutes through the morning peak.
    for (let minute = 0; minute <= 180; minute += 3) {
      control.freezeClock(`2025-02-05T09:00:00-05:00`);
      control.advanceClock(minute * 60_000);
      const live = await rows(app, 'real_time', { api: 'agents' });
      const ready = new Set(live.filter((row) => row.agent_status === 'READY').map((row) => row.agent_id));
      for (const skill of await rows(app, 'real_time', { api: 'skills', skill_id: 'all' })) {
        if (Number(skill.calls_in_queue_now) === 0) continue;
        queued++;
        for (const agent of members.get(skill.skill_id!)!)
          expect(ready.has(agent), `${minute} ${agent}`).toBe(false);
      }
    }
    // The check is not vacuous: callers did queue at some of those instants.
    expect(queued).toBeGreaterThan(0);
  });
});

describe('one identity per person', () => {
  it('an agent has one name, the stored one, in every report that names agents', async () => {
    const { app, control } = await mockApp();
    const stored = await storedAgents(
      app,
      control.tenant().skills.map((skill) => skill.skill_id),
    );
    let checked = 0;
    for (const report of listReports())
      checked += expectStoredNames(report.id, await rows(app, report.family, sampleQuery(report)), stored);
    expect(checked).toBeGreaterThan(1000);
  });

  it('customers are customers: the same person for one contact across chat_1, chat_2, diagram_9 and chat_8', async () => {
    const { app } = await mockApp();
    const window = { date_ini: '20250204000000', date_end: '20250204235959' };
    const agentNames = new Set(
      (await rows(app, 'information', { api: 'agents' })).map((row) => row.agent_name),
    );
    const chats = await rows(app, 'reports_manager', { api: 'chat_1', ...window });
    const conversations = new Map(
      (await rows(app, 'reports_manager', { api: 'chat_2', ...window })).map((row) => [row.conn_id, row]),
    );
    const handed = new Map(
      (await rows(app, 'reports_manager', { api: 'chat_8', ...window })).map((row) => [row.conn_id, row]),
    );
    const turns = new Map<string, Row[]>();
    // The bot sessions of the window's chats started on the day they opened (the day before, for some).
    for (const row of await rows(app, 'reports_manager', {
      api: 'diagram_9',
      date_ini: '20250203000000',
      date_end: '20250204235959',
    })) {
      turns.set(row.conn_id!, [...(turns.get(row.conn_id!) ?? []), row]);
    }
    expect(chats.length).toBeGreaterThan(100);
    let links = 0;
    let images = 0;
    for (const chat of chats) {
      expect(agentNames.has(chat.customer_name!), chat.conn_id).toBe(false);
      expect(chat.customer_name).not.toBe('');
      const conversation = conversations.get(chat.conn_id)!;
      expect(conversation, chat.conn_id).toBeDefined();
      expect(conversation.customer_name).toBe(chat.customer_name);
      expect(conversation.agent_name).toBe(chat.agent_name);
      const messages = conversation.conversation as unknown as Row[];
      const agentMessages = messages.filter((message) => message.from === 'AGENT');
      const customerMessages = messages.filter((message) => message.from === 'CUSTOMER');
      // As many agent messages as chat_1 counts; the customer writes first, and the sides alternate.
      expect(String(agentMessages.length)).toBe(chat.agent_answers);
      expect(messages[0]!.from).toBe('CUSTOMER');
      for (let i = 1; i < messages.length && i < 2 * agentMessages.length; i++) {
        expect(messages[i]!.from, `${chat.conn_id} ${i}`).toBe(i % 2 === 0 ? 'CUSTOMER' : 'AGENT');
      }
      expect(customerMessages.length - agentMessages.length).toBeGreaterThanOrEqual(0);
      expect(customerMessages.length - agentMessages.length).toBeLessThanOrEqual(2);
      for (const message of messages) {
        const customer = message.from === 'CUSTOMER';
        expect(message.from_name).toBe(customer ? chat.customer_name : chat.agent_name);
        expect(message.to_name).toBe(customer ? chat.agent_name : chat.customer_name);
        expect([message.customer_id, message.customer_phone]).toEqual([
          chat.customer_id,
          chat.customer_phone,
        ]);
        expect(message.date! >= chat.date! && message.date! <= chat.date_close!).toBe(true);
        if (message.message!.includes('<a href="')) links++;
        if (message.message!.startsWith('data:image/')) images++;
      }
      // chat_1's figures are its messages'.
      const chars = (list: Row[]) => String(list.reduce((sum, message) => sum + message.message!.length, 0));
      expect([chat.customer_chars, chat.agent_chars]).toEqual([
        chars(customerMessages),
        chars(agentMessages),
      ]);
      expect(chat.last_participant_who_spoke).toBe(messages.at(-1)!.from!.toLowerCase());
      // The bot session the chat came through: the same customer on every turn, ending as the chat opens.
      const session = turns.get(chat.conn_id!)!;
      expect(session, chat.conn_id).toBeDefined();
      for (const turn of session) {
        expect([
          turn.customer_name,
          turn.customer_email,
          turn.customer_phone,
          turn.customer_id,
          turn.channel,
        ]).toEqual([
          chat.customer_name,
          chat.customer_email,
          chat.customer_phone,
          chat.customer_id,
          chat.channel,
        ]);
        expect(turn.date! <= chat.date!).toBe(true);
      }
      expect(session.at(-1)!.routing_answer).toBe('TRANSFERIR_AGENTE');
      expect(handed.get(chat.conn_id)?.session_id).toBe(session[0]!.session_id);
      expect(handed.get(chat.conn_id)?.customer_name).toBe(chat.customer_name);
    }
    expect(links).toBeGreaterThan(0);
    expect(images).toBeGreaterThan(0);
  });

  it("campaign_3's customer and list columns are the customer's, the same on every attempt", async () => {
    const { app } = await mockApp();
    const attempts = await rows(app, 'reports_manager', {
      api: 'campaign_3',
      campaign_id: 'all',
      date_ini: '20250127000000',
      date_end: '20250205235959',
    });
    const agentNames = new Set(
      (await rows(app, 'information', { api: 'agents' })).map((row) => row.agent_name),
    );
    const seen = new Map<string, string>();
    let repeated = 0;
    for (const row of attempts) {
      expect(agentNames.has(row.customer_name!)).toBe(false);
      expect(row.opt1, row.conn_id).not.toBe('');
      expect(row.opt12).toBe('');
      const list = [
        row.customer_name,
        row.customer_last_name,
        row.id_type,
        ...Array.from({ length: 12 }, (_, i) => row[`opt${i + 1}`]),
      ].join('|');
      // The list is loaded per month: within one, a customer's row is the same on every attempt.
      const key = `${row.campaign_id}|${row.customer_id}|${row.date!.slice(0, 7)}`;
      if (seen.has(key)) {
        repeated++;
        expect(list, key).toBe(seen.get(key));
      }
      seen.set(key, list);
    }
    expect(repeated).toBeGreaterThan(0);
  });
});

describe('derived figures are derived', () => {
  it("chat_16 is chat_1's chats per agent: time their duration, tmo time / chats, transfers chat_11's", async () => {
    const { app } = await mockApp();
    const window = { date_ini: '20250204000000', date_end: '20250204235959' };
    const chats = await rows(app, 'reports_manager', { api: 'chat_1', ...window });
    // The chats closed on the 4th opened on the 3rd or the 4th: their transfers are in those days.
    const transferred = new Set(
      (
        await rows(app, 'reports_manager', {
          api: 'chat_11',
          date_ini: '20250203000000',
          date_end: '20250204235959',
        })
      ).map((row) => `${row.conn_id}|${row.transfer_agent_id}`),
    );
    const productivity = await rows(app, 'reports_manager', { api: 'chat_16', ...window });
    expect(productivity.length).toBeGreaterThan(0);
    let timeAll = 0;
    for (const row of productivity) {
      const own = chats.filter((chat) => chat.agent_id === row.agent_id);
      expect(row.total_chats).toBe(String(own.length));
      const time = own.reduce((sum, chat) => sum + Number(chat.chat_duration), 0);
      expect(seconds(row.time)).toBe(time);
      expect(Math.abs(seconds(row.tmo) - time / own.length)).toBeLessThanOrEqual(1);
      const passed = own.filter((chat) => transferred.has(`${chat.conn_id}|${row.agent_id}`)).length;
      expect(Math.abs(percent(row.percent_transfer) - (100 * passed) / own.length)).toBeLessThanOrEqual(
        0.005,
      );
      timeAll += time;
    }
    // Most chats stay open until the platform's ~23-hour timeout: tmo runs many hours, as on the platform.
    expect(timeAll / chats.length).toBeGreaterThan(12 * 3600);
    expect(productivity.some((row) => percent(row.percent_transfer) > 0)).toBe(true);
  });
});

/** A working week of the default tenant. */
const WEEK = { date_ini: '20250203000000', date_end: '20250207235959' };

describe('operating figures within the ranges real contact centers publish', () => {
  it('occupancy 60-90 %, service level near 80/20, abandonment 2-10 %, handle time 3-8 minutes', async () => {
    const { app } = await mockApp();
    expectPublishedRanges(await operatingFigures(app, WEEK));
  });

  it('scales the headcount to the volume, and agent_6 never logs 24 hours in an hour of one day', async () => {
    const headcount = async (volume: number) => {
      const { app } = await mockApp({ volume });
      return { app, agents: (await rows(app, 'information', { api: 'agents' })).length };
    };
    const small = await headcount(100);
    const standard = await headcount(1500);
    const large = await headcount(4000);
    expect(small.agents).toBeGreaterThanOrEqual(4);
    expect(small.agents).toBeLessThan(standard.agents);
    expect(standard.agents).toBeLessThan(30);
    expect(large.agents).toBeGreaterThan(standard.agents * 2);
    for (const day of ['03', '04', '05', '06', '07', '08']) {
      for (const row of await rows(standard.app, 'reports_manager', {
        api: 'agent_6',
        date_ini: `202502${day}000000`,
        date_end: `202502${day}235959`,
      })) {
        expect(seconds(row.login_time), `${day} ${row.hour}`).toBeLessThan(24 * 3600);
        expect(row.login_time).toMatch(/^([01]\d|2[0-3]):/);
      }
    }
  });

  it("skill_5's agents needed is an Erlang staffing figure: above the hour's workload, answerable by that many", async () => {
    const { app } = await mockApp();
    const workforce = await rows(app, 'reports_manager', { api: 'skill_5', skill_id: 'all', ...WEDNESDAY });
    expect(workforce.length).toBeGreaterThan(20);
    for (const row of workforce) {
      const needed = Number(row.agents_needed);
      const load = (Number(row.inbound_calls) * seconds(row.aht)) / 3600;
      expect(needed, `${row.skill_id} ${row.hour}`).toBeGreaterThan(load);
      expect(needed).toBeLessThanOrEqual(Math.ceil(load) + 6);
    }
    // Calls per needed agent grow with the traffic (Erlang's economies of scale).
    const perAgent = (list: Row[]) =>
      list.reduce((sum, row) => sum + Number(row.inbound_calls), 0) /
      list.reduce((sum, row) => sum + Number(row.agents_needed), 0);
    const busy = workforce.filter((row) => Number(row.inbound_calls) >= 20);
    const quiet = workforce.filter((row) => Number(row.inbound_calls) < 10);
    expect(perAgent(busy)).toBeGreaterThan(perAgent(quiet));
  });

  it('codes are the text the tenant chose; latency rejection a whole percentage; audit_log ADMIN actions newest first', async () => {
    const { app } = await mockApp();
    const codes = new Set(
      (await rows(app, 'reports_manager', { api: 'act_3', ...WEDNESDAY })).map((row) => row.cod_act),
    );
    for (const code of ['Consulta', 'Reclamo', 'Acuerdo_de_Pago', 'TIMEOUTACW'])
      expect(codes).toContain(code);
    for (const code of codes) expect(code).toMatch(/[A-Za-z]/);
    const [latency] = await rows(app, 'real_time', { api: 'latency' });
    for (const list of ['by_agent', 'by_ip'] as const) {
      for (const item of latency![list] as unknown as Row[]) expect(item.network_rejection).toMatch(/^\d+$/);
    }
    const audit = await rows(app, 'information', { api: 'audit_log', ...WEEK });
    const agents = new Set((await rows(app, 'information', { api: 'agents' })).map((row) => row.agent_name));
    expect(audit.length).toBeGreaterThan(1);
    for (const row of audit) {
      expect(row.action).toMatch(/^ADMIN: /);
      expect(agents.has(row.user!)).toBe(false);
    }
    const dates = audit.map((row) => row.date!);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
