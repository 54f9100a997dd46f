/**
 * The stdio reader in front of the SDK's transport: lines are split across chunks as a pipe delivers them, and a
 * line too long to read is answered to the id at either of its ends without being held.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JsonRpcRefusal } from './refusals.js';
import { idAtEnds, readMessages, STDIO_LINE_LIMIT } from './stdio.js';

function reader() {
  const stdin = new PassThrough();
  const passed: string[] = [];
  const answered: JsonRpcRefusal[] = [];
  const reported: string[] = [];
  let ended = false;
  readMessages(stdin, {
    pass: (line) => passed.push(line.toString('utf8')),
    answer: (reply) => answered.push(reply),
    onerror: (error) => reported.push(error.message),
    end: () => {
      ended = true;
    },
  });
  return { stdin, passed, answered, reported, ended: () => ended };
}

describe('the stdio reader', () => {
  it('passes the messages on, whole, however the chunks split them', () => {
    const { stdin, passed, answered } = reader();
    const ping = '{"jsonrpc":"2.0","id":1,"method":"ping"}';
    for (const part of [ping.slice(0, 10), ping.slice(10), '\r\n', ping, '\n\n   \n'.repeat(2)])
      stdin.write(part);
    expect(passed).toEqual([`${ping}\r\n`, `${ping}\n`]);
    expect(answered).toEqual([]);
  });

  it('answers a line too long to read without holding it, to the id at either end, and reads on', () => {
    const { stdin, passed, answered } = reader();
    const pad = 'x'.repeat(64 * 1024);
    const chunks = Math.ceil(STDIO_LINE_LIMIT / pad.length) + 1;
    stdin.write('{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":"');
    for (let i = 0; i < chunks; i++) stdin.write(pad);
    stdin.write('"}}\n{"jsonrpc":"2.0","id":8,"method":"ping"}\n');
    // The SDK's client writes its id last; a line in one chunk.
    stdin.write(
      `{"method":"ping","params":{"pad":"${'y'.repeat(STDIO_LINE_LIMIT)}"},"jsonrpc":"2.0","id":"last"}\n`,
    );
    expect(answered.map((reply) => [reply.id, reply.error.code])).toEqual([
      [7, -32_600],
      ['last', -32_600],
    ]);
    expect(answered[0]!.error.message).toBe(
      `Invalid Request: the message is longer than ${STDIO_LINE_LIMIT} bytes, the limit of one line on stdio; it was not read`,
    );
    expect(passed).toEqual(['{"jsonrpc":"2.0","id":8,"method":"ping"}\n']);
  });

  it('passes a line of exactly the limit on', () => {
    const { stdin, passed, answered } = reader();
    const start = '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"';
    const line = `${start}${'z'.repeat(STDIO_LINE_LIMIT - start.length - 3)}"}}`;
    expect(Buffer.byteLength(line)).toBe(STDIO_LINE_LIMIT);
    stdin.write(`${line}\n`);
    expect(answered).toEqual([]);
    expect(passed).toHaveLength(1);
  });

  it('answers a request of too many entries, and only reports a notification of them', () => {
    const { stdin, passed, answered, reported } = reader();
    const many = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, i]));
    stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: many })}\n`);
    stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: many })}\n`);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ id: 3, error: { code: -32_600 } });
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('more than 10000 entries');
    expect(passed).toEqual([]);
  });

  it('says when stdin has ended', () => {
    const { stdin, ended } = reader();
    stdin.end();
    stdin.resume();
    return new Promise<void>((resolve) =>
      stdin.on('end', () => {
        expect(ended()).toBe(true);
        resolve();
      }),
    );
  });
});

describe('the id of a line too long to read', () => {
  it.each([
    ['{"jsonrpc":"2.0","id":5,"method":"x","params":{', '', 5],
    ['{ "id" : "a\\"b", "method":', '', 'a"b'],
    ['{"method":"x"', ',"jsonrpc":"2.0","id":12}\r', 12],
    ['{"method":"x"', ',"id":-3.5 }  ', -3.5],
  ] as const)('is found at the ends %s … %s', (head, tail, id) => {
    expect(idAtEnds(head, tail)).toBe(id);
  });

  it.each([
    ['{"method":"x","params":{"id":5,', '"}}'],
    ['{"method":"x"', '{"id":4}}'],
    ['{"jsonrpc":"2.0","id":null,', ''],
    ['{"jsonrpc":"2.0","id":true,', ''],
  ])('is null when neither end has it at the top: %s … %s', (head, tail) => {
    expect(idAtEnds(head, tail)).toBeNull();
  });
});
