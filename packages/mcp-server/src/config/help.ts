/** --help, written from the settings table: each setting's flag, variable and description, section by section. */
import { GROUPS, SETTINGS, type Setting } from './settings.js';

const USAGE = `wolkvox-mcp: an MCP server exposing every wolkvox report as a tool.

Usage: wolkvox-mcp [options]              (stdio, for Claude Desktop, VS Code, Cursor...)
       wolkvox-mcp --http [--port N]      (Streamable HTTP on http://127.0.0.1:N/mcp)
`;

const FLAG_WIDTH = 26;
const INDENT = '      ';

function flagText(setting: Setting): string {
  if (!setting.flag) return '(env only)';
  return setting.arg ? `--${setting.flag} ${setting.arg}` : `--${setting.flag}`;
}

/** One setting: its flag and variable, then what it does. */
function lines(setting: Setting): string[] {
  const old = setting.oldFlags?.map((flag) => `(--${flag} is still read as this)`) ?? [];
  const head = `  ${flagText(setting).padEnd(FLAG_WIDTH - 1)} ${setting.env ?? ''}`.trimEnd();
  return [head, ...[...setting.help, ...old].map((line) => INDENT + line)];
}

export function helpText(): string {
  const sections = Object.entries(GROUPS).map(([group, heading]) => {
    const settings = Object.values(SETTINGS as Record<string, Setting>).filter((s) => s.group === group);
    const footer = group === 'other' ? ['  --help, --version'] : [];
    return [heading, ...settings.flatMap(lines), ...footer].join('\n');
  });
  return `${USAGE}\n${sections.join('\n\n')}\n`;
}
