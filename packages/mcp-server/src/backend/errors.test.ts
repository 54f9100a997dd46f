/**
 * Client failures as the caller reads them: every kind of WolkvoxError becomes a sentence saying what happened and
 * what to change, told apart by the error's declared `kind`; anything else is said to be unexpected.
 */
import {
  WOLKVOX_ERROR_KINDS,
  WolkvoxAbortError,
  WolkvoxAuthError,
  WolkvoxClosedError,
  WolkvoxConfigError,
  WolkvoxDeadlineError,
  WolkvoxHttpError,
  WolkvoxLimitError,
  WolkvoxQuotaError,
  WolkvoxRequestError,
  WolkvoxValidationError,
} from '@wolkvox-mcp/client';
import { describe, expect, it } from 'vitest';
import { explainFailure } from './errors.js';

const context = { report: 'act_3', tool: 'wolkvox_act_3', timeZone: 'America/Bogota' };
const window = { from: '2025-02-03 00:00:00', to: '2025-02-03 23:59:59' };

const CLIENT_ERRORS = [
  [
    new WolkvoxRequestError([{ field: 'date_end', rule: 'must not be before date_ini' }], {
      report: 'act_3',
    }),
    'request',
    'Change: to: must not be before date_ini',
  ],
  [
    new WolkvoxAuthError('AUTH', 'refused', { status: 403, wolkvoxMsg: 'PLEASE VALIDATE TOKEN' }),
    'auth',
    'WOLKVOX_TOKEN',
  ],
  [
    new WolkvoxQuotaError('quota', new Date('2025-02-04T05:00:00Z'), { status: 403 }),
    'quota',
    'resets at 2025-02-04 00:00 America/Bogota (2025-02-04T05:00:00.000Z)',
  ],
  [
    new WolkvoxLimitError('ROW_LIMIT', 'too many rows in one second', { window }),
    'limit',
    'Narrow the window',
  ],
  [new WolkvoxHttpError('HTTP', 'bad gateway', { status: 502, window }), 'http', '(HTTP 502)'],
  [
    new WolkvoxValidationError('act_3', [{ row: 0, field: 'agent_name', message: 'required' }]),
    'validation',
    'contract',
  ],
  [new WolkvoxAbortError('act_3'), 'aborted', 'cancelled'],
  [
    new WolkvoxDeadlineError('act_3', { deadlineMs: 50_000, windowsDone: 1, windowsTotal: 3, requests: 2 }),
    'deadline',
    'within the 50 s this server gives one call (1 of 3 windows answered)',
  ],
  [new WolkvoxConfigError([{ field: 'server', rule: 'is required' }]), 'config', 'misconfigured'],
  [new WolkvoxClosedError('act_3'), 'closed', 'shutting down'],
] as const;

