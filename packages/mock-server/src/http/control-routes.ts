import { formatTimestamp } from '@wolkvox-mcp/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { Emulator } from '../emulator.js';
import { EmulatorRefusal } from '../envelope.js';
import type { FaultRule, MockControl } from '../types.js';
import {
  clockBodySchema,
  controlRefusal,
  disabledReportsBodySchema,
  emptyBodySchema,
  emptyQuerySchema,
  faultIdParamsSchema,
  parseControlInput,
} from './control-input.js';
import { sendNotFound } from './error-handlers.js';
import { scenarioRoutes } from './scenario-routes.js';

/**
 * `/__mock/`: the control API for tests and demos, as a plugin registered under that prefix. No token needed (it
 * is the operator's side of the emulator, never exposed by wolkvox) and no journal entry (the journal's hooks live
 * in the report routes' scope). Every input is checked by a zod schema (control-input.ts; fault rules by the fault
 * book's own), and errors use the envelope like everything else.
 */

function badRequest(error: unknown): EmulatorRefusal {
  if (error instanceof EmulatorRefusal) return error;
  return controlRefusal(error instanceof Error ? error.message : String(error));
}

export function clockState(emulator: Emulator) {
  return {
    now: emulator.clock.now().toISOString(),
    wall: formatTimestamp(emulator.clock.wallNow()),
    timeZone: emulator.options.timeZone,
    frozen: emulator.clock.isFrozen(),
  };
}

/** One route of the control API as its index lists it: what a caller sends, and what it does. */
export interface ControlRoute {
  method: string;
  path: string;
  does: string;
}

const INDEX_DOES = 'this list';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a control route does, as `GET /__mock/` lists it. */
    does?: string;
  }
}

const does = (text: string) => ({ config: { does: text } });

export const controlRoutes: FastifyPluginAsync<{
  emulator: Emulator;
  control: MockControl;
  prefix: string;
}> = async (app, { emulator, control, prefix }) => {
  // The index lists the routes as they are registered, each with the description it was registered with: it
  // cannot name a route that does not exist or miss one that does.
  const index: ControlRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || !route.config?.does) return;
    const path = route.url.slice(prefix.length) || '/';
    for (const method of [route.method].flat()) {
      // `/__mock` and `/__mock/` are one route registered twice.
      if (!index.some((known) => known.method === method && known.path === path))
        index.push({ method, path, does: route.config.does });
    }
  });
  // No control route reads a query string; checked once for the whole scope, before any handler.
  app.addHook('preValidation', async (request) => {
    parseControlInput(emptyQuerySchema, request.query ?? {}, 'query');
  });
  app.get('/', does(INDEX_DOES), async () => ({ routes: index }));
  app.get('/journal', does('every wolkvox call received, oldest first (tokens by label)'), async () =>
    control.journal(),
  );
  app.get('/stats', does("each token's requests, calls in flight and quota used today"), async () =>
    control.stats(),
  );
  app.post('/reset', does('clears the journal, stats, quotas and faults (body: none)'), async (request) => {
    parseControlInput(emptyBodySchema, request.body ?? undefined, 'body');
    control.reset();
    return { ok: true };
  });
  app.get('/tenant', does('the simulated cast: agents, skills, campaigns, type codes, seed'), async () =>
    control.tenant(),
  );
  // The tenant itself: a scenario sent here replaces it (its own scope, for its own body parsers).
  await app.register(scenarioRoutes, { control });

  // The tenant's server configuration: which reports it does not have (404 `Validate dates entered`).
  app.get('/disabled-reports', does("reports the tenant's server does not have"), async () => ({
    reports: control.tenant().disabledReports,
  }));
  app.put('/disabled-reports', does('sets them: {"reports":["chat_7"]}'), async (request) => {
    const { reports } = parseControlInput(disabledReportsBodySchema, request.body, 'body');
    try {
      control.setDisabledReports(reports);
    } catch (error) {
      throw badRequest(error);
    }
    return { reports: control.tenant().disabledReports };
  });

  app.get('/clock', does("the emulator's clock (also in every answer's wolkvox-mock-now header)"), async () =>
    clockState(emulator),
  );
  app.post('/clock', does('moves it: {"set":iso} {"advanceMs":n} {"freeze":true|iso}'), async (request) => {
    const body = parseControlInput(clockBodySchema, request.body ?? {}, 'body');
    try {
      const at = body.set ?? body.now;
      if (body.freeze !== undefined && body.freeze !== false) {
        control.freezeClock(typeof body.freeze === 'string' ? body.freeze : at);
      } else if (at !== undefined) {
        control.setClock(at);
      }
      if (body.advanceMs !== undefined) control.advanceClock(body.advanceMs);
    } catch (error) {
      throw badRequest(error);
    }
    return clockState(emulator);
  });

  app.get('/faults', does('the faults waiting to be injected'), async () => emulator.faults.list());
  app.post(
    '/faults',
    does('injects one: {"fault":{"kind":"status","status":500},"match":{"api":"agent_1"}}'),
    async (request, reply) => {
      try {
        // Unchecked here on purpose: the fault book checks every rule, from here or in process, with one schema.
        const id = control.injectFault(request.body as FaultRule);
        return reply.code(201).send({ id });
      } catch (error) {
        throw badRequest(error);
      }
    },
  );
  app.delete('/faults', does('clears every fault'), async (request) => {
    parseControlInput(emptyBodySchema, request.body ?? undefined, 'body');
    control.clearFaults();
    return { ok: true };
  });
  app.delete('/faults/:id', does('removes one fault by its id'), async (request) => {
    const { id } = parseControlInput(faultIdParamsSchema, request.params, 'params');
    if (!emulator.faults.remove(id)) {
      throw new EmulatorRefusal(404, 'NOT FOUND', 'NO SUCH FAULT', id);
    }
    return { ok: true };
  });
  // An unknown control path is still answered in the envelope, and, being out of the report routes' scope, not
  // journaled.
  app.setNotFoundHandler(sendNotFound);
};
