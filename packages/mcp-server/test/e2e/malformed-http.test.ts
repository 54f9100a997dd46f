/**
 * Malformed HTTP on the MCP transport (issue 11, finding 5): a Host header that is missing, empty or not
 * `host[:port]` (credentials, a path, an unclosed IPv6 bracket, longer than any DNS name) is refused 400 with a
 * JSON-RPC error, never Fastify's default 500, and the server keeps serving. Raw sockets, since fetch and
 * node:http always send a well-formed Host.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulator, RAW_INITIALIZE, startHttpServer } from '../helpers.js';

interface RawAnswer {
  status: number;
  body: string;
}

/** The status and body of one HTTP/1.1 answer in `text`, once it is complete (by Content-Length). */
function parseAnswer(text: string): RawAnswer | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = text.slice(0, end);
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? Number.NaN);
  const body = text.slice(end + 4);
  if (Number.isNaN(length) || Buffer.byteLength(body) < length) return undefined;
  return { status: Number(head.split(' ')[1]), body };
}

/**
 * Writes raw bytes and reads one answer: complete by its Content-Length, or else (a stream, as the SDK answers a
 * 2025-era request) whatever came when the server closed, the body still in its chunked framing.
 */
function exchange(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (answer: RawAnswer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const answer = parseAnswer(text);
      if (answer) done(answer);
    });
    socket.on('error', reject);
    socket.on('end', () =>
      done(
        parseAnswer(text) ?? {
          status: Number(text.split(' ')[1]),
          body: text.slice(text.indexOf('\r\n\r\n') + 4),
        },
      ),
    );
    socket.write(bytes);
  });
}

/** A POST of `body` to /mcp with the given header lines (Host among them, or not). */
function rawPost(port: number, head: string[], body = RAW_INITIALIZE): Promise<RawAnswer> {
  return exchange(
    port,
    [
      'POST /mcp HTTP/1.1',
      ...head,
      'Content-Type: application/json',
      'Accept: application/json, text/event-stream',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

describe('malformed Host on the MCP HTTP transport', () => {
  let mock: Awaited<ReturnType<typeof emulator>>;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let port: number;
  beforeAll(async () => {
    mock = await emulator();
    server = await startHttpServer({ mock });
    port = Number(new URL(server.url!).port);
  });
  afterAll(async () => {
    await server?.close();
    await mock?.close();
  });

  const malformed: [string, string[]][] = [
    ['credentials before the host', ['Host: evil@localhost']],
    ['credentials with a port', ['Host: user:pass@127.0.0.1:80']],
    ['no Host at all', []],
    ['an empty Host', ['Host: ']],
    ['an unclosed IPv6 bracket', ['Host: [::1']],
    ['a path after the host', ['Host: localhost/path']],
    ['a port out of range', ['Host: localhost:99999']],
    ['a port that is not a number', ['Host: localhost:abc']],
    ['a Host longer than any DNS name', [`Host: ${'a'.repeat(4000)}.localhost`]],
  ];

  it.each(malformed)('refuses %s with 400 and a JSON-RPC error, then still serves', async (_name, head) => {
    const answer = await rawPost(port, head);
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.body);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    expect(body.error.message).toMatch(/^Bad Request: the Host header /);
    // Nothing the client sent is echoed back.
    expect(answer.body).not.toContain('evil');
    expect(answer.body.length).toBeLessThan(300);

    const next = await rawPost(port, [`Host: 127.0.0.1:${port}`]);
    expect(next.status).toBe(200);
    expect(next.body).toContain('"serverInfo"');
  });

  it('still checks a well-formed Host against the allow-list (403)', async () => {
    const answer = await rawPost(port, ['Host: evil.example.com']);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('serves the allowed hosts with and without a port, IPv6 included', async () => {
    for (const host of ['localhost', `localhost:${port}`, '127.0.0.1', `[::1]:${port}`, '[::1]']) {
      expect((await rawPost(port, [`Host: ${host}`])).status, host).toBe(200);
    }
  });

  it('answers garbage that is not HTTP, and an unknown path, as JSON-RPC errors', async () => {
    const garbage = await exchange(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ jsonrpc: '2.0', id: null });

    const unknown = await exchange(
      port,
      `GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
  });
});