describe('explainFailure', () => {
  it.each(CLIENT_ERRORS)('%s', (error, kind, phrase) => {
    const failure = explainFailure(error, context);
    expect(error.kind).toBe(kind);
    expect(failure.kind).toBe(kind);
    expect(failure.text).toContain(phrase);
  });

  it('explains every kind the client declares', () => {
    expect(CLIENT_ERRORS.map(([, kind]) => kind).sort()).toEqual([...WOLKVOX_ERROR_KINDS].sort());
  });

  it('names the window, what wolkvox said, and a hint of the rule', () => {
    const refused = new WolkvoxRequestError(
      [{ field: 'campaign_id', rule: 'is required', hint: 'list_reports names the campaigns' }],
      { report: 'act_3', window, wolkvoxMsg: 'SOME PARAMETERS ARE REQUIRED' },
    );
    expect(explainFailure(refused, context).text).toBe(
      'wolkvox_act_3: the request was refused (window 2025-02-03 00:00:00 to 2025-02-03 23:59:59). Change: ' +
        'campaign_id: is required (list_reports names the campaigns). wolkvox said: "SOME PARAMETERS ARE REQUIRED".',
    );
  });

  it("quotes wolkvox's message once, cut with its length, and no path of this machine", () => {
    const said = 'M'.repeat(300_000);
    const refused = new WolkvoxHttpError('HTTP_400', `act_3 2025-02-03: wolkvox answered 400 ${said}`, {
      status: 400,
      window,
      wolkvoxMsg: said,
    });
    const { text } = explainFailure(refused, context);
    expect(text.length).toBeLessThan(2_000);
    expect(text.match(/M{500}… \(cut: 300000 characters\)/g)).toHaveLength(1);
    expect(text).toMatch(/wolkvox answered 400 M+… \(cut: 300000 characters\)\. It was not retried/);
    // Said once: the client's message already quotes it.
    expect(text).not.toContain('wolkvox said');
    // A message the client did not quote is said once, cut all the same.
    const auth = new WolkvoxAuthError('INVALID_TOKEN', 'refused', { status: 403, wolkvoxMsg: said });
    expect(explainFailure(auth, context).text).toMatch(
      / wolkvox said: "M{500}… \(cut: 300000 characters\)"\./,
    );
    const network = new WolkvoxHttpError(
      'NETWORK',
      'act_3: the connection to wolkvox failed (ENOENT): connect ENOENT /run/user/1000/wolkvox.sock',
      { transient: true },
    );
    expect(explainFailure(network, context).text).toContain('connect ENOENT <path>.');
    expect(explainFailure(new Error(`EACCES: open '/home/ana/x/y.json'`), context).text).toContain(
      "EACCES: open '<path>'",
    );
  });

  it('answers a connection failure by the settings that name the server, never the parameters', () => {
    const unresolved = new WolkvoxHttpError(
      'NETWORK',
      'act_3 2025-02-03 - 2025-02-03: the connection to wolkvox failed (ENOTFOUND): getaddrinfo ENOTFOUND wv9999.wolkvox.com',
      { window, transient: false },
    );
    const dns = explainFailure(unresolved, context).text;
    expect(dns).toContain("The wolkvox server's name could not be resolved for act_3");
    expect(dns).toContain('getaddrinfo ENOTFOUND wv9999.wolkvox.com');
    expect(dns).toContain('Check WOLKVOX_SERVER');
    expect(dns).toContain('WOLKVOX_BASE_URL');
    expect(dns).not.toContain('check its parameters');
    const refused = Object.assign(
      new WolkvoxHttpError(
        'NETWORK',
        'act_3: the connection to wolkvox failed (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:9',
        {
          transient: true,
        },
      ),
      { attempts: 3 },
    );
    const down = explainFailure(refused, context).text;
    expect(down).toMatch(
      /^The connection to wolkvox failed \(3 attempts\) for act_3: .*ECONNREFUSED.*The request itself is not at fault: check WOLKVOX_SERVER/,
    );
    const tls = new WolkvoxHttpError(
      'NETWORK',
      'act_3: the connection to wolkvox failed (DEPTH_ZERO_SELF_SIGNED_CERT): self-signed certificate',
      {
        transient: false,
      },
    );
    expect(explainFailure(tls, context).text).toContain('does not trust the server');
  });

  it('recognises a subclass by its parent', () => {
    class RowCapError extends WolkvoxLimitError {}
    expect(explainFailure(new RowCapError('ROW_LIMIT', 'cap', {}), context).kind).toBe('limit');
  });

  it('takes the caller aborting as a cancellation, and anything else as unexpected', () => {
    expect(explainFailure(new DOMException('gone', 'AbortError'), context).kind).toBe('aborted');
    const unexpected = explainFailure(new RangeError('boom'), context);
    expect(unexpected).toEqual({
      kind: 'unexpected',
      text: 'wolkvox_act_3 failed unexpectedly: boom. No partial result is shown; trying again may help.',
    });
    // A `kind` the client does not declare is not a client error, whatever its value says.
    expect(explainFailure(Object.assign(new Error('odd'), { kind: 'weird' }), context).kind).toBe(
      'unexpected',
    );
    expect(explainFailure('a string', context).text).toContain('failed unexpectedly: a string.');
  });
});
