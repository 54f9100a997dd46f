import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AnyReport,
  describeProblems,
  FAMILIES,
  type Family,
  findReportByApi,
} from '@wolkvox-mcp/contracts';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../emulator.js';
import { EmulatorRefusal, errorForStatus } from '../envelope.js';
import { driftedBody } from '../faults/drift.js';
import { describeFault } from '../faults/fault-book.js';
import { nextMidnight } from '../limits/quota-day.js';
import { requestRecords } from '../limits/token-usage.js';
import type { FaultSpec } from '../types.js';
import { journalCalls } from './call-journal.js';
import { handleError, sendNotFound } from './error-handlers.js';
import type { Query } from './query.js';
import { halfOf, resetConnection } from './sabotage.js';
import { sendBody } from './send.js';
import { checkWire, refusalOf, WireSchemas } from './wire-check.js';
import { callOf, type WolkvoxCall } from './wolkvox-call.js';

/**
 * The wolkvox endpoints: one route per family (`/api/v2/<family>.php`), the report chosen by `api`, everything
 * else read from the registry. A call runs the platform's gauntlet in this order: token present (401), token
 * known (403), a free concurrency slot (403), latency and injected faults, the daily quota (403), a known `api`
 * (400), valid parameters (400), window length (400), a report the tenant's server has (404), then the answer
 * (200, 404 empty, 413 too large) unless the time limit passed first (504).
 */

const SECOND_MS = 1000;

function tokenOf(request: FastifyRequest): string | undefined {
  // Node lowercases header names, so `Wolkvox-Token` and `WOLKVOX-TOKEN` arrive here too.
  const value = request.headers['wolkvox-token'];
  const token = Array.isArray(value) ? value[0] : value;
  return token === undefined || token.trim() === '' ? undefined : token.trim();
}

/**
 * A report the tenant's server does not have answers like an empty window: wolkvox sends 404 `Validate dates
 * entered` for it (observed for chat_7), after checking the request as for any report.
 */
function checkEnabled(emulator: Emulator, report: AnyReport): void {
  if (emulator.disabledReports.has(report.id)) {
    throw EmulatorRefusal.of('EMPTY_WINDOW', `${report.id} is not enabled on this tenant's server`);
  }
}

function apiRefusal(rule: string): EmulatorRefusal {
  const problems = [{ field: 'api', rule }];
  return EmulatorRefusal.of('MISSING_PARAMETERS', describeProblems(problems), { problems });
}

function resolveReport(family: Family, query: Query): AnyReport {
  const api = query.api;
  if (api === undefined || api === '') throw apiRefusal('is required');
  if (Array.isArray(api)) throw apiRefusal('was given more than once');
  const report = findReportByApi(family, api);
  if (!report) throw EmulatorRefusal.of('UNKNOWN_API', `${family} has no report named "${api.slice(0, 80)}"`);
  return report;
}

class CallAborted extends Error {}

/** Waits `ms`, but gives up as soon as the client has gone (no point finishing a call nobody reads). */
async function wait(reply: FastifyReply, ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
  if (reply.raw.destroyed || reply.raw.socket?.destroyed) throw new CallAborted();
}

/** The token of the call (401 when absent, 403 when unknown); latency applies to these answers too. */
async function authenticate(
  emulator: Emulator,
  request: FastifyRequest,
  reply: FastifyReply,
  call: WolkvoxCall,
) {
  const token = tokenOf(request);
  if (token === undefined) {
    await wait(reply, emulator.options.latencyMs);
    throw EmulatorRefusal.of('MISSING_TOKEN', 'send the token in the wolkvox-token header');
  }
  call.token = emulator.tokens.label(token);
  if (!emulator.tokens.isKnown(token)) {
    await wait(reply, emulator.options.latencyMs);
    throw EmulatorRefusal.of('INVALID_TOKEN', 'the token is not one of this tenant');
  }
  return token;
}

/**
 * Takes one of the token's concurrency slots. It is given back as soon as the call's answer is handed to Node
 * (a client that has read one answer may send the next at once) or, if the client leaves first, when it leaves
 * (the journal's onRequestAbort hook).
 */
function admit(emulator: Emulator, token: string, call: WolkvoxCall): void {
  if (!emulator.tokens.admit(token)) {
    const limit = emulator.options.limits.maxConcurrentPerToken;
    throw EmulatorRefusal.of('CONCURRENCY', `${limit} requests are already in flight on this token`);
  }
  call.hold(emulator.tokens, token);
}

/** Waits out latency and any injected delay; past the time limit, answers 504 at the limit, as a gateway would. */
async function pace(emulator: Emulator, reply: FastifyReply, fault: FaultSpec | undefined): Promise<void> {
  const delay = emulator.options.latencyMs + (fault?.kind === 'delay' ? fault.ms : 0);
  const timeout = emulator.options.limits.callTimeoutMs;
  if (delay > timeout) {
    await wait(reply, timeout);
    throw EmulatorRefusal.of('TIMEOUT', `the call would take ${delay} ms; the limit is ${timeout} ms`);
  }
  await wait(reply, delay);
}

