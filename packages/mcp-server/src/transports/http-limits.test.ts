/**
 * The HTTP limits (src/transports/http-limits.ts): the connection cap stays below the process's open-files limit,
 * read where the platform says it, and one asked for past it is lowered with a warning.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import {
  DESCRIPTOR_MARGIN,
  descriptorLimit,
  descriptorRoom,
  HTTP_TIMEOUTS,
  httpLimits,
  MAX_CONNECTIONS_CEILING,
} from './http-limits.js';

describe('the connection cap', () => {
  it.each([
    [20_000, 19_744],
    [1_024, 768],
    [300, 150],
    [1, 1],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
  ])('leaves room out of %d descriptors for %d connections', (limit, room) => {
    expect(descriptorRoom(limit)).toBe(room);
  });

  it('is what the descriptors leave room for, at most the ceiling, with the documented timeouts', () => {
    expect(httpLimits({}, { limit: 1_024, source: 'default' })).toEqual({
      limits: { ...HTTP_TIMEOUTS, maxConnections: 1_024 - DESCRIPTOR_MARGIN },
    });
    expect(httpLimits({}, { limit: 1_048_576, source: '/proc/self/limits' }).limits.maxConnections).toBe(
      MAX_CONNECTIONS_CEILING,
    );
    expect(
      httpLimits({}, { limit: Number.POSITIVE_INFINITY, source: 'ulimit -n' }).limits.maxConnections,
    ).toBe(MAX_CONNECTIONS_CEILING);
  });

  it('is the one asked for when the descriptors leave room for it, past the ceiling too', () => {
    const limits = { limit: 1_048_576, source: '/proc/self/limits' } as const;
    expect(httpLimits({ maxConnections: 50_000 }, limits)).toEqual({
      limits: { ...HTTP_TIMEOUTS, maxConnections: 50_000 },
    });
    expect(httpLimits({ maxConnections: 10 }, limits).limits.maxConnections).toBe(10);
  });

  it('lowers one asked for past the descriptors, saying so', () => {
    const served = httpLimits({ maxConnections: 5_000 }, { limit: 1_024, source: 'ulimit -n' });
    expect(served.limits.maxConnections).toBe(768);
    expect(served.warning).toBe(
      'the connection cap 5000 (--max-connections) is more than the 1024 open files this process may have ' +
        '(ulimit -n) leave room for: serving at most 768 connections',
    );
  });

  it("reads this process's own limit, as the shell sees it", () => {
    const read = descriptorLimit();
    expect(read.source).toBe(process.platform === 'linux' ? '/proc/self/limits' : 'ulimit -n');
    if (process.platform === 'win32') return;
    const shell = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    expect(read.limit).toBe(shell === 'unlimited' ? Number.POSITIVE_INFINITY : Number(shell));
  });
});

describe('the setting', () => {
  it('reads --max-connections, else WOLKVOX_MCP_MAX_CONNECTIONS; absent, the cap is worked out at start', () => {
    const capOf = (argv: string[], env: Record<string, string> = {}) => {
      const outcome = parseConfig(['--http', ...argv], env);
      if (outcome.kind !== 'run') throw new Error(outcome.kind);
      return outcome.config.http.maxConnections;
    };
    expect(capOf([])).toBeUndefined();
    expect(capOf([], { WOLKVOX_MCP_MAX_CONNECTIONS: '500' })).toBe(500);
    expect(capOf(['--max-connections', '40'], { WOLKVOX_MCP_MAX_CONNECTIONS: '500' })).toBe(40);
    expect(() => parseConfig(['--max-connections', '0'], {})).toThrow(
      '--max-connections must be a number of connections from 1 to 1000000',
    );
  });
});
