#!/usr/bin/env node
/**
 * The OpenAPI document as the tools people use read it (a CI step, `node scripts/openapi-tools.mjs`; needs the npm
 * registry for the tools and a built workspace). The tools are installed at pinned versions into a folder of their
 * own, never into the workspace, and each is run as its users run it:
 *  - Redocly CLI lints the document with its strict recommended rules (every warning an error);
 *  - openapi-typescript generates types from it, and a program using them (a report's query, its rows, the
 *    family's `api` enum) compiles with tsc --strict, while a wrong `api` or a missing date does not;
 *  - Prism mocks it and serves real wolkvox URLs: a report's URL with the token answers 200 with a body its
 *    schema accepts, an unknown `api` 400 and no token 401;
 *  - the OpenAPI-to-MCP bridge @ivotoby/openapi-mcp-server, started on stdio over the document the emulator
 *    serves and pointed at the emulator, lists a tool per family and calls one report once: the emulator's journal
 *    shows exactly one call, answered 200 (`api` sent once).
 * Prism needs Node >= 24.18 and runs on the Node 24 that `npx -p node@24` brings; the others run on the Node that
 * runs this script (and the machine's npm installs them).
 *
 *   node scripts/openapi-tools.mjs [--keep]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { DEMO_TOKEN, startMockServer } from '@wolkvox-mcp/mock-server';

const TOOLS = {
  '@redocly/cli': '2.77.0',
  'openapi-typescript': '7.13.0',
  '@stoplight/prism-cli': '5.16.0',
  '@ivotoby/openapi-mcp-server': '1.16.1',
  typescript: '5.9.3',
};

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'wolkvox-openapi-tools-'));
const documentPath = join(root, 'packages/contracts/dist/openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8'));
// The tools' own analytics stay off (Prism's dependency @scarf/scarf asks at install).
const quiet = { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1', REDOCLY_TELEMETRY: 'off' };

function step(text) {
  process.stdout.write(`\n-- ${text}\n`);
}

function check(condition, message) {
  if (!condition) throw new Error(`openapi tools: ${message}`);
}

function run(command, args, options = {}) {
  return execFileSync(command, args, {
    cwd: work,
    env: quiet,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
}

const bin = (name) => join(work, 'node_modules', '.bin', name);

function redocly() {
  // The strict set makes every recommended warning an error. One rule is off, for a reason the document states:
  // each report's `<id>_query` schema is reached through its family's `x-wolkvox-query` (an extension, which the
  // rule does not follow), and is there for code generators.
  writeFileSync(
    join(work, 'redocly.yaml'),
    'extends:\n  - recommended-strict\nrules:\n  no-unused-components: off\n',
  );
  const lint = spawnSync(
    bin('redocly'),
    ['lint', documentPath, '--config', join(work, 'redocly.yaml'), '--format=summary'],
    { cwd: work, env: quiet, encoding: 'utf8' },
  );
  const said = `${lint.stdout}${lint.stderr}`.trim();
  check(lint.status === 0, `redocly lint failed:\n${said}`);
  console.log(said.split('\n').slice(-2).join('\n'));
}

function typescriptTypes() {
  run(bin('openapi-typescript'), [documentPath, '-o', join(work, 'wolkvox.d.ts')]);
  const program = `import type { components, operations } from './wolkvox';
type ManagerQuery = NonNullable<operations['reports_manager']['parameters']['query']>;
type Act3Query = components['schemas']['act_3_query'];
type Act3Row = NonNullable<components['schemas']['act_3_response']['data']>[number];
export const asked: ManagerQuery = { api: 'act_3', date_ini: '20250203000000', date_end: '20250203235959' };
export const exact: Act3Query = { api: 'act_3', date_ini: '20250203000000', date_end: '20250203235959' };
export const conn: Act3Row['conn_id'] = '12462.0277.1782402643.44005';
// @ts-expect-error an api that is no report of the family
export const unknown: ManagerQuery = { api: 'no_such_report' };
// @ts-expect-error act_3 requires its window
export const missing: Act3Query = { api: 'act_3' };
`;
  writeFileSync(join(work, 'uses-types.ts'), program);
  run(bin('tsc'), [
    '--strict',
    '--noEmit',
    '--skipLibCheck',
    '--module',
    'nodenext',
    '--target',
    'es2022',
    join(work, 'uses-types.ts'),
  ]);
  const size = readFileSync(join(work, 'wolkvox.d.ts')).length;
  console.log(
    `openapi-typescript wrote ${size.toLocaleString('en-US')} bytes of types; a program using them compiles`,
  );
}

/** Starts a command and resolves once its output matches `ready`; the handle stops it (its process group). */
function startUntil(command, args, ready, env = quiet) {
  const child = spawn(command, args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} not ready in 60 s:\n${out}`)), 60_000);
    const read = (chunk) => {
      out += String(chunk);
      const match = ready.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({ match, stop: () => process.kill(-child.pid, 'SIGTERM') });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}):\n${out}`)));
  });
}

