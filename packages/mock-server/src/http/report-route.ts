import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AnyReport,
  checkRequest,
  DAY_MS,
  describeProblems,
  FAMILIES,
  type Family,
  findReportByApi,
  type Problem,
  parseWolkvoxDate,
} from '@wolkvox-mcp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../emulator.js';
import { errorForStatus, WolkvoxError } from '../envelope.js';
import { describeFault } from '../faults/fault-book.js';
import { nextMidnight } from '../limits/tenant-day.js';
import { requestRecords } from '../limits/token-usage.js';
import type { FaultSpec } from '../types.js';
import { type CallNote, noteFor } from './call-notes.js';
import { handleError } from './error-handlers.js';
import type { Query } from './query.js';
import { sabotage } from './sabotage.js';
import { sendBody } from './send.js';

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

/** The effective window limit: the report's own when it is narrower than the platform's, else the configured one. */
export function maxWindowDays(emulator: Emulator, report: AnyReport): number {
  const own = report.window?.maxDays ?? Number.POSITIVE_INFINITY;
  return Math.min(own, emulator.options.limits.maxWindowDays);
}

function checkWindow(emulator: Emulator, report: AnyReport, params: Record<string, string>): void {
  if (!report.window) return;
  const from = parseWolkvoxDate(params.date_ini ?? '');
  const to = parseWolkvoxDate(params.date_end ?? '');
  if (from === undefined || to === undefined) return; // checkRequest already refused these
  const days = maxWindowDays(emulator, report);
  if (to - from > days * DAY_MS) {
    const span = ((to - from) / DAY_MS).toFixed(2);
    throw WolkvoxError.of(
      'WINDOW_TOO_LONG',
      `the window spans ${span} days; ${report.api} allows at most ${days}`,
    );
  }
}

/**
 * A report the tenant's server does not have answers like an empty window: wolkvox sends 404 `Validate dates
 * entered` for it (observed for chat_7), after checking the request as for any report.
 */
function checkEnabled(emulator: Emulator, report: AnyReport): void {
  if (emulator.disabledReports.has(report.id)) {
    throw WolkvoxError.of('EMPTY_WINDOW', `${report.id} is not enabled on this tenant's server`);
  }
}

function resolveReport(family: Family, query: Query): AnyReport {
  const api = query.api;
  if (api === undefined || api === '') {
    throw WolkvoxError.of('MISSING_PARAMETERS', 'api: is required');
  }
  if (Array.isArray(api)) throw WolkvoxError.of('MISSING_PARAMETERS', 'api: was given more than once');
  const report = findReportByApi(family, api);
  if (!report) throw WolkvoxError.of('UNKNOWN_API', `${family} has no report named "${api.slice(0, 80)}"`);
  return report;
}

/**
 * One problem per parameter: a repeated parameter is left out of validation, so zod then also calls it missing;
 * the first reason is the true one.
 */
function firstPerParameter(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.field) && seen.add(problem.field));
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
  note: CallNote,
) {
  const token = tokenOf(request);
  if (token === undefined) {
    await wait(reply, emulator.options.latencyMs);
    throw WolkvoxError.of('MISSING_TOKEN', 'send the token in the wolkvox-token header');
  }
  note.token = emulator.tokens.label(token);
  if (!emulator.tokens.isKnown(token)) {
    await wait(reply, emulator.options.latencyMs);
    throw WolkvoxError.of('INVALID_TOKEN', 'the token is not one of this tenant');
  }
  return token;
}

/**
 * Takes one of the token's concurrency slots. It is given back as soon as the call's answer is handed to Node
 * (a client that has read one answer may send the next at once) or, if the client leaves first, when its
 * connection closes.
 */
function admit(emulator: Emulator, token: string, reply: FastifyReply, note: CallNote): void {
  if (!emulator.tokens.admit(token)) {
    const limit = emulator.options.limits.maxConcurrentPerToken;
    throw WolkvoxError.of('CONCURRENCY', `${limit} requests are already in flight on this token`);
  }
  let held = true;
  note.release = () => {
    if (held) {
      held = false;
      emulator.tokens.release(token);
    }
  };
  reply.raw.once('close', note.release);
}

