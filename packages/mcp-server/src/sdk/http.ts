/**
 * Streamable HTTP through the SDK: a Fastify app from @modelcontextprotocol/fastify (Host and Origin validation
 * against the allow-lists, on every interface) and the SDK's per-request handler, which serves 2026-07-28
 * requests and falls back to stateless serving for 2025-era clients.
 */
import { createMcpFastifyApp } from '@modelcontextprotocol/fastify';
import { createMcpHandler, type McpServer } from '@modelcontextprotocol/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The SDK's own bound on a request body (4 MiB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface McpHttpAppOptions {
  factory: () => McpServer;
  host: string;
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

export function createMcpHttpApp(options: McpHttpAppOptions): McpHttpApp {
  const app = createMcpFastifyApp({
    host: options.host,
    allowedHosts: options.allowedHosts,
    allowedOrigins: options.allowedOrigins,
  });
  if (options.guard) app.addHook('onRequest', options.guard);

  // The SDK reads and checks the body itself (JSON-RPC parse errors, 415, 413): hand it over as bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES + 1 },
    (_request, body, done) => done(null, body),
  );

  const handlerOptions = {
    legacy: 'stateless',
    maxRequestBodySize: MAX_BODY_BYTES,
    ...(options.onerror ? { onerror: options.onerror } : {}),
  } as const;
  const streaming = createMcpHandler(options.factory, handlerOptions);
  const oneMessage = withoutJsonModeWarning(() =>
    createMcpHandler(options.factory, { ...handlerOptions, responseMode: 'json' }),
  );
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: options.path ?? '/mcp',
    handler: async (request, reply) => {
      const parsedBody = parsedBodyOf(request);
      const streams = mayStream(request.method, parsedBody);
      const response = await (streams ? streaming : oneMessage).fetch(
        toWebRequest(request, reply),
        parsedBody === undefined ? undefined : { parsedBody },
      );
      if (response.body === null || streams) return reply.send(response);
      // One message: sent whole, it skips piping a web stream into the socket.
      const body = Buffer.from(await response.arrayBuffer());
      reply.code(response.status);
      for (const [name, value] of response.headers) reply.header(name, value);
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
