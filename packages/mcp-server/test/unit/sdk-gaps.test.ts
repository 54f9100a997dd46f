/**
 * What the bare SDK still gets wrong, each the reason for one shim in src/sdk/. These tests hold the SDK (no code
 * of ours) to its wrong answer, so they FAIL once an SDK upgrade fixes it: then delete the shim they name and the
 * test. That our server answers right is tested end to end (test/e2e/jsonrpc-errors.test.ts).
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('the bare SDK', () => {
  it('answers a tool or prompt named like an Object.prototype member "disabled" (shim: src/sdk/prototype-names.ts)', async () => {
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

  it('leaves a stdio line that is not JSON, or JSON that is not a message, unanswered (shim: answerUnreadableLines in src/sdk/stdio.ts)', async () => {
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
