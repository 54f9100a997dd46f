import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly the documented values (the rest is types)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'DEMO_TOKEN',
      'MockOptionsError',
      'ScenarioError',
      'buildMockApp',
      'startMockServer',
      'tokenLabel',
    ]);
    expect(api.DEMO_TOKEN).toBe('wolkvox-demo-token');
    expect(api.tokenLabel(api.DEMO_TOKEN)).toMatch(/^tok_[0-9a-f]{8}$/);
  });

  it('starts on 127.0.0.1 and a free port by default, serves the demo token and closes', async () => {
    const server = await api.startMockServer({ now: '2025-02-05T15:30:00-05:00' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The clock starts where it was told to.
    expect(Math.abs(server.control.now().getTime() - Date.parse('2025-02-05T15:30:00-05:00'))).toBeLessThan(
      60_000,
    );
    const response = await request(
      `${server.url}/api/v2/reports_manager.php?api=diagram_1_2&date_ini=20250203000000&date_end=20250203235959`,
      { headers: { 'wolkvox-token': api.DEMO_TOKEN } },
    );
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    expect(server.control.journal()).toMatchObject([{ api: 'diagram_1_2', status: 200 }]);
    await server.close();
    await expect(request(`${server.url}/openapi.json`)).rejects.toThrow();
  });

  it('refuses rows() for unknown reports or invalid parameters', async () => {
    const { control } = await api.buildMockApp();
    expect(() => control.rows('nope', {})).toThrow(/unknown report/);
    expect(() => control.rows('act_3', { date_ini: 'x', date_end: '20250203000000' })).toThrow(/date_ini/);
  });
});
