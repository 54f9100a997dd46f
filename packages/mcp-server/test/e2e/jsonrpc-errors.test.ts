/**
 * JSON-RPC error codes at the protocol boundary, through the SDK v2 client in process and the built bin over
 * stdio: a resource that does not exist, prompt arguments the caller got wrong, names that are Object.prototype's
 * members, and lines that are not JSON-RPC messages.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSource } from '../../src/backend/source.js';
import { MAX_MESSAGE_ENTRIES } from '../../src/sdk/refusals.js';
import { STDIO_LINE_LIMIT } from '../../src/sdk/stdio.js';
import { BIN, CLIENT_INFO, connectInMemory } from '../helpers.js';

const INVALID_PARAMS = -32_602;

/** Never asked: these requests fail before any report runs. */
const source: ReportSource = {
  timeZone: 'America/Bogota',
  report: () => Promise.reject(new Error('no report is run by these tests')),
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function connect() {
  const client = await connectInMemory({ source, sourceKind: 'wolkvox' });
  closers.push(() => client.close());
  return client;
}

/** The JSON-RPC error a request was answered with. */
async function errorOf(
  request: Promise<unknown>,
): Promise<{ code: number; message: string; data?: unknown }> {
  const error = await request.then(
    () => expect.fail('expected a JSON-RPC error'),
    (reason: unknown) => reason as { code: number; message: string; data?: unknown },
  );
  return error;
}

describe('JSON-RPC errors in process', () => {
  it("answers a report schema that does not exist as resource not found (-32602 with the URI, the spec's code)", async () => {
    const client = await connect();
    const uri = 'wolkvox://reports/no_such_report';
    const error = await errorOf(client.readResource({ uri }));
    expect(error.code).toBe(INVALID_PARAMS);
    expect(error.data).toEqual({ uri });
    expect(error.message).toContain('No report "no_such_report"');
  });

  it('answers prompt arguments the caller got wrong as invalid params, naming the rule', async () => {
    const client = await connect();
    const error = await errorOf(
      client.getPrompt({ name: 'daily_operation_summary', arguments: { date: 'last_week' } }),
    );
    expect(error.code).toBe(INVALID_PARAMS);
    expect(error.message).toContain('date: expected a day as YYYY-MM-DD');
    const missing = await errorOf(client.getPrompt({ name: 'daily_operation_summary', arguments: {} }));
    expect(missing.code).toBe(INVALID_PARAMS);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers the tool and prompt %s as not found, not disabled',
    async (name) => {
      const client = await connect();
      const tool = await errorOf(client.callTool({ name, arguments: {} }));
      expect(tool.code).toBe(INVALID_PARAMS);
      expect(tool.message).toContain(`Tool ${name} not found`);
      const prompt = await errorOf(client.getPrompt({ name, arguments: {} }));
      expect(prompt.code).toBe(INVALID_PARAMS);
      expect(prompt.message).toContain(`Prompt ${name} not found`);
    },
  );

  it('still finds what it registered', async () => {
    const client = await connect();
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('run_report');
    const prompt = await client.getPrompt({
      name: 'daily_operation_summary',
      arguments: { date: '2025-02-03' },
    });
    expect(JSON.stringify(prompt.messages)).toContain('2025-02-03');
    const schema = await client.readResource({ uri: 'wolkvox://reports/act_3' });
    expect(schema.contents[0]).toMatchObject({ uri: 'wolkvox://reports/act_3' });
  });
});

/** An `initialize` request (id 1) as one stdio line. */
const INITIALIZE_LINE = `${JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: CLIENT_INFO },
})}\n`;

/** The built bin on stdio, its replies parsed as they come. */
function spawnBin() {
  const child = spawn(process.execPath, [BIN], {
    env: { PATH: process.env.PATH ?? '', WOLKVOX_LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout });
  const replies: Record<string, any>[] = [];
  lines.on('line', (line) => replies.push(JSON.parse(line)));
  return { child, lines, replies };
}

describe('the built bin over stdio', () => {
  beforeAll(() => {
    if (!existsSync(BIN))
      throw new Error(`${BIN} is missing: build first (pnpm --filter @wolkvox-mcp/mcp-server build)`);
  });

  it('answers a line that is not JSON with -32700 (id null) and JSON that is not a message with -32600', async () => {
    const { child, lines, replies } = spawnBin();
    try {
      child.stdin.write('{"jsonrpc": "2.0", "method": \n');
      child.stdin.write('42\r\n');
      child.stdin.write('{"jsonrpc":"2.0","id":7,"method":{"not":"a name"}}\n');
      // A well-formed request after them is still served: the connection survived.
      child.stdin.write(INITIALIZE_LINE);
      while (replies.length < 4) await once(lines, 'line');
      expect(replies[0]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32_700 } });
      expect(replies[1]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32_600 } });
      // A message with a usable id but no valid shape: answered to that id.
      expect(replies[2]).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32_600 } });
      expect(replies[3]).toMatchObject({
        jsonrpc: '2.0',
        id: 1,
        result: { serverInfo: { name: 'wolkvox-mcp' } },
      });
    } finally {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    }
  }, 20_000);

  it(`answers a line over ${STDIO_LINE_LIMIT} bytes with -32600 to its id and keeps serving; refuses a message of too many entries`, async () => {
    const { child, lines, replies } = spawnBin();
    const pad = 'x'.repeat(STDIO_LINE_LIMIT);
    const many = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    try {
      // As the SDK's client writes a request (its id last), and as others do (the id first).
      child.stdin.write(
        `{"method":"tools/call","params":{"name":"run_report","arguments":{"pad":"${pad}"}},"jsonrpc":"2.0","id":41}\n`,
      );
      child.stdin.write(`{"jsonrpc":"2.0","id":"first","method":"ping","params":{"pad":"${pad}"}}\r\n`);
      // Too many entries: a request is answered, a notification never is.
      child.stdin.write(
        `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/roots/list_changed', params: many })}\n`,
      );
      child.stdin.write(
        `${JSON.stringify({ jsonrpc: '2.0', id: 42, method: 'tools/call', params: { name: 'run_report', arguments: many } })}\n`,
      );
      // Served after all of them: the connection survived.
      child.stdin.write(INITIALIZE_LINE);
      while (!replies.some((reply) => reply.id === 1)) await once(lines, 'line');
      expect(replies.map((reply) => reply.id)).toEqual([41, 'first', 42, 1]);
      for (const reply of replies.slice(0, 2)) {
        expect(reply.error.code).toBe(-32_600);
        expect(reply.error.message).toContain(`longer than ${STDIO_LINE_LIMIT} bytes`);
      }
      expect(replies[2]!.error).toMatchObject({ code: -32_600 });
      expect(replies[2]!.error.message).toContain(`more than ${MAX_MESSAGE_ENTRIES} entries`);
      expect(replies[3]).toMatchObject({ result: { serverInfo: { name: 'wolkvox-mcp' } } });
    } finally {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    }
  }, 30_000);
});
