/**
 * Client failures as the caller reads them: every kind of WolkvoxError becomes a sentence saying what happened and
 * what to change; anything else is said to be unexpected.
 */
import {
  WolkvoxAbortError,
  WolkvoxAuthError,
  WolkvoxConfigError,
  WolkvoxHttpError,
  WolkvoxLimitError,
  WolkvoxQuotaError,
  WolkvoxRequestError,
  WolkvoxValidationError,
} from '@wolkvox-mcp/client';
import { describe, expect, it } from 'vitest';
import { explainFailure } from '../../src/backend/errors.js';

const context = { report: 'act_3', tool: 'wolkvox_act_3', timeZone: 'America/Bogota' };
const window = { from: '2025-02-03 00:00:00', to: '2025-02-03 23:59:59' };

describe('explainFailure', () => {
  it.each([
    [
      new WolkvoxRequestError([{ parameter: 'date_end', rule: 'must not be before date_ini' }], {
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
    [new WolkvoxConfigError([{ parameter: 'server', rule: 'is required' }]), 'config', 'misconfigured'],
    [new RangeError('boom'), 'unexpected', 'failed unexpectedly: boom'],
  ])('%s', (error, kind, phrase) => {
    const failure = explainFailure(error, context);
    expect(failure.kind).toBe(kind);
    expect(failure.text).toContain(phrase);
  });

  it('recognises a subclass by its parent', () => {
    class RowCapError extends WolkvoxLimitError {}
    expect(explainFailure(new RowCapError('ROW_LIMIT', 'cap', {}), context).kind).toBe('limit');
  });
});
