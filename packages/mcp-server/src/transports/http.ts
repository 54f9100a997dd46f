/**
 * Streamable HTTP on `/mcp`. Binds 127.0.0.1 unless told otherwise; checks Host and Origin against allow-lists
 * (DNS-rebinding protection); requires `Authorization: Bearer <token>` when a token is configured, and refuses to
 * start off loopback without one. Sheds idle and trickling sockets and caps its connections (http-limits.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type HttpConfig, isLoopbackHost } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { createMcpHttpApp, type HttpLimits } from '../sdk/http.js';
import { httpLimits } from './http-limits.js';

export const MCP_PATH = '/mcp';
/**
 * The health check's path: a load balancer's probe, answered `{"status":"ok"}` while the process serves, with no
 * token and whatever the Host (probes name the replica's address, not the host name clients use). It says
 * nothing of the tenant, asks nothing of wolkvox, and is no way around the checks on /mcp.
 */
export const HEALTH_PATH = '/healthz';

export interface HttpHandle {
  /** The MCP endpoint, e.g. http://127.0.0.1:8765/mcp. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A hook refusing requests without the bearer token (compared in constant time); CORS preflights pass. */
export function bearerGuard(token: string) {
  const expected = digest(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS') return;
    const header = request.headers.authorization;
    const given =
      typeof header === 'string' && /^Bearer\s+/i.test(header)
        ? header.replace(/^Bearer\s+/i, '').trim()
        : '';
    if (given && timingSafeEqual(digest(given), expected)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="wolkvox-mcp"')
      .send({
        jsonrpc: '2.0',
        error: {
          code: -32001,
          message: 'Unauthorized: send Authorization: Bearer <token> (WOLKVOX_MCP_HTTP_TOKEN)',
        },
        id: null,
      });
  };
}

/** Off loopback, an unauthenticated server would hand the tenant's reports to the network: refuse. */
export function checkHttpSecurity(config: HttpConfig): void {
  if (!isLoopbackHost(config.host) && !config.token) {
    throw new Error(
      `Refusing to listen on ${config.host} without a bearer token: set --http-token or WOLKVOX_MCP_HTTP_TOKEN, ` +
        'or bind to 127.0.0.1.',
    );
  }
}

/** Whether a browser Origin's host name is on the allow-list (the same check the Origin hook has passed). */
function originAllowed(origin: string, allowed: readonly string[]): boolean {
  try {
    return allowed.includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * CORS for browser clients on allowed origins (the MCP Inspector's direct mode): preflights are answered, and
 * answers name the origin and expose the MCP headers. Foreign origins never get here: the Origin check refuses them.
 */
function allowBrowsers(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const origin = request.headers.origin;
    if (typeof origin === 'string' && originAllowed(origin, allowedOrigins)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      reply.header('access-control-expose-headers', 'mcp-session-id, mcp-protocol-version, www-authenticate');
    }
    return payload;
  });
  app.options(MCP_PATH, async (request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS')
      .header(
        'access-control-allow-headers',
        request.headers['access-control-request-headers'] ??
          'content-type, accept, authorization, mcp-protocol-version',
      )
      .header('access-control-max-age', '600')
      .send(),
  );
}

/** How often at most a refused connection is logged: a flood would otherwise write a line for each. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** Logs refused connections: the first at once, then how many more each REFUSAL_LOG_INTERVAL_MS. */
function refusalLog(logger: Logger, maxConnections: number): () => void {
  let refused = 0;
  let timer: NodeJS.Timeout | undefined;
  const say = (count: number) =>
    logger.warn(
      { refused: count, maxConnections },
      `HTTP connections refused: ${maxConnections} were open (--max-connections, the open-files limit)`,
    );
  return () => {
    if (timer) {
      refused++;
      return;
    }
    say(1);
    timer = setTimeout(() => {
      timer = undefined;
      if (refused > 0) say(refused);
      refused = 0;
    }, REFUSAL_LOG_INTERVAL_MS);
    timer.unref();
  };
}

/** `limits`: what the HTTP layer waits for and holds, for tests that need them small; otherwise the defaults. */
export async function startHttp(
  factory: () => McpServer,
  config: HttpConfig,
  logger: Logger,
  limits: Partial<HttpLimits> = {},
): Promise<HttpHandle> {
  checkHttpSecurity(config);
  const serving = httpLimits({
    ...(config.maxConnections !== undefined ? { maxConnections: config.maxConnections } : {}),
    ...limits,
  });
  if (serving.warning) logger.warn(serving.warning);
  const served = createMcpHttpApp({
    factory,
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.allowedOrigins,
    ...(config.token ? { guard: bearerGuard(config.token) } : {}),
    openRoutes: [HEALTH_PATH],
    path: MCP_PATH,
    limits: serving.limits,
    onerror: (error) => logger.debug({ err: error }, 'mcp http'),
    onrefused: refusalLog(logger, serving.limits.maxConnections),
  });
  logger.debug(serving.limits, 'http limits');
  allowBrowsers(served.app, config.allowedOrigins);
  served.app.get(HEALTH_PATH, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  served.app.addHook('onResponse', async (request, reply) => {
    logger.debug({ method: request.method, url: request.url, status: reply.statusCode }, 'http request');
  });
  await served.app.listen({ host: config.host, port: config.port });
  const address = served.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['0.0.0.0', '::'].includes(config.host)
    ? '127.0.0.1'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  return { url: `http://${shownHost}:${port}${MCP_PATH}`, port, close: () => served.close() };
}
