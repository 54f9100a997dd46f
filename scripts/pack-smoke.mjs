#!/usr/bin/env node
/**
 * What an npm user gets: packs the four packages as pnpm publishes them (`workspace:*` and `catalog:` become versions),
 * installs the tarballs with plain npm into an empty folder (no workspace, no pnpm), and runs what was installed:
 *  - `npx wolkvox-mcp` through the MCP SDK's client over stdio: initialize, tools/list, one tools/call answered
 *    by the embedded emulator, one query_reports answered by the installed DuckDB engine, and one drawn as a chart
 *    and exported as XLSX (its state directory in the work folder);
 *  - `npx wolkvox-mock --port 0`: reads the URL it prints and fetches one report with the installed client;
 *  - the engines the packages declare: no npm install here prints an engine warning (EBADENGINE), on this Node and
 *    on the lowest Node of each range they declare (20.19.0, 22.13.0, 24.0.0), and no package npm resolved (those
 *    for other platforms too) declares engines that leave out a Node version the packages declare;
 *  - the READMEs' installed and published client configurations (`wolkvox-mcp` after `npm install --global` of the
 *    tarballs, `npx -y @wolkvox-mcp/mcp-server`), started by the README configurations test
 *    (packages/mcp-server/test/e2e/readme-configs.test.ts) on a global install into a prefix of its own.
 * Each installed package must also ship every file its export map names (declarations too) and name no workspace
 * or catalog dependency.
 *
 *   node scripts/pack-smoke.mjs [--keep]   (pnpm pack-smoke; needs the npm registry for third-party deps)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import semver from 'semver';
import { PACKAGES, packTarballs } from './pack.mjs';

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'wolkvox-pack-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
const prefix = join(work, 'global');

function step(text) {
  process.stdout.write(`\n-- ${text}\n`);
}

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

function check(condition, message) {
  if (!condition) throw new Error(`pack smoke: ${message}`);
}

/**
 * npm install (or a dry run) with its output echoed: it must succeed and print no engine warning, whatever the
 * package; `command` and `lead` run it through another Node (`npx -y -p node@<version> -- npm`).
 */
function npmInstall(args, cwd, label, command = 'npm', lead = []) {
  const npm = spawnSync(command, [...lead, 'install', '--no-audit', '--no-fund', ...args], {
    cwd,
    encoding: 'utf8',
  });
  const said = `${npm.stdout}${npm.stderr}`;
  // npm's warnings and its summary (a dry run lists every package it would add: left out).
  const lines = said.split('\n').filter((line) => /^(npm (warn|error)|added|changed|up to date)/.test(line));
  console.log(lines.join('\n'));
  check(npm.status === 0, `${label}: npm install failed:\n${said}`);
  const warned = [...said.matchAll(/EBADENGINE\s+package: '([^']+)'/g)].map((match) => match[1]);
  check(
    !said.includes('EBADENGINE'),
    `${label}: npm warns of engines (EBADENGINE) for ${warned.join(', ') || 'a package'}`,
  );
  return said;
}

/** npx in the app folder, as a user types it; only the app's own bins are found (no install). */
function npx(args) {
  return { command: 'npx', args: ['--no', '--', ...args], cwd: app };
}

