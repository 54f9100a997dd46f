/**
 * The answer controls on a ~60,000-row act_3 result, measured side by side in one run (issue 12):
 *  - the fetch alone (a direct client call) against the same fetch through an MCP tool call that filters, groups,
 *    aggregates (avg, max), orders and keeps a top 10: the ratio is what the controls and the answer add;
 *  - the same controlled call answered from memory (the result kept), which is the controls' own cost;
 *  - the reply size at limit 500 (text plus structured content), which must stay within 50,000 characters.
 * Rounds alternate the two kinds of call, so both see the same machine; medians are reported.
 *
 * Run (from packages/mcp-server, after a build): node --import tsx bench/controls.ts   (measures the built dist/,
 *      what ships)
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { createWolkvoxMcpServer } from '../dist/server.js';

const ROUNDS = 5;
const WINDOW = { from: '2025-02-03T00:00:00', to: '2025-02-04T17:00:00' };
const CONTROLS = {
  filter: { type_interaction: ['INBOUND', 'transfer'], time: { '>=': 30 } },
  group_by: ['agent_name'],
  aggregate: { avg: ['time'], max: ['time', 'date'] },
  order_by: ['count desc', 'agent_name'],
  top: 10,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

const mock = await startMockServer({ port: 0, host: '127.0.0.1', volume: 50_000 });
const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url });
const mcp = createWolkvoxMcpServer({ client, sourceKind: 'emulator' });
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
await mcp.server.connect(serverSide);
const mcpClient = new Client({ name: 'bench-controls', version: '1' });
await mcpClient.connect(clientSide);

const call = (args: Record<string, unknown>) =>
  mcpClient.callTool({ name: 'wolkvox_act_3', arguments: { ...WINDOW, ...args } });

const fetchAlone: number[] = [];
const fetchAndControls: number[] = [];
const fromMemory: number[] = [];
let rows = 0;
for (let round = 0; round < ROUNDS; round++) {
  let start = performance.now();
  const result = await client.reportById('act_3', WINDOW, {});
  fetchAlone.push(performance.now() - start);
  rows = result.rows.length;

  mcp.service.cache.clear();
  start = performance.now();
  const answer = await call(CONTROLS);
  fetchAndControls.push(performance.now() - start);
  if (answer.isError) throw new Error(JSON.stringify(answer.content));

  start = performance.now();
  await call(CONTROLS);
  fromMemory.push(performance.now() - start);
}

const big = await call({ limit: 500 });
const text = (big.content as { text: string }[])[0]!.text;
const reply = text.length + JSON.stringify(big.structuredContent).length;
const shown = (big.structuredContent as { shown: number }).shown;

const alone = median(fetchAlone);
const controlled = median(fetchAndControls);
console.log(
  `Answer controls on a ${rows.toLocaleString('en-US')}-row act_3 result (medians of ${ROUNDS} rounds)`,
);
console.log(`  fetch alone (client):                      ${ms(alone)}`);
console.log(
  `  MCP call, fetch + filter/group/avg/max/order/top: ${ms(controlled)} (${(controlled / alone).toFixed(2)}x the fetch alone)`,
);
console.log(`  the same call from memory (controls only):  ${ms(median(fromMemory))}`);
console.log(
  `  limit 500: ${shown} rows shown, reply ${reply.toLocaleString('en-US')} characters (text ${text.length.toLocaleString('en-US')}), bound 50,000`,
);

await mcpClient.close();
await client.close();
await mock.close();
