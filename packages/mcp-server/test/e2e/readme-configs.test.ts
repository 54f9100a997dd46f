/**
 * Every MCP client configuration the READMEs show works as written. Each is read from the Markdown (JSON files for
 * Claude Desktop, Cursor and VS Code, `claude mcp add` lines for Claude Code), its command started or its URL
 * reached, and one tools/list answered through the MCP SDK's client. What stands for the reader's own values:
 * this clone's path for `/absolute/path/to/wolkvox-mcp` and `${workspaceFolder}`, and one bearer token for every
 * `${input:…}`, `${env:…}` and `$WOLKVOX_MCP_HTTP_TOKEN`.
 *
 * - From a clone: the launcher in this repository (the built bin), as the banner prints it.
 * - HTTP: the team's server started with the README's `wolkvox-mcp --http …` flags (on loopback and a free port
 *   here, as tests listen), reached through a load balancer that answers for the URL's host name (TLS ends there),
 *   with the configuration's bearer header, and refused without it. The tenant settings of that command (token,
 *   Redis, cursor key) are the team deployment test's; here the embedded emulator serves.
 * - Installed from the packed tarballs (`wolkvox-mcp` on PATH) and published (`npx -y @wolkvox-mcp/mcp-server`):
 *   these need the tarballs installed, which `scripts/pack-smoke.mjs` does before it runs this file with
 *   WOLKVOX_PACKED_PREFIX (the global install) and WOLKVOX_PACKED_APP (a folder with a project install, where npx
 *   finds the package as it would after fetching it). Elsewhere they are skipped, and say so.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWolkvoxMcp, startWolkvoxMcp } from '../../src/start.js';
import { type LoadBalancer, loadBalancer } from '../balancer.js';
import { BIN, CLIENT_INFO, childEnv, connectStdioCommand, RAW_INITIALIZE, structured } from '../helpers.js';
import { type ClientLaunch, type ShownConfig, shownConfigs, shownServerCommands } from '../readme-configs.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');
const PAGES = ['README.md', 'packages/mcp-server/README.md'];
const HTTP_TOKEN = 'a-team-bearer-token-of-40-characters-long';
const PACKED_PREFIX = process.env.WOLKVOX_PACKED_PREFIX;
const PACKED_APP = process.env.WOLKVOX_PACKED_APP;

/** The reader's own values, as the test gives them. */
function fillIn(text: string): string {
  return (
    text
      .replaceAll('/absolute/path/to/wolkvox-mcp', ROOT)
      // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's variable, as the README writes it
      .replaceAll('${workspaceFolder}', ROOT)
      .replace(/\$\{input:[^}]+\}/g, HTTP_TOKEN)
      .replace(/\$\{env:WOLKVOX_MCP_HTTP_TOKEN\}|\$WOLKVOX_MCP_HTTP_TOKEN\b/g, HTTP_TOKEN)
  );
}

const fillRecord = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).map(([name, value]) => [name, fillIn(value)]));

type Form = 'clone' | 'installed' | 'published' | 'http';

/** Which way in a configuration is: what it starts, or that it reaches a URL. */
function formOf(launch: ClientLaunch): Form | undefined {
  if (launch.transport === 'http') return 'http';
  if (
    launch.command === 'node' &&
    fillIn(launch.args[0] ?? '').startsWith(`${ROOT}/packages/mcp-server/bin/`)
  )
    return 'clone';
  if (launch.command === 'wolkvox-mcp') return 'installed';
  if (launch.command === 'npx' && launch.args.slice(0, 2).join(' ') === '-y @wolkvox-mcp/mcp-server')
    return 'published';
  return undefined;
}

const CONFIGS = PAGES.flatMap((page) => shownConfigs(join(ROOT, page), page));
const named = (config: ShownConfig) => `${config.client} at ${config.where}`;
const ofForm = (form: Form) => CONFIGS.filter((config) => formOf(config.launch) === form);

