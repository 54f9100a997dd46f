/**
 * The chart view as an MCP Apps resource (`ui://wolkvox/chart.html`, text/html;profile=mcp-app): the HTML that
 * scripts/build-view.mjs writes to dist/view/chart.html, one self-contained file under a strict CSP. Its metadata
 * asks hosts for no network origin at all and for a border.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';
import type { ResourceDefinition } from './resources.js';
import { CHART_VIEW_URI } from './uri.js';

const PACKAGE = '@wolkvox-mcp/mcp-server';

/** The package's folder, found upwards from this module (src/, dist/ or the bundle's chunks). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE}'s package.json was not found above ${import.meta.url}`);
    dir = parent;
  }
}

let html: string | undefined;

/** The view's HTML, read once. */
export function chartViewHtml(): string {
  if (html === undefined) {
    const file = join(packageRoot(), 'dist', 'view', 'chart.html');
    if (!existsSync(file))
      throw new Error('the chart view is not built: the package build writes dist/view/chart.html');
    html = readFileSync(file, 'utf8');
  }
  return html;
}

export function chartViewResource(): ResourceDefinition {
  return {
    uri: CHART_VIEW_URI,
    name: 'chart-view',
    title: 'Chart view',
    description: 'Interactive chart of a run_report or query_reports result (MCP Apps view)',
    mimeType: RESOURCE_MIME_TYPE,
    _meta: { ui: { csp: { connectDomains: [], resourceDomains: [] }, prefersBorder: true } },
    read: chartViewHtml,
  };
}
