/**
 * The systemd unit the team deployment docs give (docs/deploy/wolkvox-mcp.service): systemd's own checker accepts
 * it (`systemd-analyze verify`, where systemd is installed; skipped with the reason elsewhere), and the server its
 * ExecStart names starts with those flags, answers health checks by address and MCP by the service's host name with
 * the bearer token its environment file sets, and refuses MCP without it. On loopback and a free port here, as
 * tests listen.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { programAvailable } from '@wolkvox-mcp/test-support/programs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWolkvoxMcp, startWolkvoxMcp } from '../../src/start.js';
import { type LoadBalancer, loadBalancer } from '../balancer.js';
import { BIN, RAW_INITIALIZE } from '../helpers.js';
import { shellWords } from '../readme-configs.js';

const UNIT = fileURLToPath(new URL('../../../../docs/deploy/wolkvox-mcp.service', import.meta.url));
const TEXT = readFileSync(UNIT, 'utf8');
const HTTP_TOKEN = 'the-replicas-bearer-token-of-36-chars';
const execStart = /^ExecStart=(.+)$/m.exec(TEXT)?.[1];
const [program, ...flags] = shellWords(execStart ?? '');

const systemd = programAvailable('systemd-analyze', {
  hint: 'systemd-analyze was not found (systemd is not installed) to check the unit file',
  tests: "the systemd unit's syntax check",
  requiredInCi: false,
});

describe('the systemd unit', () => {
  it.runIf(systemd)('passes systemd-analyze verify, with nothing to say', async () => {
    // The unit as installed, its bin being this clone's launcher (verify checks that the program exists).
    const dir = mkdtempSync(join(tmpdir(), 'wolkvox-unit-'));
    try {
      const unit = join(dir, 'wolkvox-mcp.service');
      writeFileSync(unit, TEXT.replace(`ExecStart=${program}`, `ExecStart=${process.execPath} ${BIN}`));
      const { stdout, stderr } = await promisify(execFile)('systemd-analyze', ['verify', unit]);
      expect(`${stdout}${stderr}`).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('its ExecStart', () => {
    let server: RunningWolkvoxMcp;
    let balancer: LoadBalancer;
    beforeAll(async () => {
      expect(program).toBe('/usr/local/bin/wolkvox-mcp');
      const argv = flags.map((word, i) =>
        flags[i - 1] === '--host' ? '127.0.0.1' : flags[i - 1] === '--port' ? '0' : word,
      );
      server = await startWolkvoxMcp({
        argv,
        // What its EnvironmentFile sets for HTTP (the tenant is the embedded emulator here).
        env: { WOLKVOX_MCP_HTTP_TOKEN: HTTP_TOKEN, WOLKVOX_CACHE_DIR: process.env.WOLKVOX_CACHE_DIR },
        bannerOut: null,
        logger: pino({ level: 'silent' }),
      });
      const host = flags[flags.indexOf('--allowed-hosts') + 1]!;
      balancer = await loadBalancer([Number(new URL(server.url!).port)], host);
    });
    afterAll(async () => {
      balancer?.server.close();
      await server?.close();
    });

    it('answers health checks by address, and MCP by host name with the bearer token only', async () => {
      const health = await fetch(new URL('/healthz', server.url));
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const initialize = (authorization?: string) =>
        fetch(`${balancer.url}/mcp`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            ...(authorization ? { authorization } : {}),
          },
          body: RAW_INITIALIZE,
        });
      const allowed = await initialize(`Bearer ${HTTP_TOKEN}`);
      await allowed.body?.cancel();
      expect(allowed.status).toBe(200);
      const anonymous = await initialize();
      await anonymous.body?.cancel();
      expect(anonymous.status).toBe(401);
    });
  });
});
