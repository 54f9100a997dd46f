/**
 * Two server processes (the built bin over stdio) on one data directory, asking the same questions at once: each
 * writes days the other may be reading. A day file appears whole or not at all (written aside, renamed into
 * place), so every answer equals, row for row, a server's without a store.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReportSource } from '../../src/backend/connect.js';
import { connectInMemory, connectV2Stdio, emulator, structured } from '../helpers.js';

const DIGEST =
  "SELECT count(*) AS n, md5(coalesce(string_agg(t::VARCHAR, '\n' ORDER BY t::VARCHAR), '')) AS digest FROM cdr_1 AS t";

let mock: MockServer;
let root: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  mock = await emulator();
  root = mkdtempSync(join(tmpdir(), 'wolkvox-store-processes-'));
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await mock?.close();
  rmSync(root, { recursive: true, force: true });
});

async function digest(client: Client, from: string, to: string) {
  const result = await client.callTool({
    name: 'query_reports',
    arguments: { fetches: [{ report: 'cdr_1', from, to }], sql: DIGEST },
  });
  return structured(result).rows[0] as { n: number; digest: string };
}

describe('two processes on one data directory', () => {
  it('never read a half-written day: every answer equals the answer without a store', async () => {
    const wolkvox = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
    closers.push(() => wolkvox.close());
    const plain = await connectInMemory({ sourceKind: 'emulator', source: asReportSource(wolkvox) });
    closers.push(() => plain.close());
    const env = { WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_BASE_URL: mock.url, WOLKVOX_DATA_DIR: root };
    const processes = await Promise.all([connectV2Stdio(env), connectV2Stdio(env)]);
    for (const { client } of processes) closers.push(() => client.close());

    // Overlapping windows, asked by both processes at once, twice: days are written while others read them.
    const windows: [string, string][] = [
      ['2025-01-01', '2025-01-10'],
      ['2025-01-05', '2025-01-14'],
      ['2025-01-08', '2025-01-12'],
    ];
    const expected = await Promise.all(windows.map(([from, to]) => digest(plain, from, to)));
    for (let round = 0; round < 2; round += 1) {
      const answers = await Promise.all(
        processes.flatMap(({ client }) => windows.map(([from, to]) => digest(client, from, to))),
      );
      answers.forEach((answer, index) => {
        expect(answer, `round ${round}, answer ${index}`).toEqual(expected[index % windows.length]);
      });
    }
    // Nothing half-written is left in place: every day file has its record, and no work folder remains.
    const scope = readdirSync(root).filter((name) => name !== '.incoming');
    expect(scope).toHaveLength(1);
    expect(readdirSync(join(root, '.incoming'))).toEqual([]);
  }, 120_000);
});