/** Faults that replace the answer outright. True when the reply is already dealt with. */
function failEarly(emulator: Emulator, token: string, fault: FaultSpec | undefined, reply: FastifyReply) {
  if (fault?.kind === 'status') throw errorForStatus(fault.status, 'injected fault');
  if (fault?.kind === 'concurrency') {
    emulator.tokens.countRejected(token);
    throw EmulatorRefusal.of('CONCURRENCY', 'injected fault');
  }
  if (fault?.kind !== 'reset') return false;
  resetConnection(reply);
  return true;
}

/** Spends one call of the token's daily quota; when none is left, says when it comes back. */
function chargeQuota(emulator: Emulator, token: string): void {
  const { clock, options } = emulator;
  if (emulator.tokens.consume(token, emulator.today())) return;
  const reset = nextMidnight(clock.wallNow(), options.timeZone);
  const retryAfter = Math.max(1, Math.ceil((reset.getTime() - clock.nowMs()) / SECOND_MS));
  throw EmulatorRefusal.of(
    'DAILY_QUOTA',
    `${options.dailyQuota} calls a day; the quota resets at ${reset.toISOString()} (tenant midnight, ${options.timeZone})`,
    { headers: { 'retry-after': String(retryAfter) } },
  );
}

async function handleCall(
  emulator: Emulator,
  wire: WireSchemas,
  family: Family,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const started = performance.now();
  const query = request.query as Query;
  const call = callOf(request);
  call.family = family;
  const api = typeof query.api === 'string' ? query.api : undefined;
  if (api !== undefined) call.api = api.slice(0, 200);

  const token = await authenticate(emulator, request, reply, call);
  admit(emulator, token, call);
  const fault = emulator.faults.take({ api, family, token });
  if (fault) call.fault = describeFault(fault);
  await pace(emulator, reply, fault);
  if (failEarly(emulator, token, fault, reply)) return reply;
  chargeQuota(emulator, token);

  const report = resolveReport(family, query);
  call.api = report.api;
  const check = checkWire(wire.of(report), query);
  if (!check.ok) throw refusalOf(report, check);
  checkEnabled(emulator, report);

  const now = emulator.clock.wallNow();
  // token_info reads the caller's own quota (already charged for this call) instead of simulated records.
  const own = requestRecords(emulator, token, report, now);
  const answer = emulator.answers.answer(report, check.request, now, own);
  // `started` precedes the waits, so this covers latency, injected delay and the query itself.
  const elapsed = performance.now() - started;
  const timeout = emulator.options.limits.callTimeoutMs;
  if (elapsed > timeout) {
    throw EmulatorRefusal.of(
      'TIMEOUT',
      `the call took ${Math.round(elapsed)} ms; the limit is ${timeout} ms`,
    );
  }
  call.rows = answer.rows;
  const body =
    fault?.kind === 'truncate'
      ? halfOf(answer.body)
      : fault?.kind === 'drift'
        ? driftedBody(answer.body, fault)
        : answer.body;
  return sendBody(reply, answer.status, body);
}

/**
 * The wolkvox surface as one encapsulated plugin: the family routes, the 405s beside them and the envelope 404 for
 * unknown paths. Every request in this scope is a wolkvox call (`request.wolkvox`) and is journaled once; the
 * control API, registered beside this plugin, is not, by encapsulation.
 */
export const reportRoutes: FastifyPluginAsync<{ emulator: Emulator }> = async (scope, { emulator }) => {
  journalCalls(scope, emulator.journal, emulator.clock);
  const wire = new WireSchemas(emulator.options.limits.maxWindowDays);
  for (const family of Object.keys(FAMILIES) as Family[]) familyRoutes(scope, emulator, wire, family);
  scope.setNotFoundHandler(sendNotFound);
};

function familyRoutes(scope: FastifyInstance, emulator: Emulator, wire: WireSchemas, family: Family): void {
  const path = FAMILIES[family].path;
  scope.get(path, (request, reply) =>
    handleCall(emulator, wire, family, request, reply)
      .catch((error) =>
        // A client that left gets nothing; its slot was released when it left.
        error instanceof CallAborted ? reply : handleError(error, request, reply),
      )
      // The answer (or the error) has been handed to Node by now: the call is no longer in flight.
      .finally(() => callOf(request).release()),
  );
  // wolkvox reports are GET only.
  scope.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: path,
    handler: async () => {
      throw new EmulatorRefusal(
        405,
        'METHOD NOT ALLOWED',
        'METHOD NOT ALLOWED',
        'wolkvox report APIs answer GET only',
        { headers: { allow: 'GET' } },
      );
    },
  });
}
