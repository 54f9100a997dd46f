/**
 * The MCP client configurations a Markdown page shows, read as clients read them: JSON blocks and inline JSON with
 * `mcpServers` (Claude Desktop, Cursor) or `servers` (VS Code), and `claude mcp add` command lines (Claude Code).
 * Each becomes what a client would start or reach: a command with its arguments and environment, or a URL with
 * its headers. Placeholders (`${input:…}`, `${env:…}`, `$NAME`, the clone's path) are left as written; the test
 * says what stands for them.
 */
import { readFileSync } from 'node:fs';

export type ClientLaunch =
  | { transport: 'stdio'; command: string; args: string[]; env: Record<string, string> }
  | { transport: 'http'; url: string; headers: Record<string, string> };

export interface ShownConfig {
  /** Where it is shown: the file and the line the block or the span starts on. */
  where: string;
  /** Which clients read this shape. */
  client: string;
  launch: ClientLaunch;
}

/** A shell command line in words: double and single quotes, backslash-newline continuations; `$NAME` kept. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const text = line.replace(/\\\n/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, i + 1);
      if (close < 0) throw new Error(`unclosed ${char} in: ${line}`);
      word = (word ?? '') + text.slice(i + 1, close);
      i = close;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** `claude mcp add [options] <name> -- <command> [args…]` or `claude mcp add --transport http <name> <url>`. */
function claudeMcpAdd(words: string[]): ClientLaunch {
  const env: Record<string, string> = {};
  const headers: Record<string, string> = {};
  let transport = 'stdio';
  const positional: string[] = [];
  let i = 3;
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      i++;
      break;
    }
    const value = () => {
      const next = words[++i];
      if (next === undefined) throw new Error(`${word} without a value: ${words.join(' ')}`);
      return next;
    };
    if (word === '--env' || word === '-e') {
      const [name, ...rest] = value().split('=');
      env[name!] = rest.join('=');
    } else if (word === '--header' || word === '-H') {
      const [name, ...rest] = value().split(':');
      headers[name!.trim()] = rest.join(':').trim();
    } else if (word === '--transport' || word === '-t') transport = value();
    else if (word === '--scope' || word === '-s') value();
    else if (word.startsWith('-')) throw new Error(`an option this reader does not know: ${word}`);
    else positional.push(word);
  }
  positional.push(...words.slice(i));
  const [, target, ...args] = positional;
  if (!target) throw new Error(`no command or URL in: ${words.join(' ')}`);
  return transport === 'stdio'
    ? { transport: 'stdio', command: target, args, env }
    : { transport: 'http', url: target, headers };
}

/** The servers of one client configuration file's JSON; undefined when the JSON is no such file. */
function fromJson(text: string): { client: string; launches: ClientLaunch[] } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const document = parsed as {
    mcpServers?: Record<string, Record<string, unknown>>;
    servers?: Record<string, Record<string, unknown>>;
  };
  const servers = document.mcpServers ?? document.servers;
  if (!servers || typeof servers !== 'object') return undefined;
  const launches = Object.values(servers).map((server): ClientLaunch => {
    if (typeof server.url === 'string')
      return {
        transport: 'http',
        url: server.url,
        headers: (server.headers as Record<string, string>) ?? {},
      };
    if (typeof server.command !== 'string') throw new Error(`a server with neither url nor command: ${text}`);
    return {
      transport: 'stdio',
      command: server.command,
      args: (server.args as string[]) ?? [],
      env: (server.env as Record<string, string>) ?? {},
    };
  });
  return { client: document.mcpServers ? 'Claude Desktop / Cursor' : 'VS Code', launches };
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Every client configuration the page at `path` shows, in the order shown. */
export function shownConfigs(path: string, name = path): ShownConfig[] {
  const text = readFileSync(path, 'utf8');
  const found: (ShownConfig & { at: number })[] = [];
  const fences: [number, number][] = [];
  for (const block of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [whole, language, body] = block;
    const at = block.index;
    fences.push([at, at + whole.length]);
    const where = `${name}:${lineOf(text, at)}`;
    if (language === 'json') {
      const json = fromJson(body!);
      for (const launch of json?.launches ?? []) found.push({ where, client: json!.client, launch, at });
    } else if (language === 'sh') {
      // One command a line (a continuation joins its lines), each named by the line it starts on.
      let offset = at + whole.indexOf('\n') + 1;
      for (const line of body!.split(/(?<!\\)\n/)) {
        const words = shellWords(line);
        if (words.slice(0, 3).join(' ') === 'claude mcp add')
          found.push({
            where: `${name}:${lineOf(text, offset)}`,
            client: 'Claude Code',
            launch: claudeMcpAdd(words),
            at: offset,
          });
        offset += line.length + 1;
      }
    }
  }
  // Inline code outside the blocks: `{ "servers": … }` and `claude mcp add …`.
  for (const span of text.matchAll(/`([^`\n]+)`/g)) {
    const at = span.index;
    if (fences.some(([start, end]) => at >= start && at < end)) continue;
    const where = `${name}:${lineOf(text, at)}`;
    const code = span[1]!;
    if (code.startsWith('{')) {
      const json = fromJson(code);
      for (const launch of json?.launches ?? []) found.push({ where, client: json!.client, launch, at });
    } else if (code.startsWith('claude mcp add')) {
      found.push({ where, client: 'Claude Code', launch: claudeMcpAdd(shellWords(code)), at });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...config }) => config);
}

/** The `wolkvox-mcp …` command lines of the page's shell blocks (environment assignments before it dropped). */
export function shownServerCommands(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  const commands: string[][] = [];
  for (const block of text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1]!.replace(/\\\n/g, ' ').split('\n')) {
      const words = shellWords(line);
      const start = words.findIndex((word) => !/^[A-Z_]+=/.test(word));
      if (words[start] === 'wolkvox-mcp') commands.push(words.slice(start + 1));
    }
  }
  return commands;
}
