/**
 * The stderr banner: what is being served, where the rows come from, and how to connect.
 */
import { realpathSync } from 'node:fs';
import { selectionText } from './catalog/toolsets.js';
import type { ServerConfig } from './config.js';
import { SERVER_VERSION } from './sdk/identity.js';

/** What the banner says about what is served (the service's counts). */
export interface ServedCounts {
  /** Tools tools/list carries (list_reports and run_report included). */
  tools: number;
  /** Reports list_reports and run_report reach. */
  reports: number;
}

/** The published package: what `npx` runs when the server was installed rather than built from source. */
const PACKAGE_NAME = '@wolkvox-mcp/mcp-server';

/** How a client should start this server: the command and its arguments, as a client config spells them. */
function launcher(): { command: string; args: string[] } {
  const script = process.argv[1];
  let path = script ?? 'packages/mcp-server/dist/bin.js';
  try {
    if (script) path = realpathSync(script);
  } catch {
    // A script that cannot be resolved is shown as given.
  }
  // Under node_modules (npx's cache, a global or project install) the path is an accident of the install.
  return /[\\/]node_modules[\\/]/.test(path)
    ? { command: 'npx', args: ['-y', PACKAGE_NAME] }
    : { command: 'node', args: [path] };
}

export function banner(config: ServerConfig, served: ServedCounts, httpUrl?: string): string {
  const { command, args } = launcher();
  const commandLine = [command, ...args].join(' ');
  const reportTools = served.tools - 2;
  const lines = [
    `wolkvox-mcp ${SERVER_VERSION}: MCP server for wolkvox reports, ${httpUrl ? `Streamable HTTP at ${httpUrl}` : 'on stdio'}.`,
  ];
  if (config.wolkvox.mode === 'emulator') {
    lines.push(
      `Data: SIMULATED. No WOLKVOX_TOKEN is set, so an embedded wolkvox emulator serves a simulated tenant ` +
        `(seed ${config.wolkvox.seed}); it starts on the first report call and logs its URL.`,
      '      To read your tenant: set WOLKVOX_TOKEN and WOLKVOX_SERVER (e.g. 0015) in the environment.',
    );
  } else {
    lines.push(
      `Data: wolkvox tenant ${config.wolkvox.mode === 'wolkvox' ? (config.wolkvox.baseUrl ?? `server ${config.wolkvox.server}`) : ''} (token from the environment, never logged).`,
    );
  }
  lines.push(
    `Tools: list_reports and run_report (all ${served.reports} reports), plus ${reportTools} report tool(s) ` +
      `(--toolsets ${selectionText(config.toolsets)}); ` +
      `time zone ${config.timeZone}.`,
  );
  if (httpUrl) {
    lines.push(
      `Connect: point an MCP client at ${httpUrl}${config.http.token ? ' with Authorization: Bearer <your token>' : ''}`,
      `  MCP Inspector: npx @modelcontextprotocol/inspector  (transport "Streamable HTTP", URL ${httpUrl})`,
    );
  } else {
    lines.push(
      'Connect: an MCP client starts this command and speaks MCP over its stdin/stdout, e.g.',
      `  Claude Desktop / Cursor / VS Code: { "command": ${JSON.stringify(command)}, "args": ${JSON.stringify(args)} }`,
      `  MCP Inspector: npx @modelcontextprotocol/inspector ${commandLine}`,
      `  HTTP instead:  ${commandLine} --http --port 8765`,
      'Waiting for an MCP client on stdin (Ctrl+C to quit).',
    );
  }
  return `${lines.join('\n')}\n`;
}
