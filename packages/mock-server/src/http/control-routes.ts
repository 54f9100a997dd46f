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

export const controlRoutes: FastifyPluginAsync<{ emulator: Emulator; control: MockControl }> = async (
  app,
  { emulator, control },
) => {
  // No control route reads a query string; checked once for the whole scope, before any handler.
  app.addHook('preValidation', async (request) => {
    parseControlInput(emptyQuerySchema, request.query ?? {}, 'query');
  });
  app.get('/journal', async () => control.journal());
  app.get('/stats', async () => control.stats());
  app.post('/reset', async (request) => {
    parseControlInput(emptyBodySchema, request.body ?? undefined, 'body');
    control.reset();
    return { ok: true };
  });
  app.get('/tenant', async () => control.tenant());
  // The tenant itself: a scenario sent here replaces it (its own scope, for its own body parsers).
  await app.register(scenarioRoutes, { control });

  // The tenant's server configuration: which reports it does not have (404 `Validate dates entered`).
  app.get('/disabled-reports', async () => ({ reports: control.tenant().disabledReports }));
  app.put('/disabled-reports', async (request) => {
    const { reports } = parseControlInput(disabledReportsBodySchema, request.body, 'body');
    try {
      control.setDisabledReports(reports);
    } catch (error) {
      throw badRequest(error);
    }
    return { reports: control.tenant().disabledReports };
  });

  app.get('/clock', async () => clockState(emulator));
  app.post('/clock', async (request) => {
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

  app.get('/faults', async () => emulator.faults.list());
  app.post('/faults', async (request, reply) => {
    try {
      // Unchecked here on purpose: the fault book checks every rule, from here or in process, with one schema.
      const id = control.injectFault(request.body as FaultRule);
      return reply.code(201).send({ id });
    } catch (error) {
      throw badRequest(error);
    }
  });
  app.delete('/faults', async (request) => {
    parseControlInput(emptyBodySchema, request.body ?? undefined, 'body');
    control.clearFaults();
    return { ok: true };
  });
  app.delete('/faults/:id', async (request) => {
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
