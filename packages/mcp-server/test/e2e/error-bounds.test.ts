/**
 * Every protocol error stays within the 50,000-character bound of a reply, whatever the caller sent: unknown tool,
 * prompt and resource names of 3 MB are cut before they are quoted, the SDK's own refusals are cut, and a message
 * with more entries than one may hold is refused before anything validates it, on HTTP (raw and through the SDK's
 * client) and in process. (stdio: jsonrpc-errors.test.ts, through the built bin.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSource } from '../../src/backend/source.js';
import { MAX_MESSAGE_ENTRIES } from '../../src/sdk/refusals.js';
import { LOOKUP_LIMIT } from '../../src/sdk/unknown-names.js';
import { createWolkvoxMcpServer } from '../../src/server.js';
import { connectInMemory, connectV2Http, startHttpServer } from '../helpers.js';
import { modernEnvelope, type RawSession, rawSession } from '../raw-jsonrpc.js';

/** The bound every reply keeps (text plus structured content, or a whole error). */
const REPLY_BOUND = 50_000;
const HUGE = 'x'.repeat(3_000_000);

/** Never asked: these requests fail before any report runs. */
const source: ReportSource = {
  timeZone: 'America/Bogota',
  report: () => Promise.reject(new Error('no report is run by these tests')),
};

describe('protocol errors in process', () => {
  let session: RawSession;
  beforeAll(async () => {
    session = await rawSession(createWolkvoxMcpServer({ source, sourceKind: 'wolkvox' }).server);
  });
  afterAll(() => session?.close());

  const huge: [string, string, Record<string, unknown>, RegExp][] = [
    [
      'a tool',
      'tools/call',
      { name: HUGE, arguments: {} },
      /^Tool x+… \(cut: 3000000 characters\) not found$/,
    ],
    ['a prompt', 'prompts/get', { name: HUGE }, /^Prompt x+… \(cut: 3000000 characters\) not found$/],
    [
      "a prompt's completion",
      'completion/complete',
      { ref: { type: 'ref/prompt', name: HUGE }, argument: { name: 'date', value: '' } },
      /^Prompt x+… \(cut: 3000000 characters\) not found$/,
    ],
    [
      "a resource template's completion",
      'completion/complete',
      { ref: { type: 'ref/resource', uri: HUGE }, argument: { name: 'id', value: '' } },
      /^Resource template x+… \(cut: 3000000 characters\) not found$/,
    ],
    ['a resource', 'resources/read', { uri: HUGE }, /^Resource not found: x+… \(cut: 3000000 characters\)$/],
    [
      'a report schema',
      'resources/read',
      { uri: `wolkvox://reports/${HUGE}` },
      /^Resource not found: wolkvox:\/\/reports\/x+… \(cut: 3000018 characters\)$/,
    ],
    [
      'a table',
      'resources/read',
      { uri: `wolkvox://tables/${HUGE}` },
      /^Resource not found: wolkvox:\/\/tables\/x+… \(cut: 3000017 characters\)$/,
    ],
  ];

  it.each(huge)(
    'answers %s named in 3 MB as not found, the name cut',
    async (_what, method, params, said) => {
      const text = await session.reply(method, params);
      expect(text.length).toBeLessThan(2_000);
      const { error } = JSON.parse(text);
      expect(error.code).toBe(-32_602);
      expect(error.message).toMatch(said);
    },
  );

  it("cuts the SDK's refusal of prompt arguments that are not strings, however many", async () => {
    const args = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`a${i}`, i]));
    const text = await session.reply('prompts/get', { name: 'daily_operation_summary', arguments: args });
    expect(text.length).toBeLessThan(REPLY_BOUND);
    expect(JSON.parse(text).error.message).toMatch(/… \(cut: \d+ characters\)$/);
  });

  it('finds every name and URI of its surface within the lookup limit, so that a longer one is surely unknown', async () => {
    const client = await connectInMemory({ source, sourceKind: 'wolkvox', toolsets: 'all' });
    try {
      const names = [
        ...(await client.listTools()).tools.map((tool) => tool.name),
        ...(await client.listPrompts()).prompts.map((prompt) => prompt.name),
        ...(await client.listResources()).resources.map((resource) => resource.uri),
        ...(await client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate),
      ];
      expect(names.length).toBeGreaterThan(130);
      for (const name of names) expect(name.length, name).toBeLessThanOrEqual(LOOKUP_LIMIT);
      // One just within the limit is looked up as any other.
      await expect(client.callTool({ name: 'y'.repeat(LOOKUP_LIMIT), arguments: {} })).rejects.toThrow(
        `Tool ${'y'.repeat(LOOKUP_LIMIT)} not found`,
      );
    } finally {
      await client.close();
    }
  });
});

describe('over HTTP', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let url: string;
  beforeAll(async () => {
    // No report runs: wolkvox is never asked.
    server = await startHttpServer({ mock: { url: 'http://127.0.0.1:9' } });
    url = server.url!;
  });
  afterAll(() => server?.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it("cuts the SDK's refusal of an unsupported protocol version that it quotes", async () => {
    const response = await post({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/list',
      params: { _meta: modernEnvelope(HUGE) },
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(REPLY_BOUND);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ id: 3, error: { code: -32_022 } });
    expect(body.error.message).toMatch(/^Unsupported protocol version: x+… \(cut: 3000030 characters\)$/);
    expect(body.error.data.requested).toMatch(/^x+… \(cut: 3000000 characters\)$/);
  });

  it('answers a 3 MB tool name as not found, cut, on the SSE stream of a 2025-era call', async () => {
    const response = await post({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: HUGE } });
    const text = await response.text();
    expect(text.length).toBeLessThan(2_000);
    expect(text).toContain('not found');
    expect(text).toContain('(cut: 3000000 characters)');
  });

  it(`refuses a message of more than ${MAX_MESSAGE_ENTRIES} entries before it is validated, naming the limit`, async () => {
    const args = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    const response = await post({
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: { name: 'run_report', arguments: args },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body).toMatchObject({ jsonrpc: '2.0', id: 5, error: { code: -32_600 } });
    expect(body.error.message).toContain(`more than ${MAX_MESSAGE_ENTRIES} entries`);
    // Nested entries count as well: 101 objects of 100 keys.
    const nested = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [
        `o${i}`,
        Object.fromEntries(Array.from({ length: 100 }, (_, j) => [`k${j}`, j])),
      ]),
    );
    const deep = await post({ jsonrpc: '2.0', id: 6, method: 'ping', params: nested });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ error: { code: -32_600 } });
  });

  it('refuses it through the SDK client too, and still serves a call within the limit', async () => {
    const client = await connectV2Http(url);
    try {
      const tooMany = Object.fromEntries(
        Array.from({ length: MAX_MESSAGE_ENTRIES + 1 }, (_, i) => [`k${i}`, i]),
      );
      await expect(client.callTool({ name: 'run_report', arguments: tooMany })).rejects.toThrow(
        `more than ${MAX_MESSAGE_ENTRIES} entries`,
      );
      const fewer = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
      const result = await client.callTool({ name: 'run_report', arguments: fewer });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result)).toContain('unknown argument');
    } finally {
      await client.close();
    }
  });
});
