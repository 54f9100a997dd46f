import { parseDuration } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { type MockControl, mockApp } from './helpers.js';

/**
 * The agent, skill, CDR and typification reports are views of the same calls: their totals agree with the call
 * detail (cdr_1) and with each other.
 */

type Row = Record<string, string>;

/** Monday and Tuesday, whole days before the frozen clock. */
const WINDOW = { date_ini: '20250203000000', date_end: '20250204235959' };

const INBOUND = new Set(['inbound', 'internal call_inb', 'internal call_que', 'transfer', 'conference']);
const OUTBOUND = new Set(['out_pre', 'outbound_ma']);

function rows(control: MockControl, id: string, params: Record<string, string> = {}): Row[] {
  return control.rows(id as never, { ...WINDOW, ...params }) as unknown as Row[];
}

function countBy<T>(list: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of list) {
    const k = key(item);
    if (k === undefined) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function sumBy(
  list: readonly Row[],
  key: (row: Row) => string,
  value: (row: Row) => number,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of list) sums.set(key(row), (sums.get(key(row)) ?? 0) + value(row));
  return sums;
}

describe('agent reports agree with the call detail', () => {
  it("agent_1's calls, inbound, outbound and internal per agent are that agent's calls in cdr_1", async () => {
    const { control } = await mockApp();
    const cdr = rows(control, 'cdr_1').filter((row) => row.agent_id !== '');
    const agents = rows(control, 'agent_1');
    expect(agents.length).toBeGreaterThan(10);
    const calls = countBy(cdr, (row) => row.agent_id);
    const inbound = countBy(cdr, (row) => (INBOUND.has(row.type_interaction!) ? row.agent_id : undefined));
    const outbound = countBy(cdr, (row) => (OUTBOUND.has(row.type_interaction!) ? row.agent_id : undefined));
    const internal = countBy(cdr, (row) =>
      row.type_interaction === 'internal call' ? row.agent_id : undefined,
    );
    expect(new Set(agents.map((row) => row.agent_id))).toEqual(new Set(calls.keys()));
    for (const row of agents) {
      const id = row.agent_id!;
      expect(row.calls, id).toBe(String(calls.get(id)));
      expect(row.inbound, id).toBe(String(inbound.get(id) ?? 0));
      expect(row.outbound, id).toBe(String(outbound.get(id) ?? 0));
      expect(row.internal, id).toBe(String(internal.get(id) ?? 0));
      expect(row.login! <= row.logout!).toBe(true);
      expect(row.occupancy).toMatch(/^\d{1,3}\.\d{2} %$/);
    }
    // The agent_id filter narrows to the same row.
    const one = agents[0]!;
    expect(rows(control, 'agent_1', { agent_id: one.agent_id! })).toEqual([one]);
  });

  it("agent_1's AHT and occupancy over two days are ratios of its own totals, not means of daily figures", async () => {
    const { control } = await mockApp();
    const seconds = (value: string | undefined) => parseDuration(value ?? '') ?? Number.NaN;
    let spanning = 0;
    for (const row of rows(control, 'agent_1')) {
      const id = row.agent_id!;
      const talk = seconds(row.inbound_time) + seconds(row.outbound_time);
      const handle = talk + seconds(row.acw_time);
      expect(Math.abs(seconds(row.aht) - handle / Number(row.calls)), id).toBeLessThanOrEqual(1);
      // Occupancy: talk + wrap-up over the login outside auxiliary states (fidelity-agents.test.ts has the detail).
      const available = seconds(row.login_time) - seconds(row.aux_time);
      const occupancy = Number.parseFloat(row.occupancy!.replaceAll(',', ''));
      expect(Math.abs(occupancy - (100 * handle) / available), id).toBeLessThan(0.006);
      if (row.login!.slice(0, 10) !== row.logout!.slice(0, 10)) spanning++;
    }
    // The window holds agents who worked both days, where a mean of daily figures would differ.
    expect(spanning).toBeGreaterThan(0);
  });

  it('agent_1 for the day in progress counts the calls so far, and grows as the clock moves', async () => {
    const { control } = await mockApp({}, '2025-02-03T11:00:00-05:00');
    const today = { date_ini: '20250203000000', date_end: '20250203235959' };
    const totalsAt = () => {
      const cdr = (control.rows('cdr_1' as never, today) as unknown as Row[]).filter(
        (row) => row.agent_id !== '',
      );
      const agents = control.rows('agent_1' as never, today) as unknown as Row[];
      const calls = countBy(cdr, (row) => row.agent_id);
      expect(new Set(agents.map((row) => row.agent_id))).toEqual(new Set(calls.keys()));
      for (const row of agents) {
        expect(row.calls, row.agent_id).toBe(String(calls.get(row.agent_id!)));
        expect(row.logout! <= '2025-02-03 23:59:59').toBe(true);
      }
      return cdr.length;
    };
    const atEleven = totalsAt();
    for (const row of control.rows('agent_1' as never, today) as unknown as Row[]) {
      expect(row.logout! <= '2025-02-03 11:00:00', 'no logout after the clock').toBe(true);
    }
    control.freezeClock('2025-02-03T15:00:00-05:00');
    expect(totalsAt()).toBeGreaterThan(atEleven);
  });

  it('agent_5 splits each agent’s calls by hour, adding up to agent_1; agent_3 adds up to aux_time', async () => {
    const { control } = await mockApp();
    const totals = new Map(rows(control, 'agent_1').map((row) => [row.agent_id!, row]));
    const hourly = control.rows('agent_5' as never, WINDOW) as unknown as {
      agent_id: string;
      status_x_hour: Row[];
    }[];
    expect(hourly.length).toBe(totals.size);
    for (const agent of hourly) {
      const hours = agent.status_x_hour;
      expect(new Set(hours.map((h) => h.hour)).size).toBe(hours.length);
      const sum = (name: string) => hours.reduce((total, h) => total + Number(h[name]), 0);
      expect(String(sum('calls'))).toBe(totals.get(agent.agent_id)!.calls);
      expect(String(sum('inbound'))).toBe(totals.get(agent.agent_id)!.inbound);
      expect(String(sum('outbound'))).toBe(totals.get(agent.agent_id)!.outbound);
    }
    const aux = sumBy(
      rows(control, 'agent_3'),
      (row) => row.agent_id!,
      (row) => parseDuration(row.time!)!,
    );
    for (const [id, row] of totals) expect(aux.get(id), id).toBe(parseDuration(row.aux_time!));
  });

  it('agent_12 counts the transfers and conferences each agent has in cdr_1 and agent_13 lists them', async () => {
    const { control } = await mockApp();
    const cdr = rows(control, 'cdr_1');
    const transfers = countBy(cdr, (row) => (row.type_interaction === 'transfer' ? row.agent_id : undefined));
    const conferences = countBy(cdr, (row) =>
      row.type_interaction === 'conference' ? row.agent_id : undefined,
    );
    const summary = rows(control, 'agent_12');
    expect(summary.length).toBeGreaterThan(0);
    for (const row of summary) {
      expect(row.transfer_calls).toBe(String(transfers.get(row.agent_id!) ?? 0));
      expect(row.conference_calls).toBe(String(conferences.get(row.agent_id!) ?? 0));
    }
    const detail = rows(control, 'agent_13');
    const total = [...transfers.values(), ...conferences.values()].reduce((a, b) => a + b, 0);
    expect(detail).toHaveLength(total);
  });
});