/** Waits out latency and any injected delay; past the time limit, answers 504 at the limit, as a gateway would. */
async function pace(emulator: Emulator, reply: FastifyReply, fault: FaultSpec | undefined): Promise<void> {
  const delay = emulator.options.latencyMs + (fault?.kind === 'delay' ? fault.ms : 0);
  const timeout = emulator.options.limits.callTimeoutMs;
  if (delay > timeout) {
    await wait(reply, timeout);
    throw WolkvoxError.of('TIMEOUT', `the call would take ${delay} ms; the limit is ${timeout} ms`);
  }
  await wait(reply, delay);
}

/** Faults that replace the answer outright. True when the reply is already dealt with. */
function failEarly(
  emulator: Emulator,
  token: string,
  fault: FaultSpec | undefined,
  reply: FastifyReply,
  note: CallNote,
) {
  if (fault?.kind === 'status') throw errorForStatus(fault.status, 'injected fault');
  if (fault?.kind === 'concurrency') {
    emulator.tokens.countRejected(token);
    throw WolkvoxError.of('CONCURRENCY', 'injected fault');
  }
  return fault?.kind === 'reset' && sabotage(reply, fault, 0, Buffer.alloc(0), note);
}

/** Spends one call of the token's daily quota; when none is left, says when it comes back. */
function chargeQuota(emulator: Emulator, token: string): void {
  const { clock, options } = emulator;
  if (emulator.tokens.consume(token, emulator.today())) return;
  const reset = nextMidnight(clock.wallNow(), options.timeZone);
  const retryAfter = Math.max(1, Math.ceil((reset.getTime() - clock.nowMs()) / SECOND_MS));
  throw WolkvoxError.of(
    'DAILY_QUOTA',
    `${options.dailyQuota} calls a day; the quota resets at ${reset.toISOString()} (tenant midnight, ${options.timeZone})`,
    { 'retry-after': String(retryAfter) },
  );
}

async function handleCall(emulator: Emulator, family: Family, request: FastifyRequest, reply: FastifyReply) {
  const started = performance.now();
  const query = request.query as Query;
  const note = noteFor(request.raw);
  note.family = family;
  const api = typeof query.api === 'string' ? query.api : undefined;
  if (api !== undefined) note.api = api.slice(0, 200);

  const token = await authenticate(emulator, request, reply, note);
  admit(emulator, token, reply, note);
  const fault = emulator.faults.take({ api, family, token });
  if (fault) note.fault = describeFault(fault);
  await pace(emulator, reply, fault);
  if (failEarly(emulator, token, fault, reply, note)) return reply;
  chargeQuota(emulator, token);

  const report = resolveReport(family, query);
  note.api = report.api;
  const check = checkRequest(report, query);
  if (!check.ok)
    throw WolkvoxError.of('MISSING_PARAMETERS', describeProblems(firstPerParameter(check.problems)));
  checkWindow(emulator, report, check.params);
  checkEnabled(emulator, report);

  const now = emulator.clock.wallNow();
  // token_info reads the caller's own quota (already charged for this call) instead of simulated records.
  const own = requestRecords(emulator, token, report, now);
  const answer = emulator.answers.answer(report, check.params, now, own);
  // `started` precedes the waits, so this covers latency, injected delay and the query itself.
  const elapsed = performance.now() - started;
  const timeout = emulator.options.limits.callTimeoutMs;
  if (elapsed > timeout) {
    throw WolkvoxError.of('TIMEOUT', `the call took ${Math.round(elapsed)} ms; the limit is ${timeout} ms`);
  }
  note.rows = answer.rows;
  if (fault && sabotage(reply, fault, answer.status, answer.body, note)) return reply;
  return sendBody(reply, answer.status, answer.body);
}

export function registerReportRoutes(app: FastifyInstance, emulator: Emulator): void {
  for (const family of Object.keys(FAMILIES) as Family[]) {
    const path = FAMILIES[family].path;
    app.get(path, (request, reply) =>
      handleCall(emulator, family, request, reply)
        .catch((error) =>
          // A client that left gets nothing; its slot was released when its connection closed.
          error instanceof CallAborted ? reply : handleError(error, request, reply),
        )
        // The answer (or the error) has been handed to Node by now: the call is no longer in flight.
        .finally(() => noteFor(request.raw).release?.()),
    );
    // wolkvox reports are GET only.
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: path,
      handler: async () => {
        throw new WolkvoxError(
          405,
          'METHOD NOT ALLOWED',
          'METHOD NOT ALLOWED',
          'wolkvox report APIs answer GET only',
          {
            allow: 'GET',
          },
        );
      },
    });
  }
}
