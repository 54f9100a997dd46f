import { formatTimestamp } from '@wolkvox-mcp/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { Emulator } from '../emulator.js';
import { EmulatorRefusal } from '../envelope.js';
import type { FaultRule, MockControl } from '../types.js';
import { sendNotFound } from './error-handlers.js';

/**
 * `/__mock/`: the control API for tests and demos, as a plugin registered under that prefix. No token needed (it
 * is the operator's side of the emulator, never exposed by wolkvox) and no journal entry (the journal's hooks live
 * in the report routes' scope). Bodies are validated by Fastify's JSON schemas, except fault rules, which the
 * fault book checks with its own zod schema (faults/fault-rule.ts); errors use the envelope like everything else.
 */

const clockBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    set: { type: 'string', minLength: 1 },
    now: { type: 'string', minLength: 1 },
    advanceMs: { type: 'number' },
    freeze: { anyOf: [{ type: 'boolean' }, { type: 'string', minLength: 1 }] },
  },
} as const;

const disabledReportsBody = {
  type: 'object',
  required: ['reports'],
  additionalProperties: false,
  properties: { reports: { type: 'array', items: { type: 'string', minLength: 1 } } },
} as const;

function badRequest(error: unknown): EmulatorRefusal {
  return new EmulatorRefusal(
    400,
    'BAD REQUEST',
    'INVALID CONTROL REQUEST',
    error instanceof Error ? error.message : String(error),
  );
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
  app.get('/journal', async () => control.journal());
  app.get('/stats', async () => control.stats());
  app.post('/reset', async () => {
    control.reset();
    return { ok: true };
  });
  app.get('/tenant', async () => control.tenant());

  // The tenant's server configuration: which reports it does not have (404 `Validate dates entered`).
  app.get('/disabled-reports', async () => ({ reports: control.tenant().disabledReports }));
  app.put<{ Body: { reports: string[] } }>(
    '/disabled-reports',
    { schema: { body: disabledReportsBody } },
    async (request) => {
      try {
        control.setDisabledReports(request.body.reports);
      } catch (error) {
        throw badRequest(error);
      }
      return { reports: control.tenant().disabledReports };
    },
  );

  app.get('/clock', async () => clockState(emulator));
  app.post<{
    Body: { set?: string; now?: string; advanceMs?: number; freeze?: boolean | string } | undefined;
  }>('/clock', { schema: { body: clockBody } }, async (request) => {
    const body = request.body ?? {};
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
  app.delete('/faults', async () => {
    control.clearFaults();
    return { ok: true };
  });
  app.delete<{ Params: { id: string } }>('/faults/:id', async (request) => {
    if (!emulator.faults.remove(request.params.id)) {
      throw new EmulatorRefusal(404, 'NOT FOUND', 'NO SUCH FAULT', request.params.id);
    }
    return { ok: true };
  });
  // An unknown control path is still answered in the envelope, and, being out of the report routes' scope, not
  // journaled.
  app.setNotFoundHandler(sendNotFound);
};
