import { describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenant/store.js';
import { mockApp, rowsOf, wirePercent } from './helpers.js';

/**
 * Cross-report identities of the IVR, campaign, chat, quality and speech reports: totals of one report are the
 * rows of another, and the people they name are the cast's.
 */

const FEB_1_4 = { date_ini: '20250201000000', date_end: '20250204235959' };
const FEB_3 = { date_ini: '20250203000000', date_end: '20250203235959' };

/** Counts of `rows` by the value of `key`. */
function countBy<T extends Record<string, unknown>>(rows: readonly T[], key: keyof T): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(String(row[key]), (counts.get(String(row[key])) ?? 0) + 1);
  return counts;
}

/** Sums of a numeric column by the value of `key`. */
function sumBy<T extends Record<string, unknown>>(rows: readonly T[], key: keyof T, value: keyof T) {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(String(row[key]), (sums.get(String(row[key])) ?? 0) + Number(row[value]));
  return sums;
}

const total = (rows: readonly Record<string, unknown>[], column: string) =>
  rows.reduce((sum, row) => sum + Number(row[column]), 0);

describe('IVR reports', () => {
  it("diagram_1_1's calls of a day are the sum of diagram_1_2's hours of that day, and diagram_1's rows", async () => {
    const { control } = await mockApp();
    const days = rowsOf(control, 'diagram_1_1', FEB_1_4);
    const hours = rowsOf(control, 'diagram_1_2', FEB_1_4);
    const calls = rowsOf(control, 'diagram_1', FEB_1_4);
    expect(days.map((row) => row.day)).toEqual(['2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04']);
    const perDay = new Map<string, { calls: number; minutes: number; hours: number }>();
    for (const row of hours) {
      const day = `${row.date.slice(0, 4)}-${row.date.slice(4, 6)}-${row.date.slice(6, 8)}`;
      const bucket = perDay.get(day) ?? { calls: 0, minutes: 0, hours: 0 };
      bucket.calls += Number(row.calls);
      bucket.minutes += Number(row.ivr_minutes);
      bucket.hours++;
      perDay.set(day, bucket);
    }
    const detail = countBy(calls, 'date');
    const detailPerDay = new Map<string, number>();
    for (const [date, n] of detail)
      detailPerDay.set(date.slice(0, 10), (detailPerDay.get(date.slice(0, 10)) ?? 0) + n);
    for (const row of days) {
      const bucket = perDay.get(row.day)!;
      expect(Number(row.calls), row.day).toBe(bucket.calls);
      expect(Number(row.calls), row.day).toBe(detailPerDay.get(row.day));
      // Each hour rounds its minutes to two decimals: the day agrees within that rounding.
      expect(Math.abs(Number(row.ivr_minutes) - bucket.minutes)).toBeLessThanOrEqual(
        0.005 * (bucket.hours + 1),
      );
    }
  });

  it("diagram_1_3, diagram_13 and diagram_14 count the menu options of diagram_1's calls", async () => {
    const { control } = await mockApp();
    const calls = rowsOf(control, 'diagram_1', FEB_3);
    const byOption = countBy(calls, 'cod_opc_menu');
    // Text codes the tenant gave its menu options, never digits (a client casting them to int fails).
    expect([...byOption.keys()].sort()).toEqual([
      'AGENTE',
      'CONSULTA_SALDO',
      'CV_BUZON',
      'ESTADO_SOLICITUD',
      'NO_PASA_AGENTE',
      'PULSE',
    ]);
    // AGENTE: the caller asked for an agent and reached a queue; the IVR alone served the rest.
    for (const row of calls)
      if (row.cod_opc_menu === 'AGENTE') expect(row.dn_transfer, row.conn_id).not.toBe('');
    for (const row of calls) if (row.dn_transfer === '') expect(row.cod_opc_menu).not.toBe('AGENTE');
    const described = new Map(rowsOf(control, 'diagram_14', FEB_3).map((row) => [row.cod_act, row]));
    expect(described.get('CV_BUZON')?.description_cod_act).toBe('Mensaje en el buzón de voz');
    const perOption = sumBy(rowsOf(control, 'diagram_1_3', FEB_3), 'cod_opc_menu', 'calls');
    expect(perOption).toEqual(byOption);
    expect(sumBy(rowsOf(control, 'diagram_14', FEB_3), 'cod_act', 'count')).toEqual(byOption);
    expect(countBy(rowsOf(control, 'diagram_13', FEB_3), 'cod_opc_menu')).toEqual(byOption);
    // ok: the call reached a queue (it names the skill); hung up: the IVR was the end of it.
    for (const row of calls) expect(row.result).toBe(row.dn_transfer === '' ? 'hung up' : 'ok');
    const customer = calls.find((row) => row.customer_id !== '')!.customer_id;
    const one = rowsOf(control, 'diagram_1', { ...FEB_3, customer_id: customer });
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((row) => row.customer_id === customer)).toBe(true);
  });

  it("diagram_2's accepted callbacks per skill are diagram_3's rows; surveys agree across diagram_4/5/6", async () => {
    const { control } = await mockApp();
    const accepted = sumBy(rowsOf(control, 'diagram_2', FEB_3), 'skill_id', 'customer_say_yes');
    expect(accepted).toEqual(countBy(rowsOf(control, 'diagram_3', FEB_3), 'skill_id'));
    for (const row of rowsOf(control, 'diagram_2', FEB_3))
      expect(Number(row.customer_say_yes) + Number(row.customer_say_no)).toBe(Number(row.treatment));
    const surveys = rowsOf(control, 'diagram_4', FEB_3);
    expect(sumBy(rowsOf(control, 'diagram_5', FEB_3), 'agent_id', 'surveys')).toEqual(
      countBy(surveys, 'agent_id'),
    );
    expect(sumBy(rowsOf(control, 'diagram_6', FEB_3), 'skill_id', 'surveys')).toEqual(
      countBy(surveys, 'skill_id'),
    );
  });
});

