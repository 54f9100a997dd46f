/**
 * Malformed HTTP on the emulator (issue 11, finding 5): a Host header that is missing (Node's own answer was a 400
 * with an empty body), empty or not `host[:port]` is refused 400 in wolkvox's envelope, and the emulator keeps
 * serving. Raw sockets, since fetch and node:http always send a well-formed Host.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOKEN, type MockServer, startMockServer } from '../src/index.js';
import { NOW } from './helpers.js';

interface RawAnswer {
  status: number;
  body: string;
}

/** Writes raw bytes and reads the answer until the emulator closes the connection. */
function exchange(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(bytes);
  });
}

/** A report call with the given header lines (Host among them, or not). */
function reportCall(port: number, head: string[], version = '1.1'): Promise<RawAnswer> {
  const path = '/api/v2/reports_manager.php?api=act_3&date_ini=20250203000000&date_end=20250203235959';
  return exchange(
    port,
    [
      `GET ${path} HTTP/${version}`,
      ...head,
      `wolkvox-token: ${DEMO_TOKEN}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
}

describe('malformed Host on the emulator', () => {
  let mock: MockServer;
  let port: number;
  beforeAll(async () => {
    mock = await startMockServer({ host: '127.0.0.1', port: 0, now: NOW });
    mock.control.freezeClock(NOW);
    port = Number(new URL(mock.url).port);
  });
  afterAll(async () => {
    await mock?.close();
  });

  const malformed: [string, string[], RegExp][] = [
    ['no Host at all', [], /required/],
    ['an empty Host', ['Host: '], /empty/],
    ['credentials before the host', ['Host: evil@localhost'], /host\[:port\]/],
    ['an unclosed IPv6 bracket', ['Host: [::1'], /host\[:port\]/],
    ['a path after the host', ['Host: localhost/path'], /host\[:port\]/],
    ['a port out of range', ['Host: localhost:70000'], /port/],
    ['a Host longer than any DNS name', [`Host: ${'a'.repeat(4000)}.localhost`], /longer than/],
  ];

  it.each(malformed)(
    'refuses %s with 400 in the envelope, then still serves',
    async (_name, head, detail) => {
      const answer = await reportCall(port, head);
      expect(answer.status).toBe(400);
      const body = JSON.parse(answer.body);
      expect(body).toMatchObject({ code: 400, error: 'BAD REQUEST', msg: 'BAD REQUEST', data: null });
      expect(body.detail).toMatch(detail);
      expect(answer.body).not.toContain('evil');

      const next = await reportCall(port, [`Host: 127.0.0.1:${port}`]);
      expect(next.status).toBe(200);
      expect(String(JSON.parse(next.body).code)).toBe('200');
    },
  );

  it('serves well-formed hosts, and HTTP/1.0 without a Host (it predates the header)', async () => {
    for (const host of ['localhost', `127.0.0.1:${port}`, '[::1]:80', 'api.wolkvox.example']) {
      expect((await reportCall(port, [`Host: ${host}`])).status, host).toBe(200);
    }
    expect((await reportCall(port, [], '1.0')).status).toBe(200);
  });

  it('journals no refused request: they never reach a route', async () => {
    const before = mock.control.journal().length;
    await reportCall(port, ['Host: evil@localhost']);
    expect(mock.control.journal().length).toBe(before);
  });
});
