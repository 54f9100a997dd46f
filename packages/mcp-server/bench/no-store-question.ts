/**
 * One query_reports question on a server without a store (the path every question took before the store: the
 * window's rows fetched, held by the server, loaded from JSON into the query process's DuckDB), in a process of its
 * own so that whatever it does with a busy center's year (an error, running out of memory) is its own.
 * Run by bench/sync.ts: `node --import tsx bench/no-store-question.ts '<JSON { url, token, fetch, sql }>'`.
 * Prints one JSON line: the outcome (the answer's rows as a SHA-256), the time, and the peak RSS of this process and
 * of its query processes.
 */
import { createHash } from 'node:crypto';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { createWolkvoxMcpServer } from '../dist/server.js';
import { watchChildren } from './peak-rss.js';

const { url, token, fetch, sql } = JSON.parse(process.argv[2]!) as {
  url: string;
  token: string;
  fetch: Record<string, string>;
  sql: string;
};

const client = createWolkvoxClient({ token, baseUrl: url, coordination: 'process' });
// The call's deadline lifted (50 s by default, which a year of a busy center's windows does not fit in), so that
// what is measured is what the path does with the rows, not the deadline.
const { server } = createWolkvoxMcpServer({ client, sourceKind: 'emulator', callDeadlineMs: 1_800_000 });
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await server.connect(serverSide);
const caller = new Client({ name: 'bench-no-store', version: '1' });
await caller.connect(clientSide);
const stop = watchChildren(process.pid);
const start = performance.now();
let outcome: Record<string, unknown>;
try {
  const result = await caller.callTool(
    { name: 'query_reports', arguments: { fetches: [fetch], sql } },
    { timeout: 1_800_000 },
  );
  const text = (result.content as { text: string }[])[0]!.text;
  const structured = result.structuredContent as { rows: unknown[]; tables: { rows: number }[] };
  outcome = result.isError
    ? { error: text.slice(0, 400) }
    : {
        rows: structured.rows.length,
        loaded: structured.tables[0]!.rows,
        answer: createHash('sha256').update(JSON.stringify(structured.rows)).digest('hex'),
      };
} catch (error) {
  outcome = { error: String(error).slice(0, 400) };
}
const ms = performance.now() - start;
const queryPeak = stop();
console.log(JSON.stringify({ ...outcome, ms, queryPeak, ownPeak: process.resourceUsage().maxRSS * 1024 }));
await caller.close();
await client.close();
process.exit(0);