async function serverOverStdio() {
  const { command, args, cwd } = npx(['wolkvox-mcp']);
  // The state directory (exports, the closed-day cache) in the work folder, not the user's cache.
  const env = { WOLKVOX_CACHE_DIR: join(work, 'state') };
  const transport = new StdioClientTransport({ command, args, cwd, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const client = new Client({ name: 'pack-smoke', version: '1.0.0' });
  try {
    await client.connect(transport);
    check(client.getServerVersion()?.name === 'wolkvox-mcp', 'initialize names the server');
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    check(names.includes('list_reports') && names.includes('run_report'), `tools/list: ${names.join(', ')}`);
    // A week, not one day: the simulated agents do not work weekends, so "yesterday" has no rows on a Monday.
    const result = await client.callTool({
      name: 'run_report',
      arguments: { report: 'act_3', from: 'last_7_days' },
    });
    const answer = /** @type {{ source?: string, totals?: { rows?: number } }} */ (result.structuredContent);
    check(!result.isError, `tools/call failed: ${JSON.stringify(result.content)}`);
    check(answer?.source === 'emulator', 'the answer says its rows are simulated');
    check((answer?.totals?.rows ?? 0) > 0, 'the embedded emulator served rows');
    check(stderr.includes('Data: SIMULATED'), 'the banner says the data is simulated');
    // DuckDB is the one native part (kept out of the bundle, found in node_modules): a query proves npm installed
    // the engine for this platform and the installed bin loads it.
    const query = await client.callTool({
      name: 'query_reports',
      arguments: {
        fetches: [{ report: 'act_3', from: 'last_7_days' }],
        sql: 'SELECT count(*) AS n FROM act_3',
      },
    });
    check(!query.isError, `query_reports failed: ${JSON.stringify(query.content)}`);
    const counted = /** @type {{ rows?: { n?: number }[] }} */ (query.structuredContent)?.rows?.[0]?.n;
    check(
      counted === answer.totals.rows,
      `query_reports counted ${counted} rows, run_report ${answer.totals.rows}`,
    );
    // resvg is the other native part, and the chart view and the font are files the package must ship: a chart
    // proves the installed bin draws a PNG and serves its view; the same call's XLSX proves exceljs is installed.
    const charted = await client.callTool({
      name: 'query_reports',
      arguments: {
        fetches: [{ report: 'act_3', from: 'last_7_days' }],
        sql: 'SELECT agent_name, count(*) AS n FROM act_3 GROUP BY 1 ORDER BY 2 DESC LIMIT 10',
        chart: { kind: 'bar' },
        format: 'xlsx',
      },
    });
    const image = /** @type {{ type: string, data?: string }[]} */ (charted.content).find(
      (item) => item.type === 'image',
    );
    check(
      !charted.isError && image?.data,
      `query_reports drew no chart: ${JSON.stringify(charted.content).slice(0, 500)}`,
    );
    const png = Buffer.from(image.data, 'base64');
    check(png.subarray(1, 4).toString() === 'PNG', 'the chart is a PNG');
    const link = /** @type {{ type: string, uri?: string }[]} */ (charted.content).find(
      (item) => item.type === 'resource_link',
    );
    check(link?.uri, `query_reports linked no file: ${JSON.stringify(charted.content).slice(0, 500)}`);
    const file = await client.readResource({ uri: link.uri });
    const xlsx = Buffer.from(/** @type {{ blob?: string }} */ (file.contents[0])?.blob ?? '', 'base64');
    check(xlsx.subarray(0, 2).toString() === 'PK', 'the export is an XLSX (a zip)');
    const view = await client.readResource({ uri: 'ui://wolkvox/chart.html' });
    const html = /** @type {{ text?: string }} */ (view.contents[0])?.text ?? '';
    check(html.includes('Content-Security-Policy'), 'the chart view is served');
    console.log(
      `wolkvox-mcp: ${tools.length} tools listed; act_3 last_7_days: ${answer.totals.rows} rows; query_reports on DuckDB counted ${counted}; ` +
        `a chart of ${png.length} bytes and its XLSX of ${xlsx.length}; the chart view ${html.length} characters`,
    );
  } finally {
    await client.close();
  }
}

/** Starts `wolkvox-mock --port 0` and resolves with its URL and a stop function. */
function startMock() {
  const { command, args, cwd } = npx(['wolkvox-mock', '--port', '0']);
  // Its own process group: npx runs the bin as a child of its own, and stopping must reach both.
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('wolkvox-mock printed no URL in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`wolkvox-mock exited (${code}) before printing its URL`)));
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        stop: () =>
          new Promise((done) => {
            child.stdout.once('close', () => done());
            process.kill(-child.pid, 'SIGTERM');
          }),
      });
    });
  });
}

