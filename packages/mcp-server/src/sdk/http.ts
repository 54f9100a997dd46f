/**
 * Streamable HTTP through the SDK: its per-request handler (createMcpHandler) serves 2026-07-28 requests and
 * 2025-era ones statelessly, each with a fresh server from the factory. In front of it, a Fastify app with
 * @modelcontextprotocol/fastify's Host and Origin validation against the allow-lists (on every interface), behind
 * our own checks that the request target is a path and the Host header well formed; whatever arrives, a refusal of
 * ours is a JSON-RPC error body, never Fastify's default one. The app sheds what is not a request (HttpLimits), and
 * a body with more entries than one message may hold is refused before the SDK validates it (refusals.ts).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/fastify';
import {
  createMcpHandler,
  DEFAULT_MAX_REQUEST_BODY_SIZE,
  isJsonContentType,
  type McpServer,
} from '@modelcontextprotocol/server';
import { hostHeaderProblem } from '@wolkvox-mcp/contracts/http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { boundErrorReply, ERROR_TEXT_LIMIT } from './error-replies.js';
import { tooManyEntries } from './refusals.js';

/** What the server waits for and holds (src/transports/http-limits.ts has the defaults and why). */
export interface HttpLimits {
  /** Node's headersTimeout: a connection's request headers must be complete this long after it opens. */
  headersTimeoutMs: number;
  /** Node's requestTimeout: the whole request, body included. */
  requestTimeoutMs: number;
  /** Idle time between requests on a kept-alive connection. */
  keepAliveTimeoutMs: number;
  /** Fastify's connectionTimeout: a socket that moves no bytes this long is closed, unless it waits for our answer. */
  silentSocketMs: number;
  /** Connections held at once (Node's maxConnections): the next one is closed as it arrives. */
  maxConnections: number;
}

export interface McpHttpAppOptions {
  /** A fresh server for one request. */
  factory: () => McpServer;
  allowedHosts: string[];
  allowedOrigins: string[];
  /** Runs after the Host/Origin checks, before MCP: a hook that may refuse the request (authentication). */
  guard?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /**
   * Routes answered whatever the Host, Origin or guard (a load balancer's health check probes by address, with no
   * token): what they answer must hold nothing of the tenant's. A malformed Host is still refused.
   */
  openRoutes?: readonly string[];
  path?: string;
  limits: HttpLimits;
  onerror?: (error: Error) => void;
  /** A connection was refused: `maxConnections` were open. */
  onrefused?: () => void;
}