async function prism() {
  const node24 = [
    '-y',
    '-p',
    'node@24',
    'node',
    join(work, 'node_modules/@stoplight/prism-cli/dist/index.js'),
  ];
  const prism = await startUntil(
    'npx',
    [...node24, 'mock', documentPath, '-h', '127.0.0.1', '-p', '0'],
    /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/,
  ).catch(async (error) => {
    // Port 0 is not one Prism takes everywhere: a port of our own choosing then.
    if (!/EADDRINUSE|port/i.test(String(error))) throw error;
    return startUntil(
      'npx',
      [...node24, 'mock', documentPath, '-h', '127.0.0.1', '-p', String(40_000 + (process.pid % 20_000))],
      /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/,
    );
  });
  const base = prism.match[1];
  try {
    const url = (query) => `${base}/api/v2/reports_manager.php?${query}`;
    const ok = await fetch(url('api=act_3&date_ini=20250203000000&date_end=20250203235959'), {
      headers: { 'wolkvox-token': DEMO_TOKEN },
    });
    const body = await ok.json();
    check(ok.status === 200, `a real wolkvox URL answered ${ok.status}`);
    check(Array.isArray(body.data) && 'msg' in body, `the 200 body is no envelope: ${JSON.stringify(body)}`);
    const unknown = await fetch(url('api=no_such_report'), { headers: { 'wolkvox-token': DEMO_TOKEN } });
    check(unknown.status === 400, `an unknown api answered ${unknown.status}`);
    await unknown.body?.cancel();
    const anonymous = await fetch(url('api=act_3&date_ini=20250203000000&date_end=20250203235959'));
    check(anonymous.status === 401, `a call without the token answered ${anonymous.status}`);
    await anonymous.body?.cancel();
    const realTime = await fetch(`${base}/api/v2/real_time.php?api=calls_last_10`, {
      headers: { 'wolkvox-token': DEMO_TOKEN },
    });
    check(realTime.status === 200, `a real-time URL answered ${realTime.status}`);
    await realTime.body?.cancel();
    console.log(
      `Prism at ${base}: reports_manager act_3 200, real_time calls_last_10 200, unknown api 400, no token 401`,
    );
  } finally {
    prism.stop();
  }
}

async function bridge() {
  const mock = await startMockServer({ now: '2025-02-05T15:30:00-05:00' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(work, 'node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js')],
    cwd: work,
    env: {
      ...quiet,
      API_BASE_URL: mock.url,
      // The document as the emulator serves it, as a user of the emulator would point the bridge at it.
      OPENAPI_SPEC_PATH: `${mock.url}/openapi.json`,
      API_HEADERS: `wolkvox-token:${DEMO_TOKEN}`,
      VERBOSE: 'false',
    },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'openapi-tools', version: '1.0.0' });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    // The bridge names tools from operationIds, shortened (`reports_manager` becomes `reports-mgr`).
    const manager = tools.find((tool) => /^reports/i.test(tool.name));
    check(manager, `no tool for the Reports Manager endpoint among ${names.join(', ')}`);
    const result = await client.callTool({
      name: manager.name,
      arguments: { api: 'act_3', date_ini: '20250204000000', date_end: '20250204235959' },
    });
    const text = (result.content ?? []).map((item) => item.text ?? '').join('\n');
    const journal = mock.control.journal();
    check(journal.length === 1, `the bridge made ${journal.length} calls: ${JSON.stringify(journal)}`);
    check(
      journal[0].status === 200,
      `the emulator answered the bridge ${journal[0].status}: ${text.slice(0, 500)}`,
    );
    check(!result.isError && /records were found/.test(text), `the bridge answered: ${text.slice(0, 500)}`);
    console.log(
      `openapi-mcp-server: ${names.length} tools (${names.join(', ')}); ${manager.name} act_3 -> ${journal[0].url.split('?')[0]}, ${journal[0].rows} rows, 1 call, 200`,
    );
  } finally {
    await client.close();
    await mock.close();
  }
}

try {
  step(
    `install ${Object.entries(TOOLS)
      .map(([name, version]) => `${name}@${version}`)
      .join(' ')}`,
  );
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'openapi-tools', private: true }));
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  check(document.openapi === '3.1.0', 'the built document is OpenAPI 3.1');

  step('Redocly CLI: lint (recommended-strict)');
  redocly();

  step('openapi-typescript: types that compile');
  typescriptTypes();

  step('Prism: mock serving real wolkvox URLs');
  await prism();

  step('@ivotoby/openapi-mcp-server: one report through an OpenAPI-to-MCP bridge');
  await bridge();

  step('openapi tools passed');
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
