/**
 * The result cache's byte bound as the server uses it: a result over the bound is answered with exact totals, the
 * reply says it was not kept, and the next page fetches it again.
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import type { ReportSource } from '../../src/backend/source.js';
import { createWolkvoxMcpServer } from '../../src/server.js';
import { CLIENT_INFO, structured } from '../helpers.js';

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
