import { WOLKVOX_ERRORS } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKEN } from '../src/index.js';
import { act3, call, inject, mockApp } from './helpers.js';

describe('success envelope', () => {
  it('answers {code, error: null, msg: "<N> records were found", data} with string values only', async () => {
    const { app } = await mockApp();
    const result = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'));
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    const { code, error, msg, data } = result.body;
    expect(code).toBe('200');
    expect(error).toBeNull();
    expect(data!.length).toBeGreaterThan(0);
    expect(msg).toBe(`${data!.length} records were found`);
    for (const row of data!) for (const value of Object.values(row)) expect(typeof value).toBe('string');
    expect(Object.keys(result.body)).toEqual(['code', 'error', 'msg', 'data']);
  });
});

describe('authentication', () => {
  it('401 PLEASE ENTER THE WOLKVOX-TOKEN without the header, in the envelope', async () => {
    const { app } = await mockApp();
    const result = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'), {});
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({
      code: 401,
      error: 'UNAUTHORIZED',
      msg: WOLKVOX_ERRORS.MISSING_TOKEN.msg,
      data: null,
    });
  });

  it('treats an empty or blank token as missing', async () => {
    const { app } = await mockApp();
    const result = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'), {
      'wolkvox-token': '   ',
    });
    expect(result.status).toBe(401);
  });

  it('403 PLEASE VALIDATE TOKEN for a token the tenant does not have', async () => {
    const { app } = await mockApp();
    const result = await call(app, 'reports_manager', act3('20250203000000', '20250203235959'), {
      'wolkvox-token': 'not-a-token',
    });
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({
      code: 403,
      error: 'FORBIDDEN',
      msg: 'PLEASE VALIDATE TOKEN',
      data: null,
    });
  });

  it('reads the header case-insensitively and ignores wolkvox_server', async () => {
    const { app } = await mockApp({ tokens: ['alpha', 'beta'] });
    for (const name of ['Wolkvox-Token', 'WOLKVOX-TOKEN', 'wolkvox-token']) {
      const result = await call(
        app,
        'real_time',
        { api: 'calls_last_10' },
        { [name]: 'beta', wolkvox_server: '0015' },
      );
      expect(result.status, name).toBe(200);
    }
    const demo = await call(app, 'real_time', { api: 'calls_last_10' }, { 'wolkvox-token': DEMO_TOKEN });
    expect(demo.status).toBe(403); // configured tokens replace the demo token
  });
});

