/**
 * Streamable HTTP through the SDK: its per-request handler (createMcpHandler) serves 2026-07-28 requests and
 * 2025-era ones statelessly, each with a fresh server from the factory. In front of it, a Fastify app with
 * @modelcontextprotocol/fastify's Host and Origin validation against the allow-lists (on every interface), behind
 * our own check that the Host header is well formed; whatever arrives, a refusal of ours is a JSON-RPC error body,
 * never Fastify's default one.
 */
import type { Socket } from 'node:net';
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/fastify';
import {
  createMcpHandler,
  DEFAULT_MAX_REQUEST_BODY_SIZE,
  type McpServer,
} from '@modelcontextprotocol/server';
import { hostHeaderProblem } from '@wolkvox-mcp/contracts/http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

export interface McpHttpAppOptions {
  /** A fresh server for one request. */
  factory: () => McpServer;
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
 * The SDK's web Response through Fastify. Hop-by-hop headers stay Node's: the SDK's `connection: keep-alive` on
 * a stream would override a client's `Connection: close`.
 */
function sendWebResponse(reply: FastifyReply, response: Response) {
  reply.code(response.status);
  for (const [name, value] of response.headers) if (name !== 'connection') reply.header(name, value);
  return reply.send(response.body ?? undefined);
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
    handler: async (request, reply) =>
      sendWebResponse(reply, await handler.fetch(toWebRequest(request, reply))),
  });

  return {
    app,
    close: async () => {
      await handler.close();
      await app.close();
    },
  };
}
