import Fastify, { type FastifyInstance } from 'fastify';
import { createControl } from './control.js';
import { Emulator } from './emulator.js';
import { registerControlRoutes } from './http/control-routes.js';
import { handleError, rawErrorResponse, registerErrorHandlers } from './http/error-handlers.js';
import { registerJournal } from './http/journal-hook.js';
import { registerOpenApiRoute } from './http/openapi-route.js';
import { parseQuery } from './http/query.js';
import { registerReportRoutes } from './http/report-route.js';
import { resolveOptions } from './options.js';
import type { MockControl, MockServerOptions } from './types.js';

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

  registerErrorHandlers(app);
  registerJournal(app, emulator.journal, emulator.clock);
  registerReportRoutes(app, emulator);
  registerControlRoutes(app, emulator, control);
  registerOpenApiRoute(app);
  await app.ready();
  return { app, control };
}