describe('request errors', () => {
  it('400 THE API YOU WANT TO CONSULT DOES NOT EXIST for an unknown api, or a report of another family', async () => {
    const { app } = await mockApp();
    const unknown = await call(app, 'reports_manager', { api: 'act_99' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      code: 400,
      error: 'BAD REQUEST',
      msg: WOLKVOX_ERRORS.UNKNOWN_API.msg,
    });
    const wrongFamily = await call(app, 'real_time', act3('20250203000000', '20250203235959'));
    expect(wrongFamily.body.msg).toBe(WOLKVOX_ERRORS.UNKNOWN_API.msg);
    // An api of another family (calls_last_10 is real time) is unknown to the information family.
    const information = await call(app, 'information', { api: 'calls_last_10' });
    expect(information.body.msg).toBe(WOLKVOX_ERRORS.UNKNOWN_API.msg);
  });

  it('400 SOME PARAMETERS ARE REQUIRED with a detail naming the parameter and the rule', async () => {
    const { app } = await mockApp();
    const missing = await call(app, 'reports_manager', {
      api: 'campaign_7',
      date_ini: '20250203000000',
      date_end: '20250203235959',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.msg).toBe('SOME PARAMETERS ARE REQUIRED');
    expect(missing.body.detail).toBe('campaign_id: is required');

    // A date that is no calendar moment, in a window whose text runs backwards: both problems, in order.
    const malformed = await call(app, 'reports_manager', act3('20250230000000', '20250203235959'));
    expect(malformed.body.msg).toBe('SOME PARAMETERS ARE REQUIRED');
    expect(malformed.body.detail).toMatch(
      /^date_ini: not a real calendar date.*; date_end: must not be before/,
    );

    const reversed = await call(app, 'reports_manager', act3('20250204000000', '20250203000000'));
    expect(reversed.body.detail).toBe('date_end: must not be before date_ini');

    const badFilter = await call(
      app,
      'reports_manager',
      act3('20250203000000', '20250203235959', { cod_act: 'cod_act9' }),
    );
    expect(badFilter.body.detail).toMatch(/^cod_act: /);
  });

  it('sends the problems as a list too, after the keys wolkvox sends, each whole', async () => {
    const { app } = await mockApp();
    const missing = await call(app, 'reports_manager', { api: 'campaign_7', date_ini: '2025-02-03' });
    expect(Object.keys(missing.body)).toEqual(['code', 'error', 'msg', 'data', 'detail', 'problems']);
    expect(missing.body.problems).toEqual([
      { field: 'date_ini', rule: 'expected YYYYmmddHHiiss (14 digits, e.g. 20250201000000)' },
      { field: 'date_end', rule: 'is required' },
      { field: 'campaign_id', rule: 'is required' },
    ]);
    // The detail line says the same, problem by problem.
    expect(missing.body.detail).toBe(
      missing.body.problems!.map((problem) => `${problem.field}: ${problem.rule}`).join('; '),
    );
    // A window too long is a problem of date_end, with its hint whole (it holds a `;`).
    const long = await call(app, 'reports_manager', act3('20250101000000', '20250210000000'));
    expect(long.body.msg).toBe(WOLKVOX_ERRORS.WINDOW_TOO_LONG.msg);
    expect(long.body.problems).toEqual([
      {
        field: 'date_end',
        rule: 'is more than 31 days after date_ini',
        hint: 'one call covers at most 31 days; split the window',
      },
    ]);
    // Refusals that are not about the request's parameters carry no list.
    const unknown = await call(app, 'reports_manager', { api: 'act_99' });
    expect(unknown.body.problems).toBeUndefined();
  });

  it('reports a parameter given twice, and a missing or repeated api', async () => {
    const { app } = await mockApp();
    const twice = await inject(
      app,
      '/api/v2/reports_manager.php?api=act_3&date_ini=20250203000000&date_ini=20250204000000&date_end=20250204235959',
    );
    expect(twice.status).toBe(400);
    expect(twice.body.detail).toBe('date_ini: was given more than once');
    const noApi = await inject(app, '/api/v2/reports_manager.php?date_ini=20250203000000');
    expect(noApi.body).toMatchObject({
      code: 400,
      msg: 'SOME PARAMETERS ARE REQUIRED',
      detail: 'api: is required',
      problems: [{ field: 'api', rule: 'is required' }],
    });
    const twoApis = await inject(app, '/api/v2/reports_manager.php?api=act_3&api=chat_9');
    expect(twoApis.body.detail).toBe('api: was given more than once');
  });

  it('ignores parameters a report does not take, as the PHP endpoints do', async () => {
    const { app } = await mockApp();
    const plain = await call(app, 'reports_manager', {
      api: 'chat_9',
      date_ini: '20250203000000',
      date_end: '20250203235959',
    });
    const extra = await call(app, 'reports_manager', {
      api: 'chat_9',
      date_ini: '20250203000000',
      date_end: '20250203235959',
      foo: 'bar',
    });
    expect(extra.status).toBe(200);
    expect(extra.raw).toBe(plain.raw);
  });

  it('404 Validate dates entered for a window without records: an agent report on a Sunday', async () => {
    const { app } = await mockApp();
    const sunday = await call(app, 'reports_manager', act3('20250202000000', '20250202235959'));
    expect(sunday.status).toBe(404);
    expect(sunday.body).toMatchObject({
      code: 404,
      error: 'NOT FOUND',
      msg: 'Validate dates entered',
      data: null,
    });
    // The IVR still answers on Sundays.
    const ivr = await call(app, 'reports_manager', {
      api: 'diagram_1_2',
      date_ini: '20250202000000',
      date_end: '20250202235959',
    });
    expect(ivr.status).toBe(200);
  });

  it('404 for a window in the future: the emulator never reports what has not happened', async () => {
    const { app } = await mockApp();
    const future = await call(app, 'reports_manager', act3('20250206000000', '20250206235959'));
    expect(future.status).toBe(404);
    // Today is cut at the clock: nothing after 15:30.
    const today = await call(app, 'reports_manager', act3('20250205000000', '20250205235959'));
    expect(today.status).toBe(200);
    const last = today.body.data!.at(-1)!;
    expect(last.date <= '2025-02-05 15:30:00').toBe(true);
  });

  it('400 WINDOW_TOO_LONG past 31 days; exactly 31 days is allowed', async () => {
    const { app } = await mockApp();
    const ok = await call(app, 'reports_manager', {
      api: 'chat_9',
      date_ini: '20250101000000',
      date_end: '20250201000000',
    });
    expect(ok.status).toBe(200);
    const long = await call(app, 'reports_manager', {
      api: 'chat_9',
      date_ini: '20250101000000',
      date_end: '20250201000001',
    });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({
      code: 400,
      error: 'BAD REQUEST',
      msg: WOLKVOX_ERRORS.WINDOW_TOO_LONG.msg,
    });
    expect(long.body.detail).toContain('at most 31');
  });

  it('404 in the envelope for unknown paths and 405 for other methods on a report path', async () => {
    const { app } = await mockApp();
    const unknown = await inject(app, '/api/v2/unknown.php?api=act_3');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 404, error: 'NOT FOUND', data: null });
    const post = await app.inject({ method: 'POST', url: '/api/v2/reports_manager.php?api=act_3' });
    expect(post.statusCode).toBe(405);
    expect(JSON.parse(post.body)).toMatchObject({ code: 405, error: 'METHOD NOT ALLOWED', data: null });
    expect(post.headers.allow).toBe('GET');
  });

  it('answers a JSON body on a GET with the envelope, not Fastify’s error JSON', async () => {
    const { app } = await mockApp();
    const response = await app.inject({
      method: 'POST',
      url: '/__mock/clock',
      headers: { 'content-type': 'application/json' },
      payload: '{"advanceMs": ',
    });
    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ code: 400, error: 'BAD REQUEST', data: null });
    expect(body).not.toHaveProperty('statusCode');
  });
});
