/**
 * The built bin over stdio, spawned as an MCP client would: with the embedded emulator (no credentials), and
 * pointed at an emulator the test controls. Through the SDK v2 client (both eras) and the SDK v1 client.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { listReports } from '@wolkvox-mcp/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_REPORT_TOOLS, TOOLSET_NAMES } from '../../src/catalog/toolsets.js';
import { BIN, connectV1Stdio, connectV2Stdio, dayParams, emulator, structured } from '../helpers.js';

const DAY = '2025-02-03';

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: build first (pnpm --filter @wolkvox-mcp/mcp-server build)`);
});

describe('with the embedded emulator', () => {
  // The same seed as the embedded one: the same simulated tenant, hence the same rows.
  let twin: Awaited<ReturnType<typeof emulator>>;
  beforeAll(async () => {
    twin = await emulator({ seed: 7 });
  });
  afterAll(() => twin?.close());

  it.each(['legacy', 'modern'] as const)(
    'serves the SDK v2 client (%s era) and says it is simulated',
    async (era) => {
      const { client, stderr } = await connectV2Stdio({ WOLKVOX_EMULATOR_SEED: '7' }, era);
      try {
        expect(client.getProtocolEra()).toBe(era);
        // The default selection: the discovery tools and the default report tools; run_report reaches the rest.
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name)).toEqual([
          'list_reports',
          'run_report',
          'query_reports',
          ...listReports()
            .filter((report) => DEFAULT_REPORT_TOOLS.includes(report.id))
            .map((report) => `wolkvox_${report.id}`),
        ]);
        const answer = structured(
          await client.callTool({
            name: 'run_report',
            arguments: { report: 'chat_9', from: DAY, limit: 100 },
          }),
        );
        expect(answer.source).toBe('emulator');
        expect(answer.rows).toEqual(twin.control.rows('chat_9', dayParams(DAY)));
      } finally {
        await client.close();
      }
      expect(stderr()).toContain('Data: SIMULATED');
      expect(stderr()).toContain('embedded wolkvox emulator');
    },
  );

  it("reads `yesterday` on the tenant's calendar and serves that day's rows", async () => {
    const bogotaDay = (offsetDays: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(
        Date.now() - offsetDays * 86_400_000,
      );
    const expected = bogotaDay(1);
    const { client } = await connectV2Stdio({ WOLKVOX_EMULATOR_SEED: '7' });
    try {
      const answer = structured(
        await client.callTool({ name: 'wolkvox_act_3', arguments: { from: 'yesterday', limit: 5 } }),
      );
      // A run across Bogota's midnight may have resolved the other day: then there is nothing to compare.
      if (bogotaDay(1) !== expected) return;
      expect(answer.window).toMatchObject({ from: `${expected} 00:00:00`, to: `${expected} 23:59:59` });
      expect(answer.totals.rows).toBe(twin.control.rows('act_3', dayParams(expected)).length);
    } finally {
      await client.close();
    }
  });

  it('lists tools without starting the embedded emulator, and starts it for the first report call', async () => {
    const { client, stderr } = await connectV2Stdio({ WOLKVOX_EMULATOR_SEED: '7' });
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('wolkvox_act_3');
      await client.ping();
      expect(stderr()).not.toContain('embedded emulator started');
      const answer = structured(
        await client.callTool({ name: 'run_report', arguments: { report: 'chat_9', from: DAY, limit: 100 } }),
      );
      expect(answer.rows).toEqual(twin.control.rows('chat_9', dayParams(DAY)));
      // stderr is a pipe of its own: its line may come after the answer on stdout.
      await vi.waitFor(() => expect(stderr()).toContain('embedded emulator started'));
    } finally {
      await client.close();
    }
  });

  it('serves the SDK v1 client', async () => {
    const { client } = await connectV1Stdio({ WOLKVOX_EMULATOR_SEED: '7' });
    try {
      const answer = structured(
        await client.callTool({ name: 'wolkvox_act_3', arguments: { from: DAY, group_by: ['hang_up'] } }),
      );
      const rows = twin.control.rows('act_3', dayParams(DAY));
      expect(answer.totals.rows).toBe(rows.length);
      for (const group of answer.rows) {
        expect(group.count).toBe(rows.filter((row) => row.hang_up === group.hang_up).length);
      }
      // Durations sum to seconds.
      const seconds = rows
        .filter((row) => row.hang_up === answer.rows[0].hang_up)
        .reduce((sum, row) => {
          const [h, m, s] = row.time!.split(':').map(Number) as [number, number, number];
          return sum + h * 3600 + m * 60 + s;
        }, 0);
      expect(answer.rows[0].sum_time_seconds).toBe(seconds);
    } finally {
      await client.close();
    }
  });

  it('writes only the protocol on stdout and exits when stdin closes', async () => {
    const child = spawn(process.execPath, [BIN], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    const messages = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'run_report', arguments: { report: 'diagram_1_2', from: DAY } },
      },
      {
        jsonrpc: '2.0',
        id: 3,
        method: 'tools/call',
        params: { name: 'run_report', arguments: { report: 'diagram_1_2', from: 'tomorrow' } },
      },
    ];
    for (const message of messages) child.stdin.write(`${JSON.stringify(message)}\n`);
    while ((stdout.match(/\n/g) ?? []).length < 3) await once(child.stdout, 'data');
    child.stdin.end();
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    // Every line is a JSON-RPC message; answers may come in any order.
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .sort((a, b) => a.id - b.id);
    expect(lines.map((line) => [line.jsonrpc, line.id])).toEqual([
      ['2.0', 1],
      ['2.0', 2],
      ['2.0', 3],
    ]);
    expect(lines[0].result.protocolVersion).toBe('2025-06-18');
    expect(lines[1].result.structuredContent.totals.rows).toBeGreaterThan(0);
    expect(lines[2].result.isError).toBe(true);
  });
});

describe('with wolkvox credentials', () => {
  const token = 'stdio-tenant-token-77c1e0';
  let mock: Awaited<ReturnType<typeof emulator>>;
  beforeAll(async () => {
    mock = await emulator({ tokens: [token] });
  });
  afterAll(() => mock?.close());

  it('reads the tenant, pages without refetching, and never logs the token', async () => {
    const { client, stderr } = await connectV2Stdio(
      {
        WOLKVOX_TOKEN: token,
        WOLKVOX_BASE_URL: mock.url,
        WOLKVOX_LOG_LEVEL: 'trace',
        WOLKVOX_TOOLSETS: 'chat,ivr',
      },
      'modern',
    );
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual([
        'list_reports',
        'run_report',
        'query_reports',
        ...listReports()
          .filter((report) => report.toolset === 'chat' || report.toolset === 'ivr')
          .map((report) => `wolkvox_${report.id}`),
      ]);
      const expected = mock.control.rows('chat_9', {
        date_ini: '20250120000000',
        date_end: '20250126235959',
      });
      let answer = structured(
        await client.callTool({
          name: 'wolkvox_chat_9',
          arguments: { from: '2025-01-20', to: '2025-01-26', limit: 40 },
        }),
      );
      expect(answer.source).toBe('wolkvox');
      const requests = mock.control.journal().length;
      const seen = [...answer.rows];
      while (answer.has_more) {
        answer = structured(
          await client.callTool({ name: 'wolkvox_chat_9', arguments: { cursor: answer.next_cursor } }),
        );
        seen.push(...answer.rows);
      }
      expect(seen).toEqual(expected);
      expect(mock.control.journal().length).toBe(requests);
      // A report outside the listed toolsets is still reachable through run_report.
      const act = structured(
        await client.callTool({ name: 'run_report', arguments: { report: 'act_3', from: DAY, limit: 1 } }),
      );
      expect(act.totals.rows).toBe(mock.control.rows('act_3', dayParams(DAY)).length);
    } finally {
      await client.close();
    }
    expect(stderr()).toContain('report answered');
    expect(stderr()).not.toContain(token);
  });
});

describe('configuration mistakes', () => {
  it('exit with status 2 and say what to change on stderr, leaving stdout empty', async () => {
    const child = spawn(process.execPath, [BIN, '--toolsets', 'ivr,sales'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', WOLKVOX_TOKEN: 'abc-123-token' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`unknown toolset(s) sales; valid: all, default, ${TOOLSET_NAMES.join(', ')}`);
    expect(stderr).toContain('neither WOLKVOX_SERVER nor WOLKVOX_BASE_URL');
    expect(stderr).not.toContain('abc-123-token');
  });
});
