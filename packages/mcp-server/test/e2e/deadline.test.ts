/**
 * A tool call never outlasts its deadline: a stalled wolkvox, or a token other programs keep busy, gets an isError
 * that says what happened and what to try, with progress while it waits; and a failure says "after N attempts"
 * only when there were retries.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/client';
import { createWolkvoxClient, type WolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import { connectInMemory, emulator, textOf } from '../helpers.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A wolkvox that accepts every request and never answers: no status, no body, no close. */
async function stalledWolkvox(): Promise<string> {
  const server: Server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startEmulator(): Promise<MockServer> {
  const mock = await emulator();
  closers.push(() => mock.close());
  return mock;
}

/** An MCP client, in process, of a server reading `baseUrl` with the given call deadline. */
async function connect(baseUrl: string, callDeadlineMs: number): Promise<Client> {
  const wolkvox: WolkvoxClient = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl, retryBaseDelayMs: 1 });
  closers.push(() => wolkvox.close());
  const client = await connectInMemory({ client: wolkvox, sourceKind: 'wolkvox', callDeadlineMs });
  closers.push(() => client.close());
  return client;
}

const DAY = { from: '2025-05-05', to: '2025-05-05' };

describe('the call deadline', () => {
  it('answers a stalled wolkvox with an isError within the deadline, with progress while waiting', async () => {
    const client = await connect(await stalledWolkvox(), 1_000);
    const updates: { progress: number; message?: string }[] = [];
    const started = performance.now();
    const result = await client.callTool(
      { name: 'run_report', arguments: { report: 'act_3', ...DAY } },
      { onprogress: (update) => updates.push(update), timeout: 10_000 },
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2_500);
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('did not answer act_3 within the 1 s');
    expect(text).toContain('0 of 1 windows answered');
    expect(text).toMatch(/Narrow the window .* or try again later/);
    // Heartbeats while waiting (a tenth of the deadline apart), each larger than the last, as MCP requires.
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates[0]!.message).toMatch(
      /^waiting for wolkvox: 0 of 1 windows \(act_3, \d+ s of at most 1 s\)$/,
    );
    for (let i = 1; i < updates.length; i++)
      expect(updates[i]!.progress).toBeGreaterThan(updates[i - 1]!.progress);
    expect(updates.every((u) => u.progress < 1)).toBe(true);
  });

  it('says the token was busy with other programs when concurrency refusals never clear', async () => {
    const mock = await startEmulator();
    mock.control.injectFault({ fault: { kind: 'concurrency' }, times: 1_000_000 });
    const client = await connect(mock.url, 1_500);
    const started = performance.now();
    const result = await client.callTool({ name: 'run_report', arguments: { report: 'act_3', ...DAY } });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/The token was busy with other programs for [12] s/);
  });
});

describe('how a failure counts its attempts', () => {
  it('a 400 is never retried, and is not said to have been', async () => {
    const mock = await startEmulator();
    mock.control.injectFault({ fault: { kind: 'status', status: 400 }, times: 1 });
    const client = await connect(mock.url, 10_000);
    const result = await client.callTool({ name: 'run_report', arguments: { report: 'act_3', ...DAY } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('(HTTP 400)');
    expect(text).toContain('It was not retried');
    expect(text).not.toMatch(/retries|attempts/);
  });

  it('a 500 that stays is said to have failed after 5 attempts', async () => {
    const mock = await startEmulator();
    mock.control.injectFault({ fault: { kind: 'status', status: 500 }, times: 5 });
    const client = await connect(mock.url, 10_000);
    const result = await client.callTool({ name: 'run_report', arguments: { report: 'act_3', ...DAY } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('(HTTP 500) after 5 attempts');
    expect(text).toContain('Try again in a few minutes');
    expect(text).not.toContain('even after retries');
  });
});
