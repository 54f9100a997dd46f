import { type AnyReport, defineReport, field, PARAMS } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenant/store.js';
import { ViewEngine } from '../src/views/engine.js';

describe('a new registry entry needs no emulator code', () => {
  // Reports the registry does not have: fields the records lack get plausible values from their kind.
  const agentCalls = defineReport({
    api: 'test_agent_calls',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Test',
    title: 'Synthetic detail report',
    description: 'A report invented by the test, over the calls entity.',
    questions: [],
    params: { campaign_id: PARAMS.campaign_id(false) },
    fields: {
      conn_id: field('conn_id', 'call id'),
      day: field('day', 'day of the call', { from: 'date' }),
      hour: field('hour_of_day', 'hour of the call', { from: 'date' }),
      supervisor_id: field('agent_id', 'invented: supervisor id'),
      supervisor_name: field('person_name', 'invented: supervisor name'),
      email: field('email', 'invented: customer e-mail'),
      occupancy: field('percent', 'invented: occupancy'),
      wait: field('seconds', 'queue wait', { from: 'queue_seconds' }),
      talk: field('minutes', 'talk time', { from: 'talk_seconds' }),
      mood: field('enum', 'invented: sentiment', { values: ['positive', 'neutral', 'negative'] }),
      recording: field('file', 'invented: recording'),
      link: field('url', 'invented: link to the recording'),
      agent_ip: field('ip', 'invented: agent IP'),
      note: field('text', 'invented: note'),
      score: field('number', 'invented: score'),
      aht: field('duration', 'invented: handling time'),
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' } },
    sources: ['test'],
  });

  const transfersByAgent = defineReport({
    api: 'test_transfers_by_agent',
    family: 'reports_manager',
    toolset: 'chat',
    category: 'Test',
    title: 'Synthetic aggregate report',
    description: 'Transfers per transferring agent.',
    questions: [],
    params: {},
    fields: {
      agent_id: field('agent_id', 'agent', { from: 'transfer_agent_id' }),
      agent_name: field('person_name', 'agent name', { from: 'transfer_agent_name' }),
      transfers: field('count', 'transfers', { from: { count: true } }),
      avg_quality: field('percent', 'invented'),
    },
    rows: { entity: 'transfers', groupBy: ['transfer_agent_id'] },
    sources: ['test'],
  });

  const now = Date.UTC(2025, 1, 5, 15, 30);
  const window = {
    window: { start: Date.UTC(2025, 1, 3), end: Date.UTC(2025, 1, 3, 23, 59, 59) },
    params: {},
  };

  it('serves invented fields with plausible, well-formed, deterministic values', () => {
    const tenant = new Tenant(1, 1500, 4);
    const rows = new ViewEngine(tenant).run(agentCalls as AnyReport, window, now).rows as Record<
      string,
      string
    >[];
    expect(rows.length).toBeGreaterThan(100);
    const agents = new Map(tenant.cast.agents.map((agent) => [agent.agent_id, agent.agent_name]));
    for (const row of rows) {
      expect(agentCalls.rowSchema.safeParse(row).success).toBe(true);
      expect(row.day as string).toBe('2025-02-03');
      expect(Number(row.hour)).toBeGreaterThanOrEqual(7);
      expect(agents.get(row.supervisor_id!)).toBe(row.supervisor_name); // one role, one agent
      expect(row.email).toMatch(/^[a-z0-9.]+@[a-z0-9.]+$/);
      expect(row.occupancy).toMatch(/^\d{1,3}\.\d{2} %$/);
      expect(row.wait).toMatch(/^\d+$/);
      expect(row.talk).toMatch(/^\d+\.\d{2}$/);
      expect(['positive', 'neutral', 'negative']).toContain(row.mood);
      expect(row.recording).toMatch(/\.wav$/);
      expect(new URL(row.link!).hostname.endsWith('.invalid')).toBe(true); // never a real host
      expect(row.agent_ip).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/);
      expect(tenant.cast.comments).toContain(row.note);
      // Measured numbers keep up to three places, without trailing zeros.
      expect(row.score).toMatch(/^\d+(\.\d{0,2}[1-9])?$/);
      expect(row.aht).toMatch(/^\d{2}:[0-5]\d:[0-5]\d$/);
    }
    expect(new Set(rows.map((row) => row.mood)).size).toBe(3);
    // Another engine over another tenant instance: identical.
    expect(new ViewEngine(new Tenant(1, 1500, 4)).run(agentCalls as AnyReport, window, now).rows).toEqual(
      rows,
    );
  });

  it('applies a registry filter it has never seen', () => {
    const engine = new ViewEngine(new Tenant(1, 1500, 4));
    const all = engine.run(agentCalls as AnyReport, window, now).rows;
    const campaigns = new Tenant(1, 1500, 1).cast.campaigns;
    const one = campaigns.find((campaign) => campaign.mode === 'predictive')!.campaign_id;
    const filtered = engine.run(
      agentCalls as AnyReport,
      { ...window, params: { campaign_id: one } },
      now,
    ).rows;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
    const ids = new Set(filtered.map((row) => row.conn_id));
    expect(all.filter((row) => ids.has(row.conn_id))).toEqual(filtered);
  });

  it('aggregates a groupBy report over another entity', () => {
    const tenant = new Tenant(1, 1500, 4);
    const rows = new ViewEngine(tenant).run(transfersByAgent as AnyReport, window, now).rows;
    let expected = 0;
    tenant.forEachRecord(
      'transfers',
      Date.UTC(2025, 1, 3),
      Date.UTC(2025, 1, 3, 23, 59, 59),
      () => expected++,
    );
    expect(rows.reduce((sum, row) => sum + Number(row.transfers), 0)).toBe(expected);
    expect(new Set(rows.map((row) => row.agent_id)).size).toBe(rows.length);
    for (const row of rows) expect(transfersByAgent.rowSchema.safeParse(row).success).toBe(true);
  });
});
