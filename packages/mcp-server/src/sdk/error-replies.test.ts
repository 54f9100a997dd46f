/**
 * The bounds on what a reply quotes (src/sdk/error-replies.ts) and on a message's entries (src/sdk/refusals.ts).
 */
import { describe, expect, it } from 'vitest';
import { boundErrorReply, ERROR_TEXT_LIMIT } from './error-replies.js';
import { holdsMoreEntriesThan, tooManyEntries } from './refusals.js';

describe('an error reply', () => {
  it('is left as it is when it is short, and so is anything that is not an error', () => {
    const reply = {
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32_602, message: 'Tool x not found', data: { uri: 'a' } },
    };
    expect(boundErrorReply(reply)).toBe(reply);
    const result = { jsonrpc: '2.0', id: 1, result: { text: 'y'.repeat(100_000) } };
    expect(boundErrorReply(result)).toBe(result);
  });

  it('has its message cut, saying how long it was', () => {
    const bounded = boundErrorReply({
      jsonrpc: '2.0',
      id: 2,
      error: { code: -32_603, message: 'm'.repeat(90_000) },
    });
    expect(bounded.error.message).toBe(`${'m'.repeat(ERROR_TEXT_LIMIT)}… (cut: 90000 characters)`);
    expect(bounded).toMatchObject({ jsonrpc: '2.0', id: 2, error: { code: -32_603 } });
  });

  it("has its data's strings cut, and the data left out when even that is too long", () => {
    const long = 'u'.repeat(1_000_000);
    const cut = boundErrorReply({
      id: 3,
      error: { code: -32_602, message: `Resource not found: ${long}`, data: { uri: long } },
    });
    expect(cut.error.data).toEqual({ uri: `${'u'.repeat(200)}… (cut: 1000000 characters)` });
    expect(JSON.stringify(cut).length).toBeLessThan(3 * ERROR_TEXT_LIMIT);

    const wide = {
      issues: Array.from({ length: 1_000 }, (_, i) => ({ path: [`k${i}`], message: 'expected a string' })),
    };
    const dropped = boundErrorReply({ id: 4, error: { code: -32_603, message: 'Invalid', data: wide } });
    expect(dropped.error).toEqual({
      code: -32_603,
      message: expect.stringMatching(/^Invalid \(its data, \d+ characters, left out\)$/),
    });
  });
});

describe("a message's entries", () => {
  it('count object keys and array items at every depth, and stop at the limit', () => {
    expect(holdsMoreEntriesThan({ a: 1, b: [1, 2, { c: 3 }] }, 6)).toBe(false);
    expect(holdsMoreEntriesThan({ a: 1, b: [1, 2, { c: 3 }] }, 5)).toBe(true);
    expect(holdsMoreEntriesThan('text', 0)).toBe(false);
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(holdsMoreEntriesThan(deep, 10_000)).toBe(true);
  });

  it('above the limit, refuse the message to its id, naming the limit', () => {
    const many = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, i]));
    expect(tooManyEntries({ jsonrpc: '2.0', id: 'x', method: 'ping', params: many })).toEqual({
      jsonrpc: '2.0',
      id: 'x',
      error: {
        code: -32_600,
        message:
          'Invalid Request: the message holds more than 10000 entries (object keys and array items, at every depth), the limit of one message',
      },
    });
    expect(
      tooManyEntries({ jsonrpc: '2.0', id: 1, method: 'ping', params: { a: [1, 2, 3] } }),
    ).toBeUndefined();
  });
});
