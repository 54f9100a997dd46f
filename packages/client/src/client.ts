import { inspect } from 'node:util';
import { type Dispatcher, Pool } from 'undici';
import { type ClientConfig, resolveConfig, type WolkvoxClientOptions } from './config.js';
import { createCoordinator } from './coordination/coordinator.js';
import {
  type ClosedDayCache,
  ENTRY_MAC_PURPOSE,
  openClosedDayCache,
} from './coordination/result-cache/index.js';
import { WolkvoxClosedError } from './errors.js';
import { fetchReport } from './fetch/fetch-report.js';
import { tokenGate } from './limiter.js';
import { planChecked, planReport, type ReportPlan } from './request.js';
import type { AnyReportRequest, ReportOptions, ReportResult, WolkvoxClient } from './types.js';

// Idle sockets are dropped after 4 s: below the common 5 s server idle timeout (Node's, Apache's), so a request is
// rarely sent on a socket the server is closing at that moment (and a reset there is retried anyway).
const KEEP_ALIVE_TIMEOUT_MS = 4_000;

/**
 * Creates a client for one tenant and token. Options are checked here (WolkvoxConfigError), so a wrong
 * server, URL or zone fails at start-up rather than on the first report.
 */
export function createWolkvoxClient(options: WolkvoxClientOptions): WolkvoxClient {
  const config = resolveConfig(options);
  const ownsDispatcher = config.dispatcher === undefined;
  const dispatcher: Dispatcher =
    config.dispatcher ??
    new Pool(config.origin, {
      // The gate never lets more than maxConcurrent calls through, so more sockets would only sit idle.
      connections: config.maxConcurrent,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    });
  const gate = tokenGate(config.credential.fingerprint);
  const leaveGate = gate.join(config.maxConcurrent);
  // The budget and the day's count shared beyond this process (config.coordination), taken per HTTP call.
  const coordinator = createCoordinator(config);
  const closedDays = closedDayCacheOf(config);
  let closed = false;

  const fetchPlan = async (
    id: string,
    plan: () => ReportPlan,
    reportOptions?: ReportOptions,
  ): Promise<ReportResult<Record<string, unknown>>> => {
    if (closed) throw new WolkvoxClosedError(String(id));
    return fetchReport({ config, dispatcher, gate, coordinator, closedDays }, plan(), reportOptions);
  };
  // One implementation for both entry points: the id and the request are checked against the registry at run
  // time either way, so a typed id only adds what the compiler can say about the rows.
  const reportById = (id: string, request: AnyReportRequest, reportOptions?: ReportOptions) =>
    fetchPlan(id, () => planReport(id, request, { timeZone: config.timeZone }), reportOptions);

  const client: WolkvoxClient = {
    timeZone: config.timeZone,
    // Rows are checked against the report's contract at run time; the overloads give them the registry's types
    // (strict calls never carry drift), which one implementation signature cannot spell.
    report: reportById as WolkvoxClient['report'],
    reportById,
    reportChecked: (id, request, reportOptions) =>
      fetchPlan(id, () => planChecked(id, request), reportOptions),

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      leaveGate();
      await coordinator.close();
      // Pieces still being kept are written before the client lets go: the next process finds them.
      await closedDays?.close();
      if (ownsDispatcher) await dispatcher.close();
    },
  };

  // The token lives in the config's Credential only; printing the client shows what it talks to, nothing else.
  const description = `WolkvoxClient { origin: '${config.origin}${config.basePath}', timeZone: '${config.timeZone}', maxConcurrent: ${config.maxConcurrent} }`;
  Object.defineProperties(client, {
    [inspect.custom]: { value: () => description },
    toJSON: { value: () => ({ origin: config.origin + config.basePath, timeZone: config.timeZone }) },
  });
  return Object.freeze(client);
}

/** The closed-day cache the configuration asks for: none in `process` coordination or with a bound of 0. */
function closedDayCacheOf(config: ClientConfig): ClosedDayCache | undefined {
  if (config.coordination === 'process' || config.closedDayCacheBytes === 0) return undefined;
  return openClosedDayCache({
    stateDir: config.stateDir,
    maxBytes: config.closedDayCacheBytes,
    ...(config.redis ? { redis: config.redis } : {}),
    timeZone: config.timeZone,
    server: config.origin + config.basePath,
    tokenFingerprint: config.credential.fingerprint,
    // Derived from the token, which stays in the Credential: entries are authenticated by what every replica of
    // this token holds and a bare writer to the store does not.
    macKey: config.credential.derivedKey(ENTRY_MAC_PURPOSE),
    logger: config.logger,
  });
}