describe('campaign reports', () => {
  it("campaign_6's machine detections per campaign equal campaign_7's machine rows, and campaign_10's", async () => {
    const { control } = await mockApp();
    const { campaigns } = control.tenant();
    for (const campaign_id of ['all', ...campaigns.map((campaign) => campaign.campaign_id)]) {
      const params = { ...FEB_1_4, campaign_id };
      const detail = rowsOf(control, 'campaign_7', params);
      const accumulated = rowsOf(control, 'campaign_6', params);
      const machines = countBy(
        detail.filter((row) => row.result === 'machine'),
        'campaign_id',
      );
      expect(new Set(accumulated.map((row) => row.campaign_id))).toEqual(
        new Set(countBy(detail, 'campaign_id').keys()),
      );
      for (const row of accumulated)
        expect(Number(row.total_amd), `${campaign_id}/${row.campaign_id}`).toBe(
          machines.get(row.campaign_id) ?? 0,
        );
      const turbo = rowsOf(control, 'campaign_10', params).find(
        (row) => row.machinecode === 'answer machine',
      );
      expect(Number(turbo?.cantidad ?? 0)).toBe(total(accumulated, 'total_amd'));
    }
  });

  it("campaign_1/4/8 totals are campaign_3's dialled records, which are the campaign's predictive calls", async () => {
    const { control } = await mockApp();
    const predictive = control.tenant().campaigns.find((campaign) => campaign.mode === 'predictive')!;
    const tenant = new Tenant(1, 1500, 8);
    for (const campaign_id of ['all', predictive.campaign_id]) {
      const params = { ...FEB_1_4, campaign_id };
      const phones = rowsOf(control, 'campaign_3', params);
      const dialled: string[] = [];
      tenant.forEachRecord('calls', Date.UTC(2025, 1, 1), Date.UTC(2025, 1, 4, 23, 59, 59), (record) => {
        if (record.type_interaction !== 'out_pre') return;
        if (campaign_id !== 'all' && record.campaign_id !== campaign_id) return;
        dialled.push(record.conn_id);
      });
      expect(phones.map((row) => row.conn_id)).toEqual(dialled);
      if (campaign_id !== 'all') expect(phones.every((row) => row.campaign_id === campaign_id)).toBe(true);
      const byResult = countBy(phones, 'result');
      // campaign_3 spells results upper case and counts a carrier's unavailable channel as FAILED.
      const asCampaign3 = (totals: Map<string, number>) => {
        const spelled = new Map<string, number>();
        for (const [result, count] of totals) {
          const key = result === 'chanunavail' ? 'FAILED' : result.toUpperCase();
          spelled.set(key, (spelled.get(key) ?? 0) + count);
        }
        return spelled;
      };
      expect(asCampaign3(sumBy(rowsOf(control, 'campaign_4', params), 'result', 'records'))).toEqual(
        byResult,
      );
      expect(asCampaign3(sumBy(rowsOf(control, 'campaign_1', params), 'result', 'records'))).toEqual(
        byResult,
      );
      // Each result's percent is its share of the dialled records.
      for (const row of rowsOf(control, 'campaign_1', params)) {
        expect(row.percent).toBe(wirePercent((100 * Number(row.records)) / phones.length));
      }
      const perPhone = rowsOf(control, 'campaign_8', params);
      expect(total(perPhone, 'total_machine_recognitions')).toBe(phones.length);
      expect(total(perPhone, 'no_answer')).toBe(byResult.get('NO-ANSWER') ?? 0);
      expect(total(perPhone, 'answer_machine')).toBe(byResult.get('ANSWER-MACHINE') ?? 0);
      // The AMD detail lists exactly the dialled records answered by a person or a machine.
      const amd = rowsOf(control, 'campaign_7', params);
      expect(amd.filter((row) => row.result === 'machine').length).toBe(byResult.get('ANSWER-MACHINE') ?? 0);
    }
  });
});