/** Starts a stdio configuration as a client would and connects the SDK's client; stderr is collected. */
function startStdio(
  launch: Extract<ClientLaunch, { transport: 'stdio' }>,
  options: { cwd?: string; path?: string } = {},
) {
  const env = childEnv(fillRecord(launch.env));
  if (options.path) env.PATH = options.path;
  return connectStdioCommand({
    command: fillIn(launch.command),
    args: launch.args.map(fillIn),
    env,
    cwd: options.cwd ?? tmpdir(),
  });
}

async function listedTools(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name);
}

/** The launcher the banner prints for clients: `Claude Desktop / Cursor / VS Code: {…}`. */
function bannerLauncher(stderr: string): { command: string; args: string[] } {
  const line = /Claude Desktop \/ Cursor \/ VS Code: (\{.*\})$/m.exec(stderr);
  if (!line) throw new Error(`the banner prints no launcher:\n${stderr}`);
  return JSON.parse(line[1]!);
}

it('finds the configurations of every form on the pages, and none it cannot start', () => {
  for (const form of ['clone', 'installed', 'published', 'http'] as const)
    expect(ofForm(form).length, `configurations of the ${form} form`).toBeGreaterThan(0);
  expect(CONFIGS.filter((config) => formOf(config.launch) === undefined).map(named)).toEqual([]);
  // Each client's shape appears: Claude Desktop / Cursor files, VS Code files and Claude Code lines.
  expect(new Set(CONFIGS.map((config) => config.client))).toEqual(
    new Set(['Claude Desktop / Cursor', 'VS Code', 'Claude Code']),
  );
});

describe('from a clone', () => {
  it.each(ofForm('clone').map((config) => [named(config), config] as const))(
    '%s starts and answers tools/list',
    async (_name, config) => {
      const launch = config.launch as Extract<ClientLaunch, { transport: 'stdio' }>;
      const { client, stderr } = await startStdio(launch);
      try {
        expect(await listedTools(client)).toEqual(expect.arrayContaining(['list_reports', 'run_report']));
        const now = launch.args.indexOf('--emulator-now');
        if (now >= 0) {
          // The demo on a fixed day: "yesterday" is the day before the clock the configuration starts.
          const answer = structured(
            await client.callTool({ name: 'run_report', arguments: { report: 'act_3', from: 'yesterday' } }),
          );
          const day = new Date(`${launch.args[now + 1]!.slice(0, 10)}T12:00:00Z`);
          day.setUTCDate(day.getUTCDate() - 1);
          expect(answer.window.from.slice(0, 10)).toBe(day.toISOString().slice(0, 10));
          expect(answer.totals.rows).toBeGreaterThan(0);
        }
        expect(stderr()).toContain('wolkvox-mcp');
      } finally {
        await client.close();
      }
    },
  );

  it('is what the banner prints, and what it prints starts', async () => {
    const { client, stderr } = await startStdio({
      transport: 'stdio',
      command: process.execPath,
      args: [BIN],
      env: {},
    });
    await client.close();
    const printed = bannerLauncher(stderr());
    expect(printed).toEqual({ command: 'node', args: [realpathSync(BIN)] });
    const shown = ofForm('clone').map(
      (config) => config.launch as Extract<ClientLaunch, { transport: 'stdio' }>,
    );
    expect(shown.map((launch) => fillIn(launch.args[0]!))).toContain(printed.args[0]);
    const again = await startStdio({ transport: 'stdio', ...printed, env: {} });
    try {
      expect(await listedTools(again.client)).toContain('run_report');
    } finally {
      await again.client.close();
    }
  });
});

