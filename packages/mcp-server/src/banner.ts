/**
 * The stderr banner: what is being served, where the rows come from, and how to connect.
 */
import { realpathSync } from 'node:fs';
import { formatTimestamp, wallTimeAt } from '@wolkvox-mcp/contracts';
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

/** The published package: what `npx` runs when the server was started through npx rather than installed. */
const PACKAGE_NAME = '@wolkvox-mcp/mcp-server';

/**
 * How a client should start this server: the command and its arguments, as a client config spells them. Started
 * from npx's cache (`_npx/<hash>`), the path is an accident of that run: the npx form is what to write. Anywhere
 * else (this repository, a global or project install of the packed tarballs) the launcher's own path starts it,
 * published or not.
 */
export function launcher(script = process.argv[1]): { command: string; args: string[] } {
  let path = script ?? 'packages/mcp-server/bin/wolkvox-mcp.js';
  try {
    if (script) path = realpathSync(script);
  } catch {
    // A script that cannot be resolved is shown as given.
  }
  return /[\\/]_npx[\\/]/.test(path)
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
    );
    if (config.wolkvox.now !== undefined)
      lines.push(
        `      Its clock started at ${formatTimestamp(wallTimeAt(config.wolkvox.now, config.timeZone))} ` +
          `(${config.timeZone}, --emulator-now) and runs: "yesterday" is the day before that.`,
      );
    lines.push(
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