export interface McpHttpApp {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The Fastify request as a web Request, aborted when the client goes away before the answer is complete. */
function toWebRequest(request: FastifyRequest, reply: FastifyReply): Request {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const body = Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : undefined;
  return new Request(`http://${request.headers.host ?? 'localhost'}${request.url}`, {
    method: request.method,
    headers,
    ...(body ? { body, duplex: 'half' } : {}),
    signal: controller.signal,
  } as RequestInit);
}

/**
 * The SDK's web Response through Fastify. Hop-by-hop headers stay Node's: the SDK's `connection: keep-alive` on
 * a stream would override a client's `Connection: close`.
 */
async function sendWebResponse(reply: FastifyReply, response: Response) {
  reply.code(response.status);
  // A refusal of the SDK's entry may quote what the caller sent (error-replies.ts): its body is bounded.
  const refused = response.status >= 400 && isJsonContentType(response.headers.get('content-type'));
  for (const [name, value] of response.headers)
    if (name !== 'connection' && !(refused && name === 'content-length')) reply.header(name, value);
  if (refused) return reply.send(boundedBody(await response.text()));
  return reply.send(response.body ?? undefined);
}

/** A JSON-RPC error body (or batch of them) with each error bounded; text that is not JSON as it is. */
function boundedBody(text: string): string {
  if (text.length <= ERROR_TEXT_LIMIT) return text;
  try {
    const body: unknown = JSON.parse(text);
    return JSON.stringify(Array.isArray(body) ? body.map(boundErrorReply) : boundErrorReply(body));
  } catch {
    return text;
  }
}

/** A JSON-RPC error body for a refusal that concerns the HTTP request, not one message (so no id). */
function jsonRpcError(message: string) {
  return { jsonrpc: '2.0', error: { code: -32000, message }, id: null } as const;
}

/** Bytes of a complete HTTP response with a JSON-RPC error, for what Node's parser refuses before Fastify runs. */
function rawJsonRpcError(status: number, reason: string, message: string): string {
  const body = JSON.stringify(jsonRpcError(message));
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** What Node's parser refused (or timed out), answered as JSON-RPC. */
function clientErrorAnswer(error: NodeJS.ErrnoException, limits: HttpLimits): string {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return rawJsonRpcError(431, 'Request Header Fields Too Large', 'Bad Request: headers too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return rawJsonRpcError(
        408,
        'Request Timeout',
        `Request Timeout: a request's headers must arrive within ${limits.headersTimeoutMs} ms, ` +
          `and the whole request within ${limits.requestTimeoutMs} ms`,
      );
    default:
      return rawJsonRpcError(400, 'Bad Request', 'Bad Request: malformed HTTP request');
  }
}

/** How long a refused socket may take to take our answer before it is closed anyway. */
const LINGER_MS = 1_000;

/**
 * Answers a socket and closes it. Node's server keeps a socket half open after it ends its side (until the client
 * ends its own, which a hostile one never does): it is destroyed once the answer is out, or after LINGER_MS.
 */
function answerAndClose(socket: Socket, answer: string): void {
  const linger = setTimeout(() => socket.destroy(), LINGER_MS);
  linger.unref();
  socket.end(answer, () => {
    clearTimeout(linger);
    socket.destroy();
  });
}

/**
 * A socket silent for `silentSocketMs` (Fastify's connectionTimeout), or idle between requests for the keep-alive
 * timeout, is closed here: Node hands every socket timeout to the server's listener once there is one. One waiting
 * for our answer with nothing queued for it is kept (a tool call thinking, a subscription between its keep-alives);
 * one with bytes queued has a client that stopped reading.
 */
function shedSilentSockets(server: Server): void {
  const answering = new WeakMap<Socket, number>();
  server.on('request', (request, response) => {
    const socket = request.socket;
    answering.set(socket, (answering.get(socket) ?? 0) + 1);
    response.once('close', () => answering.set(socket, (answering.get(socket) ?? 1) - 1));
  });
  server.on('timeout', (socket: Socket) => {
    if ((answering.get(socket) ?? 0) > 0 && socket.writableLength === 0) return;
    socket.destroy();
  });
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** A hook that lets the open routes through (by the route matched, never by a path the caller spelled). */
function unlessOpen(options: Pick<McpHttpAppOptions, 'openRoutes'>, hook: Hook): Hook {
  const open = new Set(options.openRoutes ?? []);
  if (open.size === 0) return hook;
  return async (request, reply) => {
    const route = request.routeOptions.url;
    if (route !== undefined && open.has(route)) return;
    return hook(request, reply);
  };
}

/**
 * The Fastify app with the transport's checks, in order: a well-formed Host (400), then the allow-lists for Host
 * and Origin (403, the SDK's hooks, which compare only the host name they parse out and so must see a valid one).
 */
function createCheckedApp(options: McpHttpAppOptions): FastifyInstance {
  const { limits } = options;
  const app = Fastify({
    http: {
      // Node would answer a request without Host 400 with an empty body; the Host check answers it as JSON-RPC.
      requireHostHeader: false,
      headersTimeout: limits.headersTimeoutMs,
      // How often Node looks for requests past their timeouts (its default, 30 s, would add up to that to each).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.silentSocketMs,
    // Malformed HTTP (oversized headers, garbage) and requests past their timeouts are answered by Node's parser:
    // answer them as JSON-RPC too.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
      answerAndClose(socket, clientErrorAnswer(error, limits));
    },
  });
  app.server.maxConnections = limits.maxConnections;
  app.server.on('drop', () => options.onrefused?.());
  shedSilentSockets(app.server);
  // A target in absolute form (`POST http://host/mcp`) or asterisk form is not a path to serve.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.raw.url?.startsWith('/'))
      await reply
        .code(400)
        .send(jsonRpcError('Bad Request: the request target must be a path such as /mcp, not a URL'));
  });
  app.addHook('onRequest', async (request, reply) => {
    // HTTP/1.0 predates Host: only 1.1 requires it (as Node does when it checks).
    if (request.headers.host === undefined && request.raw.httpVersion === '1.0') return;
    const problem = hostHeaderProblem(request.headers.host);
    if (problem !== undefined) await reply.code(400).send(jsonRpcError(`Bad Request: ${problem}`));
  });
  app.addHook('onRequest', unlessOpen(options, hostHeaderValidation(options.allowedHosts)));
  app.addHook('onRequest', unlessOpen(options, originValidation(options.allowedOrigins)));
  // Errors Fastify raises itself (a body over the limit, an unknown path) leave as JSON-RPC errors too; the
  // message of anything unexpected stays in the log.
  app.setErrorHandler(async (error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) options.onerror?.(error instanceof Error ? error : new Error(String(error.message)));
    return reply
      .code(status)
      .send(jsonRpcError(status >= 500 ? 'Internal error' : `Bad Request: ${error.message ?? 'refused'}`));
  });
  // The path asked for is not echoed: it may be as long as Node's header limit.
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send(jsonRpcError(`Not Found: MCP is served at ${options.path ?? '/mcp'}`)),
  );
  return app;
}

