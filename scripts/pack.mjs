#!/usr/bin/env node
/**
 * The packages as npm users get them, without publishing: builds the workspace with declarations and packs the four
 * public packages as pnpm publishes them (`workspace:*` and `catalog:` become versions) into one folder. Installed
 * together with npm (`npm install --global ./packed/*.tgz`), they need nothing of @wolkvox-mcp from the registry.
 *
 *   node scripts/pack.mjs [folder]        (npx -y pnpm@10.34.9 tarballs; default folder: packed/)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM = ['-y', 'pnpm@10.34.9'];
export const PACKAGES = ['contracts', 'client', 'mock-server', 'mcp-server'];
const root = fileURLToPath(new URL('..', import.meta.url));

function run(command, args) {
  execFileSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}

/** Builds, then packs into `folder` (emptied first); resolves with the tarballs' paths. */
export function packTarballs(folder) {
  run('npx', [...PNPM, 'exec', 'turbo', 'run', 'build', 'types', '--output-logs=errors-only']);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  // The test-support package is private (the tests' helpers): never packed.
  const filters = ['--filter', './packages/*', '--filter', '!@wolkvox-mcp/test-support'];
  run('npx', [...PNPM, '-r', ...filters, 'pack', '--pack-destination', folder]);
  const files = readdirSync(folder).filter((file) => file.endsWith('.tgz'));
  if (files.length !== PACKAGES.length)
    throw new Error(`pack: expected ${PACKAGES.length} tarballs, got ${files.join(', ')}`);
  return files.map((file) => join(folder, file));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = resolve(process.argv[2] ?? join(root, 'packed'));
  const tarballs = packTarballs(folder);
  console.log(`\n${tarballs.length} tarballs in ${folder}; install them together with:`);
  console.log(`  npm install --global ${tarballs.map((file) => JSON.stringify(file)).join(' ')}`);
}
