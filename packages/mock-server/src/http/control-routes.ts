import { formatTimestamp } from '@wolkvox-mcp/contracts';
import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator.js';
import { WolkvoxError } from '../envelope.js';
import type { FaultRule, MockControl } from '../types.js';

/**
 * `/__mock/`: the control API for tests and demos. No token needed (it is the operator's side of the emulator,
 * never exposed by wolkvox). Bodies are validated by Fastify's JSON schemas; errors use the envelope like
 * everything else.
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

const faultBody = {
  type: 'object',
  required: ['fault'],
  additionalProperties: false,
  properties: {
    fault: {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { enum: ['status', 'delay', 'reset', 'truncate', 'concurrency'] },
        status: { type: 'integer' },
        ms: { type: 'number' },
      },
    },
    times: { type: 'integer', minimum: 1 },
    probability: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    match: {
      type: 'object',
      additionalProperties: false,
      properties: { api: { type: 'string' }, family: { type: 'string' }, token: { type: 'string' } },
    },
  },
} as const;

const disabledReportsBody = {
  type: 'object',
  required: ['reports'],
  additionalProperties: false,
  properties: { reports: { type: 'array', items: { type: 'string', minLength: 1 } } },
} as const;

function badRequest(error: unknown): WolkvoxError {
  return new WolkvoxError(
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

export function registerControlRoutes(app: FastifyInstance, emulator: Emulator, control: MockControl): void {
  app.get('/__mock/journal', async () => control.journal());
  app.get('/__mock/stats', async () => control.stats());
  app.post('/__mock/reset', async () => {
    control.reset();
    return { ok: true };
  });
  app.get('/__mock/tenant', async () => control.tenant());

  // The tenant's server configuration: which reports it does not have (404 `Validate dates entered`).
  app.get('/__mock/disabled-reports', async () => ({ reports: control.tenant().disabledReports }));
  app.put<{ Body: { reports: string[] } }>(
    '/__mock/disabled-reports',
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

  app.get('/__mock/clock', async () => clockState(emulator));
  app.post<{
    Body: { set?: string; now?: string; advanceMs?: number; freeze?: boolean | string } | undefined;
  }>('/__mock/clock', { schema: { body: clockBody } }, async (request) => {
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

  app.get('/__mock/faults', async () => emulator.faults.list());
  app.post<{ Body: FaultRule }>('/__mock/faults', { schema: { body: faultBody } }, async (request, reply) => {
    try {
      const id = control.injectFault(request.body);
      return reply.code(201).send({ id });
    } catch (error) {
      throw badRequest(error);
    }
  });
  app.delete('/__mock/faults', async () => {
    control.clearFaults();
    return { ok: true };
  });
  app.delete<{ Params: { id: string } }>('/__mock/faults/:id', async (request) => {
    if (!emulator.faults.remove(request.params.id)) {
      throw new WolkvoxError(404, 'NOT FOUND', 'NO SUCH FAULT', request.params.id);
    }
    return { ok: true };
  });
}