describe('chat, quality and speech reports', () => {
  it('chat_11 names transfer agents of the cast, with their names and documents', async () => {
    const { control } = await mockApp();
    const { agents, skills } = control.tenant();
    const byId = new Map(agents.map((agent) => [agent.agent_id, agent]));
    const skillIds = new Set(skills.map((skill) => skill.skill_id));
    const transfers = rowsOf(control, 'chat_11', { date_ini: '20250101000000', date_end: '20250131235959' });
    expect(transfers.length).toBeGreaterThan(0);
    for (const row of transfers) {
      expect(['chat', 'whatsapp']).toContain(row.channel);
      expect(byId.get(row.transfer_agent_id)).toMatchObject({
        agent_name: row.transfer_agent_name,
        agent_dni: row.transfer_agent_dni,
      });
      if (row.receiver_agent_name === 'SKILL') {
        expect(skillIds.has(row.receiver_agent_id)).toBe(true);
        expect(row.receiver_agent_dni).toBe('');
      } else {
        expect(byId.get(row.receiver_agent_id)).toMatchObject({
          agent_name: row.receiver_agent_name,
          agent_dni: row.receiver_agent_dni,
        });
      }
    }
    // chat_9 (e-mail) and chat_11 (chat) split the transfers: no conn_id in both.
    const emails = new Set(rowsOf(control, 'chat_9', FEB_3).map((row) => row.conn_id));
    expect(rowsOf(control, 'chat_11', FEB_3).some((row) => emails.has(row.conn_id))).toBe(false);
  });

  it('closed-interaction totals agree across chat_3/4/5/6, chats across chat_1/13/16', async () => {
    const { control } = await mockApp();
    const interactions = rowsOf(control, 'chat_4', FEB_1_4).length;
    expect(interactions).toBeGreaterThan(0);
    expect(total(rowsOf(control, 'chat_3', FEB_1_4), 'interactions')).toBe(interactions);
    expect(total(rowsOf(control, 'chat_5', FEB_1_4), 'interactions')).toBe(interactions);
    expect(total(rowsOf(control, 'chat_6', FEB_1_4), 'interactions')).toBe(interactions);
    const chats = rowsOf(control, 'chat_1', FEB_1_4);
    const byChannel = countBy(chats, 'channel');
    expect([...byChannel.keys()].sort()).toEqual(['facebook', 'instagram', 'web', 'whatsapp']);
    expect(sumBy(rowsOf(control, 'chat_13', FEB_1_4), 'chanel', 'interaction')).toEqual(byChannel);
    expect(sumBy(rowsOf(control, 'chat_16', FEB_1_4), 'agent_id', 'total_chats')).toEqual(
      countBy(chats, 'agent_id'),
    );
    expect(rowsOf(control, 'chat_10', FEB_1_4).length).toBe(byChannel.get('whatsapp'));
  });

  it('quality and copilot counts agree: quality_1 with quality_2, wizard_2 + wizard_3 with wizard_1', async () => {
    const { control } = await mockApp();
    const evaluations = rowsOf(control, 'quality_2', FEB_1_4);
    expect(sumBy(rowsOf(control, 'quality_1', FEB_1_4), 'agent_id', 'evaluations')).toEqual(
      countBy(evaluations, 'agent_id'),
    );
    expect(total(rowsOf(control, 'quality_5', FEB_1_4), 'evaluations')).toBe(evaluations.length);
    const uses = rowsOf(control, 'wizard_1', FEB_1_4).length;
    const positive = rowsOf(control, 'wizard_2', FEB_1_4).length;
    const negative = rowsOf(control, 'wizard_3', FEB_1_4).length;
    expect(positive + negative).toBe(uses);
    expect(positive).toBeGreaterThan(negative);
    const speech = rowsOf(control, 'speech_1', FEB_1_4);
    const agents = new Set(speech.map((row) => row.agent_id));
    for (const id of ['speech_2', 'speech_3', 'speech_4'] as const)
      expect(new Set(rowsOf(control, id, FEB_1_4).map((row) => row.agent_id))).toEqual(agents);
  });
});
