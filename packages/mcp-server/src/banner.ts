/**
 * The stderr banner: what is being served, where the rows come from, and how to connect.
 */
import { realpathSync } from 'node:fs';
import type { ServerConfig } from './config.js';
import type { WolkvoxService } from './service.js';
import { selectionText } from './tools/toolsets.js';

function binPath(): string {
  const script = process.argv[1];
  if (!script) return 'packages/mcp-server/dist/bin.js';
  try {
    return realpathSync(script);
  } catch {
    return script;
  }
}

export function banner(
  config: ServerConfig,
  service: WolkvoxService,
  backend: { kind: 'wolkvox' | 'emulator'; emulatorUrl?: string },
  httpUrl?: string,
): string {
  const bin = binPath();
  const reportTools = service.tools.length - 2;
  const lines = [
    `wolkvox-mcp 0.1.0: MCP server for wolkvox reports, ${httpUrl ? `Streamable HTTP at ${httpUrl}` : 'on stdio'}.`,
  ];
  if (backend.kind === 'emulator') {
    lines.push(
      `Data: SIMULATED. No WOLKVOX_TOKEN is set, so an embedded wolkvox emulator serves a simulated tenant ` +
        `(seed ${config.wolkvox.mode === 'emulator' ? config.wolkvox.seed : '?'}) at ${backend.emulatorUrl}.`,
      '      To read your tenant: set WOLKVOX_TOKEN and WOLKVOX_SERVER (e.g. 0015) in the environment.',
    );
  } else {
    lines.push(
      `Data: wolkvox tenant ${config.wolkvox.mode === 'wolkvox' ? (config.wolkvox.baseUrl ?? `server ${config.wolkvox.server}`) : ''} (token from the environment, never logged).`,
    );
  }
  lines.push(
    `Tools: list_reports and run_report (all ${service.reports.length} reports), plus ${reportTools} report tool(s) ` +
      `(--toolsets ${selectionText(config.toolsets)}); ` +
      `time zone ${service.timeZone}.`,
  );
  if (httpUrl) {
    lines.push(
      `Connect: point an MCP client at ${httpUrl}${config.http.token ? ' with Authorization: Bearer <your token>' : ''}`,
      `  MCP Inspector: npx @modelcontextprotocol/inspector  (transport "Streamable HTTP", URL ${httpUrl})`,
    );
  } else {
    lines.push(
      'Connect: an MCP client starts this command and speaks MCP over its stdin/stdout, e.g.',
      `  Claude Desktop / Cursor / VS Code: { "command": "node", "args": [${JSON.stringify(bin)}] }`,
      `  MCP Inspector: npx @modelcontextprotocol/inspector node ${bin}`,
      `  HTTP instead:  node ${bin} --http --port 8765`,
      'Waiting for an MCP client on stdin (Ctrl+C to quit).',
    );
  }
  return `${lines.join('\n')}\n`;
}
