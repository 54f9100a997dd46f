/**
 * Charts (issue 22), measured side by side in one run against the built dist/, for a 24-bar chart (IVR calls by
 * hour of one day) and a 7 x 24 heat map (IVR calls by hour and day over a week), each the result of a
 * query_reports call over the emulator (the SQL fills the grid, so there are exactly 24 and 168 rows):
 *  - the same call without and with `chart`, rounds interleaved, the reports reused from memory (no fetch): the
 *    ratio is what a chart adds to a call;
 *  - the chart alone on the same rows: spec, SVG (vega) and PNG (resvg), as a share of the call without chart, and
 *    over serialising the same rows as JSON;
 *  - the image's bytes over the rows' JSON and over the reply's characters.
 *
 * Run: pnpm --filter @wolkvox-mcp/mcp-server bench charts   (also part of a whole `pnpm bench`)
 */
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createWolkvoxClient } from '@wolkvox-mcp/client';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';
import { rasterize, renderSvg } from '../dist/charts/render.js';
import { chartSpec } from '../dist/charts/spec.js';
import { createWolkvoxMcpServer } from '../dist/server.js';
import { queryChartData } from '../dist/tools/query-reports/chart.js';

const ROUNDS = 9;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const count = (value: number) => value.toLocaleString('en-US');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Scenario {
  name: string;
  args: Record<string, unknown>;
  chart: Record<string, unknown>;
  rows: number;
}

const SCENARIOS: Scenario[] = [
  {
    name: '24-bar chart',
    rows: 24,
    args: {
      fetches: [{ report: 'diagram_1_2', from: '2025-02-04', as: 'ivr' }],
      sql:
        'SELECT h.hour, coalesce(i.calls, 0) AS calls FROM range(24) h(hour) ' +
        'LEFT JOIN ivr i ON hour(i.date) = h.hour ORDER BY 1',
    },
    chart: { kind: 'bar' },
  },
  {
    name: '7x24 heat map',
    rows: 168,
    args: {
      fetches: [{ report: 'diagram_1_2', from: '2025-01-27', to: '2025-02-02', as: 'ivr' }],
      sql:
        "SELECT CAST(d.day AS DATE) AS day, h.hour, coalesce(i.calls, 0) AS calls FROM range(DATE '2025-01-27', " +
        "DATE '2025-02-03', INTERVAL 1 DAY) d(day) CROSS JOIN range(24) h(hour) LEFT JOIN ivr i " +
        'ON CAST(i.date AS DATE) = CAST(d.day AS DATE) AND hour(i.date) = h.hour ORDER BY 1, 2',
    },
    chart: { kind: 'heatmap' },
  },
];

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

type ToolResult = {
  isError?: boolean;
  content: { type: string; text?: string; data?: string }[];
  structuredContent?: Record<string, unknown>;
};

export async function chartsBench(): Promise<void> {
  console.log('\n== charts: a query_reports call without and with chart, and the chart alone, side by side');
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', now: '2025-02-05T15:00:00Z' });
  mock.control.freezeClock();
  const wolkvox = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url, coordination: 'process' });
  const mcp = createWolkvoxMcpServer({ client: wolkvox, sourceKind: 'emulator' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.server.connect(serverSide);
  const client = new Client({ name: 'bench-charts', version: '1' });
  await client.connect(clientSide);
  const call = async (args: Record<string, unknown>) =>
    (await client.callTool({ name: 'query_reports', arguments: args })) as ToolResult;
  try {
    for (const scenario of SCENARIOS) {
      const withChart = { ...scenario.args, chart: scenario.chart };
      // Warm: the reports fetched once (then reused from memory), the chart engines loaded.
      const first = await call(withChart);
      if (first.isError) throw new Error(`bench charts: ${first.content[0]?.text}`);
      const plainTimes: number[] = [];
      const chartTimes: number[] = [];
      let plain: ToolResult | undefined;
      let charted: ToolResult = first;
      for (let round = 0; round < ROUNDS; round++) {
        const a = await timed(() => call(scenario.args));
        const b = await timed(() => call(withChart));
        plainTimes.push(a.ms);
        chartTimes.push(b.ms);
        plain = a.value;
        charted = b.value;
      }
      const structured = plain!.structuredContent!;
      const rows = structured.rows as Record<string, unknown>[];
      if (rows.length !== scenario.rows)
        throw new Error(`bench charts: ${rows.length} rows, not ${scenario.rows}`);
      const data = queryChartData({
        columns: structured.columns as { name: string; type: string }[],
        rows,
        total: rows.length,
        cutCells: 0,
      });
      const request = { kind: scenario.chart.kind as 'bar' | 'heatmap' };
      const title = { what: 'bench', when: 'a week', zone: 'America/Bogota' };
      const specTimes: number[] = [];
      const svgTimes: number[] = [];
      const pngTimes: number[] = [];
      const jsonTimes: number[] = [];
      let png: Buffer = Buffer.alloc(0);
      let svg = '';
      let specChars = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const spec = await timed(() => chartSpec({ ...data, request, title }));
        if (!('chart' in spec.value)) throw new Error(`bench charts: ${JSON.stringify(spec.value)}`);
        const chart = spec.value.chart;
        const drawn = await timed(() => renderSvg(chart.spec));
        const image = await timed(() => rasterize(drawn.value, 800));
        const json = await timed(() => JSON.stringify(rows));
        specTimes.push(spec.ms);
        svgTimes.push(drawn.ms);
        pngTimes.push(image.ms);
        jsonTimes.push(json.ms);
        png = image.value.png;
        svg = drawn.value;
        specChars = JSON.stringify(chart.spec).length;
      }
      const plainMs = median(plainTimes);
      const chartMs = median(chartTimes);
      const renderMs = median(specTimes) + median(svgTimes) + median(pngTimes);
      const jsonMs = median(jsonTimes);
      const jsonBytes = Buffer.byteLength(JSON.stringify(rows));
      const reply = (charted.content.find((item) => item.type === 'text')?.text ?? '').length;
      const replyChars = reply + JSON.stringify(charted.structuredContent).length;
      const image = charted.content.find((item) => item.type === 'image');
      const imageBytes = image?.data ? Buffer.from(image.data, 'base64').length : 0;
      console.log(`\n${scenario.name} (${count(rows.length)} rows; medians of ${ROUNDS} interleaved rounds)`);
      console.log(`  query_reports without chart   ${ms(plainMs)}`);
      console.log(
        `  query_reports with chart      ${ms(chartMs)}   ${(chartMs / plainMs).toFixed(2)}x the call without`,
      );
      console.log(
        `  the chart alone               ${ms(renderMs)}   (spec ${ms(median(specTimes))}, SVG ${ms(median(svgTimes))}, ` +
          `PNG ${ms(median(pngTimes))}) = ${(renderMs / plainMs).toFixed(2)}x the call without chart, ` +
          `${count(Math.round(renderMs / jsonMs))}x JSON.stringify of the rows (${jsonMs.toFixed(3)} ms)`,
      );
      console.log(
        `  image                         ${count(png.length)} bytes PNG at 800 px (the reply's: ${count(imageBytes)}) = ` +
          `${(png.length / jsonBytes).toFixed(1)}x the rows' JSON (${count(jsonBytes)} bytes); SVG ${count(svg.length)} ` +
          `characters; spec ${count(specChars)} characters; the reply's text + structured content ${count(replyChars)} characters`,
      );
    }
  } finally {
    await client.close();
    await wolkvox.close();
    await mock.close();
  }
}
