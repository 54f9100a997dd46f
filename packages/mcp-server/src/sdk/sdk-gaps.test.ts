/**
 * What the bare SDK still gets wrong, each the reason for one shim in src/sdk/. These tests hold the SDK (no code
 * of ours) to its wrong answer, so they FAIL once an SDK upgrade fixes it: then delete the shim they name and the
 * test. That our server answers right is tested end to end (test/e2e/jsonrpc-errors.test.ts).
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import {
  createMcpHandler,
  McpServer,
  ResourceTemplate,
  STDIO_DEFAULT_MAX_BUFFER_SIZE,
  type StandardSchemaWithJSON,
} from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modernEnvelope, rawSession } from '../../test/raw-jsonrpc.js';

/** A bare server with one tool, one prompt (with an argument) and one resource template, raw in memory. */
function bareServer() {
  const server = new McpServer({ name: 'bare', version: '1' });
  server.registerTool('echo', { inputSchema: z.object({}) }, async () => ({ content: [] }));
  server.registerPrompt('hello', { argsSchema: z.object({ who: z.string() }) }, () => ({ messages: [] }));
  server.registerResource(
    'thing',
    new ResourceTemplate('bare://things/{id}', { list: undefined, complete: { id: () => [] } }),
    {},
    (uri) => ({ contents: [{ uri: uri.href, text: 'a thing' }] }),
  );
  return rawSession(server);
}

describe('the bare SDK', () => {
  it('answers a tool or prompt named like an Object.prototype member "disabled" (shim: src/sdk/unknown-names.ts)', async () => {
    const server = new McpServer({ name: 'bare', version: '1' });
    server.registerTool('echo', { inputSchema: z.object({}) }, async () => ({ content: [] }));
    server.registerPrompt('hello', {}, () => ({ messages: [] }));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(clientSide);
    const messageOf = (request: Promise<unknown>) =>
      request.then(
        () => 'answered',
        (error: Error) => error.message,
      );
    try {
      for (const name of ['__proto__', 'constructor', 'toString']) {
        expect(await messageOf(client.callTool({ name, arguments: {} }))).toContain(`Tool ${name} disabled`);
        expect(await messageOf(client.getPrompt({ name }))).toContain(`Prompt ${name} disabled`);
      }
      // Any other unknown name is "not found", as it should be.
      expect(await messageOf(client.callTool({ name: 'nope', arguments: {} }))).toContain(
        'Tool nope not found',
      );
    } finally {
      await client.close();
    }
  });

  it('drops an argument named __proto__ before the tool sees it (shim: src/sdk/prototype-arguments.ts)', async () => {
    const server = new McpServer({ name: 'bare', version: '1' });
    // A tool schema that takes the arguments as they come: whatever is missing, the SDK left out.
    const asGiven = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value: unknown) => ({ value }),
        jsonSchema: { input: () => ({ type: 'object' }), output: () => ({ type: 'object' }) },
      },
    } as unknown as StandardSchemaWithJSON;
    let seen: string[] | undefined;
    server.registerTool('echo', { inputSchema: asGiven }, async (args: unknown) => {
      seen = Object.keys(args as object);
      return { content: [] };
    });
    const bare = await rawSession(server);
    try {
      await bare.reply(
        'tools/call',
        JSON.parse('{"name": "echo", "arguments": {"__proto__": 1, "other": 2}}'),
      );
      expect(seen).toEqual(['other']);
    } finally {
      await bare.close();
    }
  });

  it('quotes an unknown tool, prompt or resource name whole, a resource URI twice (shim: src/sdk/unknown-names.ts)', async () => {
    const bare = await bareServer();
    const name = 'x'.repeat(100_000);
    try {
      expect((await bare.reply('tools/call', { name, arguments: {} })).length).toBeGreaterThan(100_000);
      expect((await bare.reply('prompts/get', { name })).length).toBeGreaterThan(100_000);
      expect((await bare.reply('resources/read', { uri: name })).length).toBeGreaterThan(200_000);
      expect((await bare.reply('resources/read', { uri: `bare://${name}` })).length).toBeGreaterThan(200_000);
      const completion = await bare.reply('completion/complete', {
        ref: { type: 'ref/resource', uri: name },
        argument: { name: 'id', value: '' },
      });
      expect(completion.length).toBeGreaterThan(100_000);
    } finally {
      await bare.close();
    }
  });

  it("answers a prompt's arguments that are not strings with an internal error listing every one, unbounded (shim: src/sdk/error-replies.ts)", async () => {
    const bare = await bareServer();
    try {
      const args = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`a${i}`, i]));
      const reply = JSON.parse(await bare.reply('prompts/get', { name: 'hello', arguments: args }));
      expect(reply.error.code).toBe(-32_603);
      expect(reply.error.message.length).toBeGreaterThan(50_000);
    } finally {
      await bare.close();
    }
  });

  it("quotes a request's unsupported protocol version whole in its HTTP entry's refusal (shim: src/sdk/http.ts, sendWebResponse)", async () => {
    const handler = createMcpHandler(() => new McpServer({ name: 'bare', version: '1' }));
    const version = 'x'.repeat(100_000);
    try {
      const response = await handler.fetch(
        new Request('http://localhost/mcp', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/list',
            params: { _meta: modernEnvelope(version) },
          }),
        }),
      );
      expect(response.status).toBe(400);
      expect((await response.text()).length).toBeGreaterThan(200_000);
    } finally {
      await handler.close();
    }
  });

  it('closes its stdio transport on a line longer than its buffer, so nothing after it is answered (shim: the reader in src/sdk/stdio.ts)', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const server = new McpServer({ name: 'bare', version: '1' });
    const closed = new Promise<'closed'>((resolve) => {
      server.server.onclose = () => resolve('closed');
    });
    await server.connect(new StdioServerTransport(stdin, stdout));
    const answered = once(stdout, 'data').then(() => 'answered' as const);
    try {
      stdin.write(
        `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${'x'.repeat(STDIO_DEFAULT_MAX_BUFFER_SIZE)}"}}\n`,
      );
      stdin.write('{"jsonrpc":"2.0","id":2,"method":"ping"}\n');
      expect(await Promise.race([closed, answered])).toBe('closed');
    } finally {
      await server.close();
    }
  });

  it('leaves a stdio line that is not JSON, or JSON that is not a message, unanswered (shim: the reader in src/sdk/stdio.ts)', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const server = new McpServer({ name: 'bare', version: '1' });
    await server.connect(new StdioServerTransport(stdin, stdout));
    const lines: Record<string, unknown>[] = [];
    stdout.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
    });
    try {
      stdin.write('{"jsonrpc": "2.0", "method": \n');
      stdin.write('42\n');
      stdin.write('{"jsonrpc":"2.0","id":7,"method":{"not":"a name"}}\n');
      // A ping after them: its answer is the first (and only) line back.
      stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
      while (lines.length === 0) await once(stdout, 'data');
      expect(lines).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
    } finally {
      await server.close();
    }
  });
});
