import { getReport, wallTimeAt } from '@wolkvox-mcp/contracts';
import { describe, expect, it } from 'vitest';
import { WolkvoxAuthError, WolkvoxHttpError, WolkvoxQuotaError, WolkvoxRequestError } from '../src/errors.js';
import { type Answer, interpretAnswer, nextTenantMidnight, UNPARSABLE } from '../src/response.js';

const act3 = getReport('act_3')!;
const window = { from: '2025-01-01 00:00:00', to: '2025-01-31 23:59:59' };
const NOW = Date.parse('2025-03-10T15:00:00Z'); // 10:00 in Bogota
const context = { report: act3, window, timeZone: 'America/Bogota', now: NOW };
const envelope = (code: number | string, error: string | null, msg: string, extra: object = {}) => ({
  code,
  error,
  msg,
  data: null,
  ...extra,
});

function failure(answer: Answer) {
  if (answer.kind !== 'failed') throw new Error(`expected a failure, got ${answer.kind}`);
  return answer;
}

describe('interpretAnswer', () => {
  it('takes rows whatever the spelling of a success code: 200, "200", "0"', () => {
    for (const code of [200, '200', '0']) {
      expect(
        interpretAnswer(
          context,
          200,
          {},
          { code, error: null, msg: '1 records were found', data: [{ a: '1' }] },
        ),
      ).toEqual({
        kind: 'rows',
        rows: [{ a: '1' }],
      });
    }
  });

  it('reads 404 "Validate dates entered" as an empty window, not a failure', () => {
    expect(interpretAnswer(context, 404, {}, envelope(404, 'NOT FOUND', 'Validate dates entered'))).toEqual({
      kind: 'empty',
    });
  });

  it('believes the envelope when HTTP says 200 but the code is a refusal', () => {
    const answer = failure(
      interpretAnswer(context, 200, {}, envelope('403', 'FORBIDDEN', 'PLEASE VALIDATE TOKEN')),
    );
    expect(answer.error).toBeInstanceOf(WolkvoxAuthError);
    expect(answer.error.status).toBe(403);
  });

  it('maps auth refusals to WolkvoxAuthError, not transient', () => {
    for (const [status, msg, code] of [
      [401, 'PLEASE ENTER THE WOLKVOX-TOKEN', 'MISSING_TOKEN'],
      [403, 'PLEASE VALIDATE TOKEN', 'INVALID_TOKEN'],
    ] as const) {
      const { error } = failure(interpretAnswer(context, status, {}, envelope(status, 'X', msg)));
      expect(error).toBeInstanceOf(WolkvoxAuthError);
      expect(error).toMatchObject({
        code,
        status,
        wolkvoxMsg: msg,
        report: 'act_3',
        window,
        transient: false,
      });
    }
  });

  it('gives the quota reset from Retry-After, else the tenant’s next midnight', () => {
    const body = envelope(403, 'FORBIDDEN', 'TOKEN LIMIT EXCEEDED');
    const withHeader = failure(interpretAnswer(context, 403, { 'retry-after': '3600' }, body)).error;
    expect(withHeader).toBeInstanceOf(WolkvoxQuotaError);
    expect((withHeader as WolkvoxQuotaError).resetsAt.getTime()).toBe(NOW + 3_600_000);
    expect(withHeader.transient).toBe(false);

    const without = failure(interpretAnswer(context, 403, {}, body)).error as WolkvoxQuotaError;
    expect(without.resetsAt.toISOString()).toBe('2025-03-11T05:00:00.000Z');
    expect(without.message).toContain('2025-03-11T05:00:00.000Z');
  });

  it('marks concurrency refusals, timeouts and 5xx transient; unknown 4xx not', () => {
    const concurrency = failure(
      interpretAnswer(
        context,
        403,
        {},
        envelope(403, 'FORBIDDEN', 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)'),
      ),
    );
    expect(concurrency.error).toMatchObject({ code: 'CONCURRENCY', transient: true });
    expect(
      failure(
        interpretAnswer(
          context,
          504,
          {},
          envelope(504, 'GATEWAY TIMEOUT', 'THE QUERY EXCEEDED THE 60 SECONDS LIMIT'),
        ),
      ).error,
    ).toMatchObject({ code: 'TIMEOUT', transient: true });
    const busy = failure(
      interpretAnswer(context, 503, { 'retry-after': '2' }, envelope(503, 'X', 'SERVICE UNAVAILABLE')),
    );
    expect(busy.error).toMatchObject({ code: 'HTTP_503', transient: true });
    expect(busy.retryAfterMs).toBe(2000);
    expect(failure(interpretAnswer(context, 418, {}, envelope(418, 'X', 'TEAPOT'))).error).toMatchObject({
      code: 'HTTP_418',
      transient: false,
    });
  });

  /** The problems of a refusal of the request with these extra envelope keys. */
  const refused = (extra: object) => {
    const body = envelope(400, 'BAD REQUEST', 'SOME PARAMETERS ARE REQUIRED', extra);
    const { error } = failure(interpretAnswer(context, 400, {}, body));
    expect(error).toBeInstanceOf(WolkvoxRequestError);
    return (error as WolkvoxRequestError).problems;
  };

  it("reads the emulator's problems list whole: a rule holding ; and : and a hint survive", () => {
    const problems = [
      { field: 'date_ini', rule: 'is required' },
      { field: 'cod_act', rule: 'expected one of: cod_act1; cod_act2', hint: 'see: list; the docs' },
    ];
    // The detail says the same in one line; the list is what is read.
    expect(refused({ detail: 'date_ini: is required; cod_act: ...', problems })).toEqual(problems);
  });

  it("copes with wolkvox's own refusal (no list): its message is the rule, a detail is kept as the hint", () => {
    expect(refused({})).toEqual([{ field: '(request)', rule: 'SOME PARAMETERS ARE REQUIRED' }]);
    expect(refused({ detail: 'date_ini: is required; cod_act: x' })).toEqual([
      { field: '(request)', rule: 'SOME PARAMETERS ARE REQUIRED', hint: 'date_ini: is required; cod_act: x' },
    ]);
    // A list that is not one (empty, or items without a rule) is not read as one.
    for (const problems of [[], [{ field: 'cod_act' }], 'cod_act: x', null]) {
      expect(refused({ problems })).toEqual([{ field: '(request)', rule: 'SOME PARAMETERS ARE REQUIRED' }]);
    }
  });

  it('asks for a narrower window on size and window-length refusals', () => {
    expect(
      interpretAnswer(
        context,
        413,
        {},
        envelope(413, 'PAYLOAD TOO LARGE', 'THE RESULT EXCEEDS THE 256 MB LIMIT, REDUCE THE DATE RANGE'),
      ).kind,
    ).toBe('too-large');
    expect(interpretAnswer(context, 413, {}, UNPARSABLE).kind).toBe('too-large');
    expect(
      interpretAnswer(
        context,
        400,
        {},
        envelope(400, 'BAD REQUEST', 'THE DATE RANGE EXCEEDS THE ALLOWED DAYS PER QUERY'),
      ).kind,
    ).toBe('too-long');
  });

  it('retries a 2xx body that does not parse (cut short), not a 4xx one', () => {
    expect(failure(interpretAnswer(context, 200, {}, UNPARSABLE)).error).toMatchObject({
      code: 'INVALID_BODY',
      transient: true,
    });
    const html = failure(interpretAnswer(context, 403, {}, UNPARSABLE)).error;
    expect(html).toBeInstanceOf(WolkvoxHttpError);
    expect(html.transient).toBe(false);
  });

  it('reads `data` of another shape than documented as rows, and says so', () => {
    const success = (data: unknown) => ({ code: '200', error: null, msg: 'x', data });
    expect(interpretAnswer(context, 200, {}, success({ a: '1' }))).toEqual({
      kind: 'rows',
      rows: [{ a: '1' }],
      envelope: 'data-object',
    });
    expect(interpretAnswer(context, 200, {}, success(null))).toEqual({
      kind: 'rows',
      rows: [],
      envelope: 'data-missing',
    });
    const server = { ...context, report: getReport('info_server')!, window: undefined };
    expect(interpretAnswer(server, 200, {}, success({ a: '1' }))).toEqual({
      kind: 'rows',
      rows: [{ a: '1' }],
    });
    expect(interpretAnswer(server, 200, {}, success([{ a: '1' }]))).toEqual({
      kind: 'rows',
      rows: [{ a: '1' }],
      envelope: 'data-list',
    });
  });

  it('reads a 404 without an envelope as an empty window, marked as drift', () => {
    expect(interpretAnswer(context, 404, {}, UNPARSABLE)).toEqual({ kind: 'empty', envelope: 'bare-404' });
  });
});

describe('nextTenantMidnight', () => {
  it('is the next midnight on the tenant’s wall clock', () => {
    const at = nextTenantMidnight(NOW, 'America/Bogota');
    expect(at.toISOString()).toBe('2025-03-11T05:00:00.000Z');
    const tokyo = nextTenantMidnight(NOW, 'Asia/Tokyo');
    expect(wallTimeAt(tokyo, 'Asia/Tokyo') % 86_400_000).toBe(0);
    expect(tokyo.getTime()).toBeGreaterThan(NOW);
  });
});
