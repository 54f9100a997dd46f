/**
 * How long the HTTP server waits for what is not yet a request, and how many connections it holds: so that idle and
 * trickling sockets are shed, and extra connections are refused at once instead of using up the process's file
 * descriptors (20,400 trickling sockets once did, and every real request failed).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { HttpLimits } from '../sdk/http.js';

/**
 * The timeouts, documented in the README:
 * - headers: a connection's request headers are complete 10 s after it opens (or after its previous request): an
 *   idle or trickling socket is answered 408 and closed (a client sends its headers at once);
 * - request: the whole request, body included, within 30 s (a body is at most 4 MiB);
 * - keep-alive: an idle connection between requests is closed after 72 s (Fastify's default), above the 60 s
 *   after which common proxies and load balancers drop an idle upstream connection, so that they close it first
 *   and never send a request on a connection we are closing;
 * - silent socket: a socket that moves no bytes for 60 s is closed, unless it waits for our answer (a tool call may
 *   think for its whole deadline without a byte, a subscription stream between its keep-alives): a client that
 *   stops reading its answers is silent with bytes queued for it.
 * An answer in progress (a tool call's SSE stream with its progress, a subscription) is bound by none of them.
 */
export const HTTP_TIMEOUTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
  silentSocketMs: 60_000,
} as const;

/** Descriptors kept for everything else the process opens (wolkvox, Redis, the cache, query processes, stdio). */
export const DESCRIPTOR_MARGIN = 256;
/** Connections held at most whatever the descriptors allow: about 5 KB each idle, 50 MB in all. */
export const MAX_CONNECTIONS_CEILING = 10_000;
/** The descriptor limit assumed where the process cannot read its own (Windows, or no /bin/sh). */
export const DEFAULT_DESCRIPTOR_LIMIT = 1_024;

export interface DescriptorLimit {
  /** Descriptors the process may open (the soft RLIMIT_NOFILE); Infinity when unlimited. */
  limit: number;
  /** Where it was read. */
  source: '/proc/self/limits' | 'ulimit -n' | 'default';
}

/** A limit as /proc and ulimit write it: a count, or `unlimited`. */
function readLimit(text: string | undefined): number | undefined {
  if (text === 'unlimited') return Number.POSITIVE_INFINITY;
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * The process's soft limit on open files. Node has no getrlimit: Linux says it in /proc/self/limits; elsewhere the
 * shell's `ulimit -n`, which a child inherits from this process (Node raises its own soft limit to the hard one at
 * start, so the child sees the raised one); failing both, DEFAULT_DESCRIPTOR_LIMIT.
 */
export function descriptorLimit(): DescriptorLimit {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const limit = readLimit(line?.split(/\s{2,}/)[1]?.trim());
    if (limit !== undefined) return { limit, source: '/proc/self/limits' };
  } catch {
    // Not Linux: ask the shell.
  }
  if (process.platform !== 'win32') {
    try {
      const text = execFileSync('/bin/sh', ['-c', 'ulimit -n'], {
        encoding: 'utf8',
        timeout: 2_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const limit = readLimit(text.trim());
      if (limit !== undefined) return { limit, source: 'ulimit -n' };
    } catch {
      // No shell to ask: the default below.
    }
  }
  return { limit: DEFAULT_DESCRIPTOR_LIMIT, source: 'default' };
}

/** Connections `limit` descriptors leave room for: all but DESCRIPTOR_MARGIN (half, under twice the margin). */
export function descriptorRoom(limit: number): number {
  return Math.max(1, Math.floor(limit / 2), limit - DESCRIPTOR_MARGIN);
}

/**
 * The limits to serve with: the timeouts above (or those given), and the connection cap: the one asked for
 * (--max-connections) if the descriptors leave room for it, else as many as they do, at most
 * MAX_CONNECTIONS_CEILING unless asked. A cap past the descriptors is lowered with a warning: past them, requests
 * would fail instead of connections being refused.
 */
export function httpLimits(
  asked: Partial<HttpLimits> = {},
  descriptors: DescriptorLimit = descriptorLimit(),
): { limits: HttpLimits; warning?: string } {
  const room = descriptorRoom(descriptors.limit);
  const wanted = asked.maxConnections ?? Math.min(MAX_CONNECTIONS_CEILING, room);
  const limits = { ...HTTP_TIMEOUTS, ...asked, maxConnections: Math.min(wanted, room) };
  if (wanted <= room) return { limits };
  return {
    limits,
    warning:
      `the connection cap ${wanted} (--max-connections) is more than the ${descriptors.limit} open files ` +
      'this process may have ' +
      `(${descriptors.source}) leave room for: serving at most ${room} connections`,
  };
}
