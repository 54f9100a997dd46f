import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launcher } from './banner.js';

describe('the launcher the banner tells clients to start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-launcher-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is the npx form only when npx's cache ran it", () => {
    expect(
      launcher('/home/ana/.npm/_npx/5f3a/node_modules/@wolkvox-mcp/mcp-server/bin/wolkvox-mcp.js'),
    ).toEqual({
      command: 'npx',
      args: ['-y', '@wolkvox-mcp/mcp-server'],
    });
  });

  it('is the real path of an installed launcher, reached through the bin link npm made', () => {
    // A global install of the packed tarballs: prefix/bin/wolkvox-mcp links into prefix/lib/node_modules.
    const installed = join(dir, 'lib/node_modules/@wolkvox-mcp/mcp-server/bin');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'wolkvox-mcp.js'), '');
    mkdirSync(join(dir, 'bin'));
    symlinkSync(join(installed, 'wolkvox-mcp.js'), join(dir, 'bin/wolkvox-mcp'));
    expect(launcher(join(dir, 'bin/wolkvox-mcp'))).toEqual({
      command: 'node',
      args: [join(installed, 'wolkvox-mcp.js')],
    });
  });

  it('is the path as given when it cannot be resolved', () => {
    expect(launcher('/nowhere/packages/mcp-server/bin/wolkvox-mcp.js')).toEqual({
      command: 'node',
      args: ['/nowhere/packages/mcp-server/bin/wolkvox-mcp.js'],
    });
  });
});
