/** --help, written from the settings table: each setting's flag, variable and description, section by section. */
import { GROUPS, SETTINGS, type Setting } from './settings.js';

const USAGE = `wolkvox-mcp: an MCP server exposing every wolkvox report as a tool.

Usage: wolkvox-mcp [options]              (stdio, for Claude Desktop, VS Code, Cursor...)
       wolkvox-mcp --http [--port N]      (Streamable HTTP on http://127.0.0.1:N/mcp)
`;

const FLAG_WIDTH = 26;
const INDENT = '      ';
const WIDTH = 110;

function flagText(setting: Setting): string {
  if (!setting.flag) return '(env only)';
  return setting.arg ? `--${setting.flag} ${setting.arg}` : `--${setting.flag}`;
}

/** A line of description cut at spaces to fit the width. */
function wrap(text: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && INDENT.length + line.length + 1 + word.length > WIDTH) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
}

/** One setting: its flag and variable, then what it does. */
function lines(setting: Setting): string[] {
  const old = setting.oldFlags?.map((flag) => `(--${flag} is still read as this)`) ?? [];
  const head = `  ${flagText(setting).padEnd(FLAG_WIDTH - 1)} ${setting.env ?? ''}`.trimEnd();
  return [head, ...[...setting.help, ...old].flatMap(wrap).map((line) => INDENT + line)];
}

export function helpText(): string {
  const sections = Object.entries(GROUPS).map(([group, heading]) => {
    const settings = Object.values(SETTINGS as Record<string, Setting>).filter((s) => s.group === group);
    const footer = group === 'other' ? ['  --help, --version'] : [];
    return [heading, ...settings.flatMap(lines), ...footer].join('\n');
  });
  return `${USAGE}\n${sections.join('\n\n')}\n`;
}