async function mockOverHttp() {
  const mock = await startMock();
  try {
    const installed = (name) => import(pathToFileURL(join(app, 'node_modules', name, 'dist/index.js')).href);
    const { DEMO_TOKEN } = await installed('@wolkvox-mcp/mock-server');
    const { createWolkvoxClient } = await installed('@wolkvox-mcp/client');
    const client = createWolkvoxClient({ token: DEMO_TOKEN, baseUrl: mock.url });
    const day = (daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const window = { from: day(7), to: day(1) };
    const result = await client.report('act_3', window);
    await client.close();
    check(result.rows.length > 0, 'the emulator answered act_3 with rows');
    console.log(
      `wolkvox-mock at ${mock.url}: act_3 ${window.from}..${window.to}: ${result.rows.length} rows through the client`,
    );
  } finally {
    await mock.stop();
  }
}

/** The Node range every package declares (`engines`), the same in each package.json. */
const DECLARED_NODE = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;

/** The lowest Node of each range the packages declare: npm resolves the tarballs on each (a dry run). */
const ENGINE_FLOORS = ['20.19.0', '22.13.0', '24.0.0'];

/**
 * Node versions a dependency's `engines` must admit: each declared range's first release and a late one (a
 * dependency may raise its floor inside a line, as cookie 2 did with Node 22, or cap a line).
 */
const NODE_POINTS = ['20.19.0', '20.99.0', '22.13.0', '22.99.0', '24.0.0', '24.99.0'];

/** npm's resolution of the tarballs on each floor (a dry run, in an empty folder): no engine warning. */
function checkEngineFloors(files) {
  for (const node of ENGINE_FLOORS) {
    const folder = join(work, `engines-${node}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'engines', private: true }));
    npmInstall(['--dry-run', '--prefer-offline', ...files], folder, `Node ${node}`, 'npx', [
      '-y',
      '-p',
      `node@${node}`,
      '--',
      'npm',
    ]);
    console.log(`Node ${node}: npm resolves the tarballs with no engine warning`);
  }
}

/** Each installed package under a node_modules folder, nested ones too: its name, version and `engines`. */
function* installedManifests(folder) {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder)) {
    if (entry.startsWith('.')) continue;
    const dir = join(folder, entry);
    if (entry.startsWith('@')) {
      yield* installedManifests(dir);
      continue;
    }
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    yield JSON.parse(readFileSync(file, 'utf8'));
    yield* installedManifests(join(dir, 'node_modules'));
  }
}

/**
 * No dependency's `engines` leaves out a Node version the packages declare: every package of the app's lockfile
 * (npm records the other platforms' optional packages too, never installed here) and of the global install.
 */
function checkDependencyEngines() {
  for (const point of NODE_POINTS)
    check(semver.satisfies(point, DECLARED_NODE), `${point} is outside the declared ${DECLARED_NODE}`);
  const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
  const packages = [
    ...Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .map(([path, entry]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 13), ...entry })),
    ...installedManifests(join(prefix, 'lib', 'node_modules')),
  ];
  const excluding = new Set();
  for (const { name, version, engines } of packages) {
    const range = engines?.node;
    if (typeof range !== 'string') continue;
    const left = NODE_POINTS.filter((point) => !semver.satisfies(point, range));
    if (left.length) excluding.add(`${name}@${version} (node ${range}) leaves out ${left.join(', ')}`);
  }
  check(excluding.size === 0, `dependencies exclude a declared Node:\n  ${[...excluding].join('\n  ')}`);
  console.log(
    `${packages.length} packages (lockfile and global install): each one's engines admit Node ${NODE_POINTS.join(', ')}`,
  );
}

function checkInstalledPackages() {
  const modules = [];
  for (const name of PACKAGES) {
    const dir = join(app, 'node_modules', '@wolkvox-mcp', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const deps = JSON.stringify({ ...manifest.dependencies, ...manifest.peerDependencies });
    check(!deps.includes('workspace:'), `${name} names a workspace dependency: ${deps}`);
    // pnpm pack writes the catalog's version in place of `catalog:`, in every dependency field.
    const ranges = JSON.stringify({ ...manifest.devDependencies, ...manifest.optionalDependencies });
    check(!`${deps}${ranges}`.includes('catalog:'), `${name} names a catalog version: ${deps}${ranges}`);
    // Every file the export map names (the root and each subpath: its module and its declarations).
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    check(targets.includes('./dist/index.d.ts'), `${name} exports no declarations`);
    for (const target of targets) check(existsSync(join(dir, target)), `${name} ships no ${target}`);
    for (const bin of Object.values(manifest.bin ?? {}))
      check(existsSync(join(dir, bin)), `${name}: no ${bin}`);
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'object') modules.push(`@wolkvox-mcp/${name}${subpath.slice(1)}`);
    }
  }
  // Each module by the name an npm user imports it with (`@wolkvox-mcp/contracts/tenant`...), from the app.
  const load = 'for (const specifier of JSON.parse(process.argv[1])) await import(specifier);';
  run('node', ['--input-type=module', '-e', load, JSON.stringify(modules)], app);
  console.log(`imported ${modules.join(', ')}`);
}

try {
  step(`build, then pack into ${tarballs}`);
  const files = packTarballs(tarballs);

  step(`install the tarballs with npm into ${app}`);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-smoke-app', private: true }));
  // All four at once, from files: npm never asks the registry for @wolkvox-mcp/* (unpublished).
  npmInstall(files, app, 'the install into an app');
  checkInstalledPackages();

  step('npx wolkvox-mcp (stdio, embedded emulator) through the MCP client');
  await serverOverStdio();

  step('npx wolkvox-mock --port 0');
  await mockOverHttp();

  step('engines: npm on the lowest Node of each declared range (a dry run)');
  checkEngineFloors(files);

  step(`the README's installed and published configurations (npm install --global into ${prefix})`);
  // The third-party packages are in npm's cache from the install above: this one asks the registry nothing new.
  // A global install gives each package a tree of its own (fastify's light-my-request resolved in each).
  npmInstall(['--global', '--prefix', prefix, '--prefer-offline', ...files], app, 'the global install');
  checkDependencyEngines();
  execFileSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', 'packages/mcp-server/test/e2e/readme-configs.test.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, WOLKVOX_PACKED_PREFIX: prefix, WOLKVOX_PACKED_APP: app },
    },
  );

  step('pack smoke passed');
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