describe('over HTTP, with the bearer header', () => {
  let team: RunningWolkvoxMcp;
  let local: RunningWolkvoxMcp;
  const balancers: LoadBalancer[] = [];

  beforeAll(async () => {
    const commands = shownServerCommands(join(ROOT, 'README.md'));
    const teamCommand = commands.find((argv) => argv.includes('--http-token'));
    if (!teamCommand)
      throw new Error('the README shows no team server command (wolkvox-mcp --http … --http-token)');
    // As written, but on loopback and a port of its own: tests listen on 127.0.0.1 only.
    const argv = teamCommand.map(fillIn).map((word, i, words) => {
      if (words[i - 1] === '--host') return '127.0.0.1';
      if (words[i - 1] === '--port') return '0';
      return word;
    });
    const started = (args: string[]) =>
      startWolkvoxMcp({
        argv: args,
        env: { WOLKVOX_CACHE_DIR: process.env.WOLKVOX_CACHE_DIR },
        bannerOut: null,
        logger: pino({ level: 'silent' }),
      });
    [team, local] = await Promise.all([started(argv), started(['--http', '--port', '0'])]);
  });
  afterAll(async () => {
    for (const balancer of balancers) balancer.server.close();
    await Promise.all([team?.close(), local?.close()]);
  });

  it.each(ofForm('http').map((config) => [named(config), config] as const))(
    '%s answers tools/list',
    async (_name, config) => {
      const launch = config.launch as Extract<ClientLaunch, { transport: 'http' }>;
      const url = new URL(fillIn(launch.url));
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      const server = loopback ? local : team;
      // The Host the client sends is the URL's, whatever address the test's server has.
      const balancer = await loadBalancer([Number(new URL(server.url!).port)], url.host);
      balancers.push(balancer);
      const reached = new URL(`${url.pathname}${url.search}`, balancer.url);
      const headers = fillRecord(launch.headers);
      const client = new Client(CLIENT_INFO);
      await client.connect(new StreamableHTTPClientTransport(reached, { requestInit: { headers } }));
      try {
        expect(await listedTools(client)).toEqual(expect.arrayContaining(['list_reports', 'run_report']));
      } finally {
        await client.close();
      }
      if (headers.Authorization) {
        expect(headers.Authorization).toBe(`Bearer ${HTTP_TOKEN}`);
        const anonymous = await fetch(reached, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: RAW_INITIALIZE,
        });
        await anonymous.body?.cancel();
        expect(anonymous.status).toBe(401);
      }
    },
  );
});

describe.skipIf(!PACKED_PREFIX || !PACKED_APP)(
  'installed from the packed tarballs, and published (run by pnpm pack-smoke, which installs them; skipped elsewhere)',
  () => {
    // The global install's bins first on PATH, as `npm install --global` puts them.
    const path = () => [join(PACKED_PREFIX!, 'bin'), process.env.PATH].join(delimiter);

    it.each(ofForm('installed').map((config) => [named(config), config] as const))(
      '%s starts from any folder and answers tools/list',
      async (_name, config) => {
        const launch = config.launch as Extract<ClientLaunch, { transport: 'stdio' }>;
        const { client, stderr } = await startStdio(launch, { path: path() });
        try {
          expect(await listedTools(client)).toContain('run_report');
        } finally {
          await client.close();
        }
        // The banner of an installed server prints the installed launcher, which starts too.
        const printed = bannerLauncher(stderr());
        expect(printed.args[0]).toBe(
          realpathSync(join(PACKED_PREFIX!, 'lib/node_modules/@wolkvox-mcp/mcp-server/bin/wolkvox-mcp.js')),
        );
        const again = await startStdio({ transport: 'stdio', ...printed, env: {} });
        try {
          expect(await listedTools(again.client)).toContain('run_report');
        } finally {
          await again.client.close();
        }
      },
    );

    it('`npx --no -- wolkvox-mcp`, as the README says, finds the global install and downloads nothing', async () => {
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      expect(readme).toContain('`npx --no -- wolkvox-mcp` is the same and never downloads');
      const { client } = await connectStdioCommand({
        command: 'npx',
        args: ['--no', '--', 'wolkvox-mcp'],
        // npm's global prefix is the one the tarballs were installed into.
        env: childEnv({ NPM_CONFIG_PREFIX: PACKED_PREFIX! }),
        cwd: tmpdir(),
      });
      try {
        expect(await listedTools(client)).toContain('run_report');
      } finally {
        await client.close();
      }
    });

    it.each(ofForm('published').map((config) => [named(config), config] as const))(
      '%s starts through npx and answers tools/list',
      async (_name, config) => {
        const launch = config.launch as Extract<ClientLaunch, { transport: 'stdio' }>;
        const { client } = await startStdio(launch, { cwd: PACKED_APP! });
        try {
          expect(await listedTools(client)).toContain('run_report');
        } finally {
          await client.close();
        }
      },
    );
  },
);
