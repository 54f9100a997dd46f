/**
 * The control API says what it has: `GET /__mock/` lists every control route with what it does (the banner prints
 * the same list), and every answer, of any route, carries the emulator's clock in the wolkvox-mock-now header.
 */
import { EMULATOR_CLOCK_HEADER } from '@wolkvox-mcp/contracts/http';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from '../src/index.js';
import { mockApp, NOW } from './helpers.js';

describe('the control API index', () => {
  it('answers GET /__mock/ and /__mock with every control route, each reachable as listed', async () => {
    const { app } = await mockApp();
    const index = await app.inject({ method: 'GET', url: '/__mock/' });
    expect(index.statusCode).toBe(200);
    const { routes } = index.json() as { routes: { method: string; path: string; does: string }[] };
    expect(routes.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'GET /',
      'GET /journal',
      'GET /stats',
      'POST /reset',
      'GET /tenant',
      'GET /scenario',
      'PUT /scenario',
      'GET /disabled-reports',
      'PUT /disabled-reports',
      'GET /clock',
      'POST /clock',
      'GET /faults',
      'POST /faults',
      'DELETE /faults',
      'DELETE /faults/:id',
    ]);
    for (const route of routes) expect(route.does.length).toBeGreaterThan(5);
    expect((await app.inject({ method: 'GET', url: '/__mock' })).json()).toEqual({ routes });
    // Every GET it lists answers 200 as listed (the others need a body and are checked by control-api.test.ts).
    for (const { path } of routes.filter((route) => route.method === 'GET' && route.path !== '/')) {
      expect((await app.inject({ method: 'GET', url: `/__mock${path}` })).statusCode, path).toBe(200);
    }
  });
});

describe('the clock header', () => {
  it("carries the emulator's clock on report answers, refusals, control answers and the OpenAPI document", async () => {
    const { app, control } = await mockApp({}, NOW);
    const at = new Date(NOW).toISOString();
    const answers = [
      await app.inject({
        url: '/api/v2/reports_manager.php?api=act_3&date_ini=20250204000000&date_end=20250204235959',
        headers: { 'wolkvox-token': DEMO_TOKEN },
      }),
      await app.inject({ url: '/api/v2/reports_manager.php?api=act_3' }),
      await app.inject({ url: '/nowhere' }),
      await app.inject({ url: '/__mock/clock' }),
      await app.inject({ url: '/openapi.json' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 404, 200, 200]);
    for (const answer of answers) expect(answer.headers[EMULATOR_CLOCK_HEADER]).toBe(at);
    control.advanceClock(86_400_000);
    const moved = await app.inject({ url: '/__mock/clock' });
    expect(moved.headers[EMULATOR_CLOCK_HEADER]).toBe(new Date(Date.parse(NOW) + 86_400_000).toISOString());
  });
});
