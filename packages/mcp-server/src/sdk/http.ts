/**
 * Streamable HTTP through the SDK: a Fastify app with @modelcontextprotocol/fastify's Host and Origin validation
 * against the allow-lists (on every interface), behind our own check that the Host header is well formed, and the
 * SDK's per-request handler, which serves 2026-07-28 requests and falls back to stateless serving for 2025-era
 * clients. Answers that are one message are sent as one JSON body in both eras (the 2025-era ones through
 * answerLegacyAsJson), and a server built for one tools/call registers that tool alone (ServerScope). Whatever
 * arrives, a refusal is a JSON-RPC error body, never Fastify's default one.
 */
import type { Socket } from 'node:net';
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/fastify';
import {
  createMcpHandler,
  isLegacyRequest,
  type McpRequestContext,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { hostHeaderProblem } from '@wolkvox-mcp/contracts/http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServerScope } from './server.js';

/** The SDK's own bound on a request body (4 MiB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface McpHttpAppOptions {
  /** A server for one request; `scope` when the request is known to need less than everything (sdk/server.ts). */
  factory: (scope?: ServerScope) => McpServer;
  allowedHosts: string[];
  allowedOrigins: string[];
  /** Runs after the Host/Origin checks, before MCP: a hook that may refuse the request (authentication). */
  guard?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  path?: string;
  onerror?: (error: Error) => void;
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
 * The JSON-RPC body, parsed once here and handed to the SDK, which then neither clones the request nor reads and
 * parses it again. Undefined when the SDK must see the raw bytes to answer for them itself: a body that is not
 * JSON (parse error) or is over the size limit (413).
 */
function parsedBodyOf(request: FastifyRequest): unknown {
  if (request.method !== 'POST' || !Buffer.isBuffer(request.body)) return undefined;
  if (request.body.length === 0 || request.body.length > MAX_BODY_BYTES) return undefined;
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * What the request's server will serve, when the body says: a single tools/call needs its tool alone. A batch, or
 * anything else, gets a whole server.
 */
function scopeOf(parsedBody: unknown): ServerScope | undefined {
  if (typeof parsedBody !== 'object' || parsedBody === null || Array.isArray(parsedBody)) return undefined;
  const { method, params } = parsedBody as { method?: unknown; params?: { name?: unknown } };
  return method === 'tools/call' && typeof params?.name === 'string' ? { tool: params.name } : undefined;
}

/**
 * Whether the answer may carry messages before the result, and so must be streamed as they come: anything but a
 * POST (the standalone stream), a subscription, or a request with a progress token (progress notifications).
 * Any other POST is answered with exactly one message, which can be sent whole.
 */
function mayStream(method: string, parsedBody: unknown): boolean {
  if (method !== 'POST') return true;
  return (Array.isArray(parsedBody) ? parsedBody : [parsedBody]).some((message) => {
    const { method, params } = (message ?? {}) as {
      method?: unknown;
      params?: { _meta?: Record<string, unknown> };
    };
    return method === 'subscriptions/listen' || params?._meta?.progressToken !== undefined;
  });
}

/**
 * The SDK warns, once per handler, that JSON answers drop notifications sent before the result. This handler only
 * gets requests that cause none (see mayStream), so the warning would only mislead whoever reads the logs.
 */
function withoutJsonModeWarning<T>(create: () => T): T {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return create();
  } finally {
    console.warn = warn;
  }
}

/**
 * A 2025-era request that gets one answer, answered as one JSON body. The SDK serves 2025-era requests statelessly
 * (createMcpHandler's fallback) but takes no response mode there and always streams SSE; this is the same serving
 * (a fresh server on a stateless transport, torn down once it has answered or the client has gone) with
 * `enableJsonResponse`. The transport still checks Content-Type, Accept and the body itself.
 */
async function answerLegacyAsJson(
  server: McpServer,
  request: Request,
  parsedBody: unknown,
): Promise<Response> {
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_BODY_BYTES,
  });
  const teardown = () => {
    transport.close().catch(() => undefined);
    server.close().catch(() => undefined);
  };
  await server.connect(transport);
  request.signal.addEventListener('abort', teardown, { once: true });
  try {
    return await transport.handleRequest(request, { parsedBody });
  } finally {
    request.signal.removeEventListener('abort', teardown);
    teardown();
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

/**
 * The Fastify app with the transport's checks, in order: a well-formed Host (400), then the allow-lists for Host
 * and Origin (403, the SDK's hooks, which compare only the host name they parse out and so must see a valid one).
 */
function createCheckedApp(options: McpHttpAppOptions): FastifyInstance {
  const app = Fastify({
    // Node would answer a request without Host 400 with an empty body; the Host check answers it as JSON-RPC.
    http: { requireHostHeader: false },
    // Malformed HTTP (oversized headers, garbage) is answered by Node's parser: answer it as JSON-RPC too.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
      socket.end(
        error.code === 'HPE_HEADER_OVERFLOW'
          ? rawJsonRpcError(431, 'Request Header Fields Too Large', 'Bad Request: headers too large')
          : rawJsonRpcError(400, 'Bad Request', 'Bad Request: malformed HTTP request'),
      );
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    // HTTP/1.0 predates Host: only 1.1 requires it (as Node does when it checks).
    if (request.headers.host === undefined && request.raw.httpVersion === '1.0') return;
    const problem = hostHeaderProblem(request.headers.host);
    if (problem !== undefined) await reply.code(400).send(jsonRpcError(`Bad Request: ${problem}`));
  });
  app.addHook('onRequest', hostHeaderValidation(options.allowedHosts));
  app.addHook('onRequest', originValidation(options.allowedOrigins));
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

export function createMcpHttpApp(options: McpHttpAppOptions): McpHttpApp {
  const app = createCheckedApp(options);
  if (options.guard) app.addHook('onRequest', options.guard);

  // The SDK reads and checks the body itself (JSON-RPC parse errors, 415, 413): hand it over as bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES + 1 },
    (_request, body, done) => done(null, body),
  );

  // The SDK calls the factory with the web Request it was given (requestInfo); the scope is found by it. A Request
  // the SDK made itself finds none, and gets a whole server.
  const scopes = new WeakMap<Request, ServerScope>();
  const factory = (context: McpRequestContext) =>
    options.factory(context.requestInfo ? scopes.get(context.requestInfo) : undefined);
  const handlerOptions = {
    legacy: 'stateless',
    maxRequestBodySize: MAX_BODY_BYTES,
    ...(options.onerror ? { onerror: options.onerror } : {}),
  } as const;
  const streaming = createMcpHandler(factory, handlerOptions);
  const oneMessage = withoutJsonModeWarning(() =>
    createMcpHandler(factory, { ...handlerOptions, responseMode: 'json' }),
  );
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: options.path ?? '/mcp',
    handler: async (request, reply) => {
      const parsedBody = parsedBodyOf(request);
      const streams = mayStream(request.method, parsedBody);
      const webRequest = toWebRequest(request, reply);
      const scope = scopeOf(parsedBody);
      if (scope) scopes.set(webRequest, scope);
      const legacyOneMessage =
        !streams &&
        parsedBody !== undefined &&
        (await isLegacyRequest(webRequest, parsedBody, { maxRequestBodySize: MAX_BODY_BYTES }));
      const response = legacyOneMessage
        ? await answerLegacyAsJson(options.factory(scope), webRequest, parsedBody)
        : await (streams ? streaming : oneMessage).fetch(
            webRequest,
            parsedBody === undefined ? undefined : { parsedBody },
          );
      if (response.body === null || streams) return reply.send(response);
      // One message: sent whole, it skips piping a web stream into the socket.
      const body = Buffer.from(await response.arrayBuffer());
      reply.code(response.status);
      // Hop-by-hop headers stay Node's: the SDK's `connection: keep-alive` would override a client's `close`.
      for (const [name, value] of response.headers) if (name !== 'connection') reply.header(name, value);
      return reply.send(body);
    },
  });

  return {
    app,
    close: async () => {
      await Promise.all([streaming.close(), oneMessage.close()]);
      await app.close();
    },
  };
}
