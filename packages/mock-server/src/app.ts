import { EMULATOR_CLOCK_HEADER } from '@wolkvox-mcp/contracts/http';
import Fastify, { type FastifyInstance } from 'fastify';
import { resolveOptions } from './config/options.js';
import { createControl } from './control.js';
import { Emulator } from './emulator.js';
import { controlRoutes } from './http/control-routes.js';
import { handleError, rawErrorResponse } from './http/error-handlers.js';
import { checkHostHeader } from './http/host-header.js';
import { openApiRoute } from './http/openapi-route.js';
import { parseQuery } from './http/query.js';
import { reportRoutes } from './http/report-routes.js';
import type { MockControl, MockServerOptions } from './types.js';

/** Where the control API is served: the operator's side of the emulator, which wolkvox does not have. */
export const CONTROL_PREFIX = '/__mock';

/** Builds the emulator's Fastify app without listening (tests use `app.inject`). */
export async function buildMockApp(
  options: MockServerOptions = {},
): Promise<{ app: FastifyInstance; control: MockControl }> {
  const resolved = resolveOptions(options);
  const emulator = new Emulator(resolved);
  const control = createControl(emulator);

  const app = Fastify({
    logger: resolved.logger,
    // Idle keep-alive sockets must not hold close() up; tests start and stop many emulators.
    forceCloseConnections: true,
    routerOptions: { querystringParser: parseQuery },
    // Node would answer a request without Host 400 with an empty body; checkHostHeader answers it in the envelope.
    http: { requireHostHeader: false },
    // Errors the router raises before any handler (a URL that is not valid percent-encoding...) get the envelope.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    // Malformed HTTP (oversized headers, garbage) is answered by Node's parser; answer it in the envelope too.
    clientErrorHandler: (error, socket) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ECONNRESET' || !socket.writable) return socket.destroy();
      const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      socket.end(rawErrorResponse(status, 'malformed HTTP request'));
    },
  });

  // Every error, in any scope, leaves in the envelope: Fastify's own `{statusCode, error, message}` never does.
  app.setErrorHandler(handleError);
  // A malformed or missing Host is refused before any scope, so no route, fault or journal entry sees it.
  app.addHook('onRequest', checkHostHeader);
  app.addHook('onSend', async (_request, reply, payload) => {
    // Every answer says the emulator's clock (contracts' EMULATOR_CLOCK_HEADER), errors and control answers too.
    reply.header(EMULATOR_CLOCK_HEADER, emulator.clock.now().toISOString());
    return payload;
  });
  // Three encapsulated scopes: wolkvox's surface (journaled), the operator's control API, the OpenAPI document.
  await app.register(reportRoutes, { emulator });
  await app.register(controlRoutes, { prefix: CONTROL_PREFIX, emulator, control });
  await app.register(openApiRoute);
  await app.ready();
  return { app, control };
}