describe('skill reports', () => {
  it("skill_1: answered + abandoned = inbound calls of the skill, which are the skill's inbound cdr_1 calls", async () => {
    const { control } = await mockApp();
    const cdr = rows(control, 'cdr_1').filter(
      (row) => row.type_interaction === 'inbound' && row.skill_id !== '',
    );
    const inbound = countBy(cdr, (row) => row.skill_id);
    const answered = countBy(cdr, (row) => (row.agent_id !== '' ? row.skill_id : undefined));
    const skills = rows(control, 'skill_1', { skill_id: 'all' });
    expect(new Set(skills.map((row) => row.skill_id))).toEqual(new Set(inbound.keys()));
    for (const row of skills) {
      expect(Number(row.answer_calls) + Number(row.abandon_calls)).toBe(Number(row.inbound_calls));
      expect(row.inbound_calls).toBe(String(inbound.get(row.skill_id!)));
      expect(row.answer_calls).toBe(String(answered.get(row.skill_id!)));
      expect(row.skill_name).not.toBe('');
      const levels = [row.service_level_10seg, row.service_level_20seg, row.service_level_30seg].map((v) =>
        Number.parseFloat(v!),
      );
      expect(levels[0]! <= levels[1]! && levels[1]! <= levels[2]!).toBe(true);
    }
    const one = skills[0]!;
    expect(rows(control, 'skill_1', { skill_id: one.skill_id! })).toEqual([one]);
    // skill_8's answer buckets and skill_9's abandon buckets partition the answered and abandoned calls.
    for (const row of rows(control, 'skill_8', { skill_id: 'all' })) {
      const buckets = Object.keys(row).filter((name) =>
        /^an\w+_(\d+seg_\d+seg|greater_than_51seg)$/.test(name),
      );
      expect(buckets).toHaveLength(6);
      const sum = buckets.reduce((total, name) => total + Number(row[name]), 0);
      expect(String(sum)).toBe(row.answer_calls);
    }
    for (const row of rows(control, 'skill_9', { skill_id: 'all' })) {
      const buckets = Object.keys(row).filter(
        (name) => name.startsWith('abandon_') && name !== 'abandon_calls',
      );
      expect(buckets).toHaveLength(6);
      expect(String(buckets.reduce((total, name) => total + Number(row[name]), 0))).toBe(row.abandon_calls);
    }
    // Per-day figures add up to the window's.
    const daily = sumBy(
      rows(control, 'skill_3', { skill_id: 'all' }),
      (row) => row.skill_name!,
      (row) => Number(row.inbound_calls),
    );
    for (const row of skills) expect(daily.get(row.skill_name!)).toBe(Number(row.inbound_calls));
  });

  it('skill_2 and skill_10 list the abandoned and answered calls skill_1 counts', async () => {
    const { control } = await mockApp();
    const skills = rows(control, 'skill_1', { skill_id: 'all' });
    const abandoned = countBy(rows(control, 'skill_2', { skill_id: 'all' }), (row) => row.skill_id);
    const answered = countBy(rows(control, 'skill_10', { skill_id: 'all' }), (row) => row.skill_id);
    for (const row of skills) {
      expect(String(abandoned.get(row.skill_id!) ?? 0)).toBe(row.abandon_calls);
      expect(String(answered.get(row.skill_id!) ?? 0)).toBe(row.answer_calls);
    }
  });
});

