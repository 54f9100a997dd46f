import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKEN, ScenarioError, startMockServer } from '../src/index.js';
import { call, exampleScenario, mockApp, NOW, SIX_AGENTS_TEAM } from './helpers.js';

/**
 * `/__mock/scenario` sets the running emulator's tenant: a scenario sent as YAML or JSON is checked by the
 * scenario schema (400 naming every field, rule, line and column), and once accepted every report reads the new
 * tenant, nothing cached from the old one. It is a control route like the others: no token, no journal entry.
 */

const SIX_AGENTS = readFileSync(exampleScenario('six-agents'), 'utf8');
const TEAM = SIX_AGENTS_TEAM;
const MONDAY = { date_ini: '20250203000000', date_end: '20250203235959' };

function put(app: FastifyInstance, payload: string, contentType = 'application/yaml') {
  return app.inject({
    method: 'PUT',
    url: '/__mock/scenario',
    headers: { 'content-type': contentType },
    payload,
  });
}

async function agentIds(app: FastifyInstance, api: string): Promise<Set<string>> {
  const result = await call(app, 'reports_manager', { api, ...MONDAY });
  expect(result.status, api).toBe(200);
  return new Set(result.body.data!.map((row) => row.agent_id!).filter(Boolean));
}

describe('PUT /__mock/scenario', () => {
  it('over HTTP: six-agents makes the tenant, and every report names only its six agents', async () => {
    const server = await startMockServer({ now: NOW });
    try {
      const send = (method: 'GET' | 'PUT', path: string, body?: string) =>
        request(`${server.url}${path}`, {
          method,
          ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/yaml' } }),
        });
      const report = async (api: string) => {
        const response = await request(
          `${server.url}/api/v2/reports_manager.php?${new URLSearchParams({ api, ...MONDAY })}`,
          { headers: { 'wolkvox-token': DEMO_TOKEN } },
        );
        expect(response.statusCode, api).toBe(200);
        return ((await response.body.json()) as { data: Record<string, string>[] }).data;
      };
      // The default tenant first, so its answers are in the cache the scenario must drop.
      const before = await report('agent_1');
      expect(before.some((row) => !TEAM.has(row.agent_id!))).toBe(true);

      const set = await send('PUT', '/__mock/scenario', SIX_AGENTS);
      expect(set.statusCode).toBe(200);
      expect(await set.body.json()).toMatchObject({
        scenario: { volume: 300 },
        tenant: {
          agents: 6,
          skills: [
            { name: 'Soporte', channel: 'voice' },
            { name: 'Chat', channel: 'digital' },
          ],
          campaigns: [{ name: 'Seguimiento de casos' }],
          volume: 300,
          dailyQuota: 6000,
        },
      });

      const today = await report('agent_1');
      expect(new Map(today.map((row) => [row.agent_id, row.agent_name]))).toEqual(TEAM);
      for (const api of ['cdr_1', 'act_3', 'chat_1']) {
        for (const row of await report(api)) {
          if (row.agent_id) expect(TEAM.get(row.agent_id), `${api} ${row.agent_id}`).toBe(row.agent_name);
        }
      }
      const current = await send('GET', '/__mock/scenario');
      expect(current.statusCode).toBe(200);
      const state = (await current.body.json()) as { scenario: { agents: unknown[] }; tenant: unknown };
      expect(state.scenario.agents).toHaveLength(6);
      const tenant = (await (await send('GET', '/__mock/tenant')).body.json()) as { agents: unknown[] };
      expect(tenant.agents).toHaveLength(6);
    } finally {
      await server.close();
    }
  });

  it('reads JSON as well, and {} brings back the seeded default tenant byte for byte', async () => {
    const { app } = await mockApp();
    const fresh = await mockApp();
    const json = JSON.stringify({ volume: 200, staffing: { agents: 4 } }, null, 2);
    const set = await put(app, json, 'application/json');
    expect(set.statusCode, set.body).toBe(200);
    expect(JSON.parse(set.body).tenant).toMatchObject({ agents: 4, volume: 200, dailyQuota: 4000 });
    expect(await agentIds(app, 'agent_1')).toHaveProperty('size', 4);

    const back = await put(app, '{}', 'application/json');
    expect(JSON.parse(back.body)).toMatchObject({ scenario: {}, tenant: { volume: 1500 } });
    for (const api of ['agent_1', 'cdr_1', 'chat_1']) {
      const query = { api, ...MONDAY };
      expect((await call(app, 'reports_manager', query)).raw, api).toBe(
        (await call(fresh.app, 'reports_manager', query)).raw,
      );
    }
  });

  it('a volume or quota the emulator was started with wins over the scenario’s, as at start', async () => {
    const { app, control } = await mockApp({ volume: 100, dailyQuota: 50 });
    const set = await put(app, SIX_AGENTS);
    expect(JSON.parse(set.body).tenant).toMatchObject({ agents: 6, volume: 100, dailyQuota: 50 });
    expect(control.scenario().tenant.volume).toBe(100);
    expect(control.stats()[0]).toMatchObject({ quotaRemaining: 50 });
  });

  it('refuses a bad scenario with 400 naming each field, rule, line and column; the tenant stays', async () => {
    const { app } = await mockApp();
    await put(app, SIX_AGENTS);
    const before = (await call(app, 'reports_manager', { api: 'agent_1', ...MONDAY })).raw;

    const json = '{\n  "volume": 300,\n  "service": { "level": 1.5 }\n}\n';
    const refused = await put(app, json, 'application/json');
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body)).toEqual({
      code: 400,
      error: 'BAD REQUEST',
      msg: 'INVALID CONTROL REQUEST',
      data: null,
      detail: 'body:3:25: service.level: must be a share from 0 to 1',
      problems: [{ field: 'service.level', rule: 'must be a share from 0 to 1', hint: 'line 3, column 25' }],
    });

    const yaml = ['skils: []', 'volume: lots', 'staffing: { agents: 0 }', ''].join('\n');
    const body = JSON.parse((await put(app, yaml)).body);
    expect(body.detail.split('; ')).toEqual([
      'body:1:1: skils: is not a field the scenario reads here (misspelt?)',
      'body:2:9: volume: must be a number of calls a day from 0 to 50,000',
      'body:3:21: staffing.agents: must be at least 1',
    ]);
    expect(body.problems.map((problem: { field: string }) => problem.field)).toEqual([
      'skils',
      'volume',
      'staffing.agents',
    ]);
    // References are checked on the tenant a well-formed scenario makes, each at the place that names it.
    const team = ['agents:', '  - { id: "20001", shift: night, skills: [Soporte] }', ''].join('\n');
    expect(JSON.parse((await put(app, team)).body).detail.split('; ')).toEqual([
      expect.stringMatching(/^body:2:27: agents\[0\]\.shift: is not a shift: one of "morning"/),
      expect.stringMatching(/^body:2:43: agents\[0\]\.skills\[0\]: is not a skill: one of "Servicio/),
    ]);

    const syntax = JSON.parse((await put(app, 'skills:\n  - name: [Soporte\n')).body);
    expect(syntax.detail).toMatch(/^body:\d+:\d+: \S/);
    const empty = await put(app, '  \n');
    expect(empty.statusCode).toBe(400);
    expect(JSON.parse(empty.body).detail).toMatch(/^body: must be a scenario, YAML or JSON/);
    const list = JSON.parse((await put(app, '[1, 2]', 'application/json')).body);
    expect(list.detail).toMatch(/^body:1:1: /);

    // What was refused changed nothing.
    expect((await call(app, 'reports_manager', { api: 'agent_1', ...MONDAY })).raw).toBe(before);
  });

  it('answers 415 in the envelope for a body that is neither YAML nor JSON', async () => {
    const { app } = await mockApp();
    const answer = await put(app, '<scenario/>', 'application/xml');
    expect(answer.statusCode).toBe(415);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 415, data: null });
  });

  it('follows the other control routes: no token, no journal entry, a query string refused', async () => {
    const { app, control } = await mockApp();
    // No token is asked for, and one sent is not read.
    expect((await put(app, SIX_AGENTS)).statusCode).toBe(200);
    const withToken = await app.inject({
      method: 'PUT',
      url: '/__mock/scenario',
      headers: { 'content-type': 'application/yaml', 'wolkvox-token': 'not-a-token' },
      payload: SIX_AGENTS,
    });
    expect(withToken.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/__mock/scenario' })).statusCode).toBe(200);
    expect(control.journal()).toEqual([]);
    const query = await app.inject({
      method: 'PUT',
      url: '/__mock/scenario?volume=3',
      headers: { 'content-type': 'application/yaml' },
      payload: SIX_AGENTS,
    });
    expect(query.statusCode).toBe(400);
    expect(JSON.parse(query.body).detail).toMatch(/^query: .*volume/);
    // The reports keep their own rules: still a token to ask for them.
    expect((await call(app, 'reports_manager', { api: 'agent_1', ...MONDAY }, {})).status).toBe(401);
  });
});

describe('control.setScenario', () => {
  it('takes a value or a text, and refuses with every problem, changing nothing', async () => {
    const { app, control } = await mockApp();
    const state = control.setScenario({ staffing: { agents: 5 } });
    expect(state.tenant.agents).toBe(5);
    expect(await agentIds(app, 'agent_1')).toHaveProperty('size', 5);
    expect(control.setScenario(SIX_AGENTS, 'six-agents.yaml').tenant.agents).toBe(6);

    const refusal = (() => {
      try {
        control.setScenario({ volume: -1, service: { level: 2 } }, 'tenant');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ScenarioError);
    expect((refusal as ScenarioError).message).toBe(
      'invalid scenario: tenant: volume: must be a number of calls a day from 0 to 50,000; tenant: service.level: must be a share from 0 to 1',
    );
    expect(control.scenario().tenant.agents).toBe(6);
    expect(await agentIds(app, 'agent_1')).toEqual(new Set(TEAM.keys()));
  });
});
