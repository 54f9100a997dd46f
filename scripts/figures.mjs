#!/usr/bin/env node
/**
 * Figures quoted in the documentation, computed from what they describe, so that none can drift: report counts
 * from the registry, tools/list sizes from a running server as the SDK client receives them. In Markdown a figure
 * sits between `<!-- fig:name -->` and `<!-- /fig -->` (invisible when rendered); this script rewrites them.
 * A test (packages/mcp-server/test/unit/docs-figures.test.ts) fails when one is stale and says to run this.
 * Benchmark figures are not here: they differ from machine to machine; `pnpm bench` prints them.
 *
 *   node scripts/figures.mjs [--check]   (pnpm figures; reads the built dist/)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { listReports, TOOLSETS } from '@wolkvox-mcp/contracts';
import { startWolkvoxMcp } from '@wolkvox-mcp/mcp-server';

/** The documents that quote figures, relative to the repository root. */
export const DOCUMENTS = [
  'README.md',
  'packages/mcp-server/README.md',
  'CHANGELOG.md',
  'docs/adding-a-report.md',
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIGURE = /<!-- fig:([a-z0-9-]+) -->([\s\S]*?)<!-- \/fig -->/g;
const number = (value) => value.toLocaleString('en-US');
/** The size of a tools/list result as it travels: the JSON of `{"tools": [...]}`. */
const bytesOf = (tools) => Buffer.byteLength(JSON.stringify({ tools }), 'utf8');
/** list_reports, run_report and query_reports: listed whatever the selection. */
const PAIR = ['list_reports', 'run_report', 'query_reports'];

/** The serialized tools/list result (`{"tools":[...]}`) of a server started with these toolsets. */
async function toolsList(toolsets) {
  const running = await startWolkvoxMcp({
    // The backend opens on the first report call, which never comes: no wolkvox is needed.
    argv: ['--http', '--port', '0', '--base-url', 'http://127.0.0.1:9', '--toolsets', toolsets],
    env: { WOLKVOX_TOKEN: 'figures-token', WOLKVOX_LOG_LEVEL: 'silent' },
    bannerOut: null,
  });
  const client = new Client({ name: 'figures', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
    const { tools } = await client.listTools();
    return { tools, bytes: bytesOf(tools) };
  } finally {
    await client.close();
    await running.close();
  }
}

/** Every figure by name, as it is written in the documents. */
export async function computeFigures() {
  const reports = listReports();
  const family = (name) => reports.filter((report) => report.family === name).length;
  const selections = ['default', ...Object.keys(TOOLSETS), 'all'];
  const lists = {};
  for (const selection of selections) lists[selection] = await toolsList(selection);
  const all = lists.all;
  const pairBytes = bytesOf(all.tools.filter((tool) => PAIR.includes(tool.name)));
  const rows = selections.map((selection) => {
    const label = selection === 'default' ? '(none: `default`)' : `\`${selection}\``;
    return `| ${label.padEnd(17)} | ${String(lists[selection].tools.length).padStart(5)} | ${number(lists[selection].bytes).padStart(7)} |`;
  });
  return {
    'reports-total': String(reports.length),
    'reports-manager': String(family('reports_manager')),
    'reports-real-time': String(family('real_time')),
    'reports-information': String(family('information')),
    'tools-default-bytes': number(lists.default.bytes),
    'tools-default-count': String(lists.default.tools.length),
    'tools-all-bytes': number(all.bytes),
    'tools-all-count': String(all.tools.length),
    'tools-pair-bytes': number(pairBytes),
    'tools-per-report-tool-bytes': number(
      Math.round((all.bytes - pairBytes) / (all.tools.length - PAIR.length)),
    ),
    'toolsets-table': [
      '',
      '| `--toolsets`      | Tools |   Bytes |',
      '| ----------------- | ----: | ------: |',
      ...rows,
      '',
    ].join('\n'),
  };
}

/** The document with every figure rewritten; unknown names are left as they are and reported. */
export function renderFigures(text, figures) {
  const unknown = [];
  const rendered = text.replace(FIGURE, (whole, name) => {
    if (!(name in figures)) {
      unknown.push(name);
      return whole;
    }
    return `<!-- fig:${name} -->${figures[name]}<!-- /fig -->`;
  });
  return { rendered, unknown };
}

/** The documents whose figures are stale (or name unknown figures), with what differs. */
export async function staleDocuments(figures) {
  const stale = [];
  for (const document of DOCUMENTS) {
    const text = readFileSync(`${ROOT}${document}`, 'utf8');
    const { rendered, unknown } = renderFigures(text, figures);
    if (rendered !== text || unknown.length) stale.push({ document, rendered, unknown });
  }
  return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const figures = await computeFigures();
  const stale = await staleDocuments(figures);
  for (const { document, rendered, unknown } of stale) {
    if (unknown.length) console.error(`${document}: unknown figure(s) ${unknown.join(', ')}`);
    if (values.check) console.error(`${document}: figures are stale (run pnpm figures)`);
    else writeFileSync(`${ROOT}${document}`, rendered);
  }
  if (!values.check) console.log(`figures: ${stale.length} document(s) rewritten`);
  if (values.check && stale.length) process.exitCode = 1;
}
