/**
 * The result cache's byte bound as a setting (flag, variable, default 256 MiB) and as the server uses it: a result
 * over the bound is answered with exact totals and the answer says it was not kept; the next page fetches again.
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { CACHE_DEFAULTS } from '../../src/answers/cache.js';
import type { ReportSource } from '../../src/backend/source.js';
import { ConfigError, DEFAULT_CACHE_MB, parseConfig } from '../../src/config.js';
import { createWolkvoxMcpServer } from '../../src/server.js';
import { CLIENT_INFO, structured } from '../helpers.js';

function cacheBytesOf(argv: string[], env: Record<string, string> = {}): number | undefined {
  const outcome = parseConfig(argv, env);
  if (outcome.kind !== 'run') throw new Error(outcome.kind);
  return outcome.config.cacheBytes;
}

describe('the cache bound setting', () => {
  it("defaults to 256 MiB, the cache's own default", () => {
    expect(DEFAULT_CACHE_MB).toBe(256);
    expect(cacheBytesOf([])).toBe(CACHE_DEFAULTS.maxBytes);
  });

  it('reads --cache-mb, else WOLKVOX_MCP_CACHE_MB', () => {
    expect(cacheBytesOf(['--cache-mb', '64'])).toBe(64 * 1024 * 1024);
    expect(cacheBytesOf([], { WOLKVOX_MCP_CACHE_MB: '32' })).toBe(32 * 1024 * 1024);
    expect(cacheBytesOf(['--cache-mb', '8'], { WOLKVOX_MCP_CACHE_MB: '32' })).toBe(8 * 1024 * 1024);
  });

  it.each(['0', '-1', '1.5', 'lots', '65537'])('refuses %s, naming the rule', (value) => {
    const env = { WOLKVOX_MCP_CACHE_MB: value };
    expect(() => cacheBytesOf([], env)).toThrow(ConfigError);
    expect(() => cacheBytesOf([], env)).toThrow(
      'WOLKVOX_MCP_CACHE_MB must be a number of MiB from 1 to 65536',
    );
  });
});

describe('a result over the bound', () => {
  it('is answered with exact totals, said not kept, and fetched again for its next page', async () => {
    let fetches = 0;
    const source: ReportSource = {
      timeZone: 'America/Bogota',
      report: async (id) => {
        fetches += 1;
        return {
          report: id,
          rows: Array.from({ length: 5_000 }, (_, i) => ({
            conn_id: String(i),
            agent_name: `Agent ${i % 7}`,
          })),
          window: { from: '2025-02-03 00:00:00', to: '2025-02-03 23:59:59' },
          windows: 1,
          requests: 1,
        };
      },
    };
    // 5,000 rows of two short strings are some 400 kB in memory: over a 100 kB bound.
    const { server, service } = createWolkvoxMcpServer({
      source,
      sourceKind: 'wolkvox',
      toolsets: ['chat'],
      cache: { maxBytes: 100_000 },
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client(CLIENT_INFO);
    await client.connect(clientSide);
    try {
      const first = structured(
        await client.callTool({ name: 'wolkvox_chat_9', arguments: { from: '2025-02-03', limit: 10 } }),
      );
      expect(first.totals).toEqual({ rows: 5_000, matched: 5_000, groups: null });
      expect(first.notes).toEqual(
        expect.arrayContaining([
          expect.stringContaining('the result was not kept: a next page fetches it again'),
        ]),
      );
      expect(service.cache.bytes).toBeLessThanOrEqual(100_000);
      expect(service.cache.size).toBe(0);
      await client.callTool({ name: 'wolkvox_chat_9', arguments: { cursor: first.next_cursor } });
      expect(fetches).toBe(2);
    } finally {
      await client.close();
    }
  });
});
