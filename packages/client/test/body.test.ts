import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../src/body.js';

const batched = (text: string, batchBytes = 8) =>
  parseJsonBody(Buffer.from(text), { batchBytes, minBytes: 0 });

function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

const rows = [
  { conn_id: '1', agent_name: 'Ñandú Pérez', comments: 'dijo "hola", luego [colgó] {sin} razón \\\\ ok' },
  { conn_id: '2', agent_name: '李雷', comments: 'emoji 😀, comma, bracket ]' },
  { conn_id: '3', nested: [{ a: [1, 2, { data: [9] }] }], empty: '' },
  { conn_id: '4', comments: 'escaped quote \\" then, comma' },
];

describe('parseJsonBody', () => {
  it('gives exactly what JSON.parse gives, for envelopes, bare arrays and other JSON, whatever the batch size', () => {
    const texts = [
      JSON.stringify({ code: 200, error: null, msg: '4 records were found', data: rows }),
      JSON.stringify({ data: rows, code: '200', msg: 'data first', extra: { data: [1] } }),
      JSON.stringify({ code: 404, error: 'NOT FOUND', msg: 'Validate dates entered', data: null }),
      JSON.stringify({ msg: 'data', data: [] }),
      JSON.stringify({ data: [1], other: 'x', data2: [2] }),
      '{"data":[1,2],"data":[3,4,5]}',
      JSON.stringify(rows),
      `  \n ${JSON.stringify({ code: 200, data: rows })} \n`,
      '[]',
      '"just a string"',
      '42',
    ];
    for (const text of texts) {
      for (const batchBytes of [1, 8, 64, 1 << 20]) {
        expect(batched(text, batchBytes), `${text} @${batchBytes}`).toEqual(JSON.parse(text));
      }
    }
  });

  it('refuses what JSON.parse refuses: cut short, trailing garbage, bad commas, bad rows', () => {
    const whole = JSON.stringify({ code: 200, error: null, msg: 'x', data: rows });
    const broken = [
      whole.slice(0, Math.floor(whole.length / 2)),
      whole.slice(0, -1),
      `${whole} trailing`,
      '{"data":[1,,2]}',
      '{"data":[1,2,]}',
      '{"data":[,1]}',
      '{"data":[{"a":1}{"b":2}]}',
      '{"data":[1,2]]}',
      '{"data":[1,2}',
      '[1,2]]',
      '',
    ];
    for (const text of broken) {
      for (const batchBytes of [1, 4, 1 << 20]) {
        expect(
          outcome(() => batched(text, batchBytes)),
          text,
        ).toEqual(outcome(() => JSON.parse(text)));
      }
    }
  });

  it('matches JSON.parse on a large generated envelope parsed in real batches', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...rows[i % rows.length], n: String(i) }));
    const text = JSON.stringify({
      code: 200,
      error: null,
      msg: `${many.length} records were found`,
      data: many,
    });
    expect(parseJsonBody(Buffer.from(text), { batchBytes: 4096, minBytes: 0 })).toEqual(JSON.parse(text));
  });
});
