import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, type TenantProfile } from '../src/tenant/profile.js';
import type { CallRecord } from '../src/tenant/records.js';
import { Tenant } from '../src/tenant/store.js';

/**
 * The tenant is its profile: a profile that names its team, skills, codes and menu gets a tenant made of exactly
 * those, the rest drawn as for the seeded default. (What a scenario file will set.)
 */
const TEAM: TenantProfile = {
  ...DEFAULT_PROFILE,
  skills: [
    { name: 'Soporte', channel: 'voice', inboundShare: 1, routingPoint: 'IVR Soporte' },
    { name: 'Chat', channel: 'digital', inboundShare: 0, routingPoint: 'IVR Soporte' },
  ],
  campaigns: [
    {
      name: 'Seguimiento',
      mode: 'manual',
      skill: 'Soporte',
      listColumns: [{ name: 'CASO', kind: 'account' }],
    },
  ],
  routingPoints: ['IVR Soporte', 'Fuera de horario', 'Chatbot web'],
  afterHoursRoutingPoint: 'Fuera de horario',
  chatBot: { routingPoint: 'Chatbot web', turns: [2, 3] },
  typeCodes: {
    first: [
      { code: 'Consulta', description: 'Consulta resuelta' },
      { code: 'Escalado', description: 'Escalado a segundo nivel', hit: true },
    ],
    second: [{ code: 'Hardware', description: 'Falla de hardware' }],
    timeoutAcw: { code: 'TIMEOUTACW', description: 'Tiempo de ACW agotado' },
    shares: DEFAULT_PROFILE.typeCodes.shares,
  },
  agents: [
    { id: '20001', name: 'ANA  TORRES', shift: 'morning', skills: ['Soporte', 'Chat'] },
    { id: '20002', name: 'LUIS PEREZ', shift: 'morning', skills: ['Soporte'] },
    { id: '20003', name: 'MARTA DIAZ', shift: 'morning', skills: ['Soporte'], saturdays: true },
    { id: '20004', name: 'JUAN ROJAS', shift: 'afternoon', skills: ['Soporte', 'Chat'] },
    { id: '20005', name: 'SARA GOMEZ', shift: 'afternoon', skills: ['Soporte'] },
    { id: '20006', name: 'PEDRO LEON', shift: 'afternoon', skills: ['Soporte'], saturdays: true },
  ],
};

describe('a tenant made from a profile', () => {
  const tenant = new Tenant(3, 300, 4, undefined, TEAM);
  const monday = Date.UTC(2025, 1, 3);

  it('has exactly the named team, skills and codes', () => {
    expect(tenant.cast.agents.map((agent) => [agent.agent_id, agent.agent_name])).toEqual(
      TEAM.agents!.map((agent) => [agent.id, agent.name]),
    );
    expect(tenant.cast.skills.map((skill) => skill.name)).toEqual(['Soporte', 'Chat']);
    const calls = tenant.records('calls', monday) as readonly CallRecord[];
    const handled = calls.filter((call) => call.handled_by === 'agent');
    expect(handled.length).toBeGreaterThan(50);
    const ids = new Set(TEAM.agents!.map((agent) => agent.id));
    const names = new Map(TEAM.agents!.map((agent) => [agent.id, agent.name]));
    for (const call of handled) {
      expect(ids.has(call.agent_id)).toBe(true);
      expect(call.agent_name).toBe(names.get(call.agent_id));
      expect(['Consulta', 'Escalado', 'TIMEOUTACW']).toContain(call.cod_act);
    }
    const support = tenant.cast.skills[0]!.skill_id;
    for (const call of calls)
      if (call.type_interaction === 'inbound' && call.skill_id) expect(call.skill_id).toBe(support);
  });

  it('works its shifts: the morning team in the morning, Saturdays only those who work them', () => {
    const days = tenant.records('agent_days', monday);
    expect(days.map((day) => day.agent_id).sort()).toEqual([...TEAM.agents!.map((agent) => agent.id)].sort());
    for (const day of days)
      expect(day.agent_name).toBe(TEAM.agents!.find((a) => a.id === day.agent_id)!.name);
    const saturday = tenant.records('agent_days', Date.UTC(2025, 1, 8)).map((day) => day.agent_id);
    expect(saturday.sort()).toEqual(['20003', '20006']);
  });
});