/**
 * The body of a JSON POST, parsed as the SDK would parse it, so that its entries are counted before the SDK
 * validates them; the SDK then takes it parsed. Undefined for whatever the SDK answers itself: no body, another
 * media type (415), one over its bound (413), text that is not JSON (parse error).
 */
function jsonBody(request: FastifyRequest): { value: unknown } | undefined {
  const body = request.body;
  if (request.method !== 'POST' || !Buffer.isBuffer(body) || body.length === 0) return undefined;
  if (body.length > DEFAULT_MAX_REQUEST_BODY_SIZE) return undefined;
  if (!isJsonContentType(request.headers['content-type'] ?? null)) return undefined;
  try {
    return { value: JSON.parse(new TextDecoder().decode(body)) };
  } catch {
    return undefined;
  }
}

export function createMcpHttpApp(options: McpHttpAppOptions): McpHttpApp {
  const app = createCheckedApp(options);
  if (options.guard) app.addHook('onRequest', unlessOpen(options, options.guard));

  // The SDK reads and checks the body itself (JSON-RPC parse errors, 415, 413): hand it over as bytes, up to one
  // byte over the SDK's bound so that the SDK is the one to refuse it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: DEFAULT_MAX_REQUEST_BODY_SIZE + 1 },
    (_request, body, done) => done(null, body),
  );

  const handler = createMcpHandler(() => options.factory(), {
    ...(options.onerror ? { onerror: options.onerror } : {}),
  });
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: options.path ?? '/mcp',
    handler: async (request, reply) => {
      const parsedBody = jsonBody(request);
      const refused = parsedBody === undefined ? undefined : tooManyEntries(parsedBody.value);
      if (refused) return reply.code(400).send(refused);
      const response = await handler.fetch(
        toWebRequest(request, reply),
        parsedBody === undefined ? undefined : { parsedBody: parsedBody.value },
      );
      return sendWebResponse(reply, response);
    },
  });

  return {
    app,
    close: async () => {
      await handler.close();
      await app.close();
    },
  };
}
