import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listReports } from '@wolkvox-mcp/contracts';
import { sampleQuery } from '@wolkvox-mcp/test-support/requests';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/config/cli.js';
import { MockOptionsError } from '../src/index.js';
import { expectStoredNames, type Row, storedAgents } from './floor-checks.js';
import { call, exampleScenario, mockApp, SIX_AGENTS_TEAM } from './helpers.js';

/**
 * A scenario file makes the tenant look like the tester's: the shipped examples are served whole (every report,
 * valid), hold what they say (team, names, codes, headcount) at realistic figures, and give the same bytes for
 * the same seed; the default one is the seeded tenant byte for byte. A broken file is refused with file, line,
 * column, field and rule.
 */

const MONDAY = { date_ini: '20250203000000', date_end: '20250203235959' };

async function rows(
  app: Awaited<ReturnType<typeof mockApp>>['app'],
  api: string,
  family = 'reports_manager',
) {
  const result = await call(app, family as 'reports_manager', { api, ...MONDAY });
  return (result.body.data ?? []) as unknown as Row[];
}

describe('the example scenarios', () => {
  it.each(['six-agents', 'default', 'large-center'])(
    '%s: every report is served, valid, naming each agent as stored, on a Monday',
    { timeout: 120_000 },
    async (name) => {
      const { app, control } = await mockApp({ scenario: exampleScenario(name) });
      const stored = await storedAgents(
        app,
        control.tenant().skills.map((skill) => skill.skill_id),
      );
      let served = 0;
      let named = 0;
      for (const report of listReports()) {
        const result = await call(app, report.family, sampleQuery(report));
        expect([200, 404], `${report.id}: ${result.raw.slice(0, 200)}`).toContain(result.status);
        if (result.status !== 200) continue;
        served++;
        const parsed = report.responseSchema.safeParse(result.body);
        expect(parsed.success, `${report.id}: ${JSON.stringify(parsed.error?.issues?.slice(0, 2))}`).toBe(
          true,
        );
        const data = result.body.data as unknown;
        named += expectStoredNames(report.id, (Array.isArray(data) ? data : [data]) as Row[], stored);
      }
      // A small team has no data for a few reports (no predictive campaign, no survey point), never for most.
      expect(served).toBeGreaterThan(110);
      expect(named).toBeGreaterThan(1000);
    },
  );

  it('six-agents: the team, its names as stored, its codes, at a real floor’s occupancy', async () => {
    const { app } = await mockApp({ scenario: exampleScenario('six-agents') });
    const team = SIX_AGENTS_TEAM;
    const agents = await rows(app, 'agents', 'information');
    expect(new Map(agents.map((row) => [row.agent_id, row.agent_name]))).toEqual(team);
    let named = 0;
    for (const api of ['agent_1', 'agent_8', 'cdr_1', 'chat_1', 'act_3']) {
      for (const row of await rows(app, api)) {
        if (!row.agent_id || !team.has(row.agent_id)) continue;
        expect(row.agent_name, `${api} ${row.agent_id}`).toBe(team.get(row.agent_id));
        named++;
      }
    }
    expect(named).toBeGreaterThan(400);
    const codes = new Set(['Consulta', 'Escalado', 'Reclamo', 'TIMEOUTACW']);
    const typified = (await rows(app, 'act_3')).filter((row) => row.cod_act);
    expect(typified.length).toBeGreaterThan(100);
    for (const row of typified) expect(codes, row.cod_act).toContain(row.cod_act);
    const occupancy = (await rows(app, 'agent_1')).map((row) => Number.parseFloat(row.occupancy!)).sort();
    expect(occupancy).toHaveLength(6);
    // Published ranges for staffed contact centers (docs/simulated-tenant.md): 60-90 %.
    const median = (occupancy[2]! + occupancy[3]!) / 2;
    expect(median).toBeGreaterThanOrEqual(60);
    expect(median).toBeLessThanOrEqual(90);
  });

  it("large-center: campaign_3's opt columns are the campaign's list columns, the rest empty", async () => {
    const { app, control } = await mockApp({ scenario: exampleScenario('large-center') });
    const names = new Map(control.tenant().campaigns.map((c) => [c.campaign_id, c.name]));
    const result = await call(app, 'reports_manager', { api: 'campaign_3', campaign_id: 'all', ...MONDAY });
    expect(result.status).toBe(200);
    const attempts = result.body.data as unknown as Row[];
    // The list each campaign's scenario entry gives: its columns' kinds, in order, then nothing.
    const lists: Record<string, RegExp[]> = {
      'Cobranza temprana': [/^\d{10}$/, /^\d+000$/, /^\d{1,3}$/, /^(PREV_30|TEMP_60|TARD_90)$/],
      'Venta cruzada': [/^\d{10}$/, /^(PLAN_PLUS|PLAN_MAX)$/, /^\p{L}[\p{L} ]+$/u],
    };
    const seen = new Set<string>();
    for (const row of attempts) {
      const list = lists[names.get(row.campaign_id!)!];
      if (!list) continue;
      seen.add(names.get(row.campaign_id!)!);
      for (let i = 1; i <= 12; i++) {
        const value = row[`opt${i}`];
        if (i <= list.length) expect(value, `${row.conn_id} opt${i}`).toMatch(list[i - 1]!);
        else expect(value, `${row.conn_id} opt${i}`).toBe('');
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(lists).sort());
  });

  it('large-center: 400 agents on eight skills, and the licenses (quota) they hold', async () => {
    const { app } = await mockApp({ scenario: exampleScenario('large-center') });
    expect(await rows(app, 'agents', 'information')).toHaveLength(400);
    const skills = (await call(app, 'information', { api: 'skills' })).body.data ?? [];
    expect(skills).toHaveLength(8);
    const [services] = (await call(app, 'information', { api: 'services' })).body.data ?? [];
    expect(services).toMatchObject({ licenses: '400' });
  });

  it('default: the seeded tenant, byte for byte', { timeout: 120_000 }, async () => {
    const plain = await mockApp();
    const written = await mockApp({ scenario: exampleScenario('default'), cache: { shared: false } });
    for (const report of listReports()) {
      const query = sampleQuery(report);
      const [a, b] = await Promise.all([
        call(plain.app, report.family, query),
        call(written.app, report.family, query),
      ]);
      expect(b.raw, report.id).toBe(a.raw);
    }
  });

  it('the same seed and scenario give the same bytes', async () => {
    const first = await mockApp({ scenario: exampleScenario('six-agents'), seed: 7 });
    const second = await mockApp({
      scenario: exampleScenario('six-agents'),
      seed: 7,
      cache: { shared: false },
    });
    for (const api of ['cdr_1', 'chat_2', 'agent_1', 'act_3']) {
      const query = { api, ...MONDAY };
      const a = await call(first.app, 'reports_manager', query);
      const b = await call(second.app, 'reports_manager', query);
      expect(a.status, api).toBe(200);
      expect(b.raw, api).toBe(a.raw);
    }
  });
});

describe('a scenario file with a mistake', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-scenario-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  /** The one problem the emulator's options report for the scenario. */
  async function refusal(path: string): Promise<string> {
    try {
      await mockApp({ scenario: path });
    } catch (error) {
      expect(error).toBeInstanceOf(MockOptionsError);
      const problems = (error as MockOptionsError).problems;
      expect(problems.map((p) => p.field)).toEqual(['scenario']);
      return problems[0]!.rule;
    }
    throw new Error('the scenario was accepted');
  }

  it('names the file, line and column, the field and the rule', async () => {
    const path = file(
      'team.yaml',
      [
        'skills:',
        '  - { name: Soporte, channel: voice, inboundShare: 1, routingPoint: IVR Principal }',
        '  - { name: Chat, channel: digital, inboundShare: 0, routingPoint: IVR Principal }',
        'campaigns: []',
        'agents:',
        '  - { id: "20001", shift: morning, skills: [Soporte] }',
        '  - { id: "20002", shift: night, skills: [Soporte, Ventas] }',
        '',
      ].join('\n'),
    );
    const rule = await refusal(path);
    expect(rule).toBe(
      [
        `${path}:7:27: agents[1].shift: is not a shift: one of "morning", "afternoon"`,
        `${path}:7:52: agents[1].skills[1]: is not a skill: one of "Soporte", "Chat"`,
      ].join('; '),
    );
  });

  it('tells a misspelt field, a wrong value and a reference a default keeps', async () => {
    const path = file(
      'typo.yaml',
      [
        'volume: -3',
        'skills:',
        '  - name: Soporte',
        '    chanel: voice',
        '    channel: voice',
        '    inboundShare: 1',
        '    routingPoint: IVR Principal',
        '  - { name: Chat, channel: digital, inboundShare: 0, routingPoint: IVR Principal }',
        '',
      ].join('\n'),
    );
    const rule = await refusal(path);
    expect(rule).toContain(`${path}:1:9: volume: must be a number of calls a day from 0 to 50,000`);
    expect(rule).toContain(
      `${path}:4:5: skills[0].chanel: is not a field the scenario reads here (misspelt?)`,
    );
    // The default campaigns work skills this list dropped: the problem is the list's, and says what to add.
    expect(rule).toContain(
      `${path}:3:3: skills: "Cobranza" (campaign "Cobranza cartera 30 días") is not a skill: one of "Soporte", "Chat"; list the campaigns too`,
    );
  });

  it('reads JSON the same way, lines included', async () => {
    const path = file('tenant.json', '{\n  "volume": 300,\n  "service": { "level": 1.5 }\n}\n');
    expect(await refusal(path)).toBe(`${path}:3:25: service.level: must be a share from 0 to 1`);
  });

  it('refuses a syntax error at its place, and a file that cannot be read', async () => {
    const path = file('broken.yaml', 'skills:\n  - name: [Soporte\n');
    expect(await refusal(path)).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')}:\\d+:\\d+: \\S`));
    expect(await refusal(join(dir, 'missing.yaml'))).toBe(
      `${join(dir, 'missing.yaml')}: cannot be read (ENOENT)`,
    );
  });

  it('is refused on the command line under its flag', () => {
    const path = file('shift.yaml', 'shifts:\n  - { id: morning, start: 15, end: 7 }\n');
    expect(() => parseCli(['--scenario', path])).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringContaining(`--scenario ${path}:2:36: shifts[0].end: start must come before end`),
        ],
      }),
    );
  });
});