describe('CDR summaries', () => {
  it('cdr_2 per agent is cdr_1 grouped by agent: calls and cost', async () => {
    const { control } = await mockApp();
    const cdr = rows(control, 'cdr_1').filter((row) => row.agent_id !== '');
    const calls = countBy(cdr, (row) => row.agent_name);
    const cost = sumBy(
      cdr,
      (row) => row.agent_name!,
      (row) => Number(row.cost),
    );
    const perAgent = rows(control, 'cdr_2');
    expect(perAgent).toHaveLength(calls.size);
    for (const row of perAgent) {
      expect(row.calls).toBe(String(calls.get(row.agent_name!)));
      expect(Number(row.cost)).toBeCloseTo(cost.get(row.agent_name!)!, 2);
    }
    expect(cdr.some((row) => Number(row.cost) > 0)).toBe(true);
  });

  it('cdr_4 classifies every call of each day; cdr_6 counts the calls cdr_5 lists', async () => {
    const { control } = await mockApp();
    const perDay = countBy(rows(control, 'cdr_1'), (row) => row.date!.slice(0, 10));
    const days = rows(control, 'cdr_4');
    expect(days.map((row) => row.INTERVAL)).toEqual([...perDay.keys()]);
    for (const row of days) {
      const buckets = ['0_5_seg', '6_20_seg', '21_60_seg', '61_120_seg', 'greater_than_121'];
      expect(buckets.reduce((total, name) => total + Number(row[name]), 0)).toBe(perDay.get(row.INTERVAL!));
      expect(row.calls).toBe(String(perDay.get(row.INTERVAL!)));
    }
    const detail = rows(control, 'cdr_5');
    const byResult = countBy(detail, (row) => row.result);
    const summary = rows(control, 'cdr_6');
    expect(new Map(summary.map((row) => [row.result!, Number(row.count)]))).toEqual(byResult);
  });
});

describe('typification reports', () => {
  it('act_1, act_2 and act_5 are act_3 grouped by agent+code, skill+code and code (of the group asked for); act_4 is TIMEOUTACW', async () => {
    const { control } = await mockApp();
    for (const cod_act of ['cod_act1', 'cod_act2']) {
      const detail = rows(control, 'act_3', { cod_act });
      expect(detail.length).toBeGreaterThan(0);
      // cod_act2 groups by the second-group code, which act_3 shows as cod_act_2.
      const code = (row: Row) => (cod_act === 'cod_act2' ? row.cod_act_2! : row.cod_act!);
      const byAgentCode = countBy(detail, (row) => `${row.agent_dni}|${code(row)}`);
      const perAgent = rows(control, 'act_1', { cod_act });
      expect(new Map(perAgent.map((row) => [`${row.agent_dni}|${row.cod_act}`, Number(row.count)]))).toEqual(
        byAgentCode,
      );
      const bySkillCode = countBy(detail, (row) => `${row.skill_id}|${code(row)}`);
      const perSkill = rows(control, 'act_2', { cod_act });
      expect(new Map(perSkill.map((row) => [`${row.skill_id}|${row.cod_act}`, Number(row.count)]))).toEqual(
        bySkillCode,
      );
      const byCode = countBy(detail, code);
      const perCode = rows(control, 'act_5', { cod_act });
      expect(new Map(perCode.map((row) => [row.cod_act!, Number(row.count)]))).toEqual(byCode);
      const described = new Map(
        detail.map((row) => [
          code(row),
          cod_act === 'cod_act2' ? row.description_cod_act_2 : row.description_cod_act,
        ]),
      );
      for (const row of perCode) {
        if (row.description_cod_act !== undefined)
          expect(row.description_cod_act).toBe(described.get(row.cod_act!));
      }
    }
    const all = rows(control, 'act_3');
    const uncoded = countBy(all, (row) => (row.cod_act === 'TIMEOUTACW' ? row.agent_id : undefined));
    const act4 = rows(control, 'act_4');
    expect(act4.length).toBeGreaterThan(0);
    expect(new Map(act4.map((row) => [row.agent_id!, Number(row.uncode_calls)]))).toEqual(uncoded);
  });
});
