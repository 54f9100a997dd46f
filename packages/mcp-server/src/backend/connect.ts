/**
 * Where rows come from: the tenant's wolkvox (token + server or base URL), or, without credentials, the embedded
 * emulator started in this process on 127.0.0.1 with its demo token. Either way a `@wolkvox-mcp/client` does the
 * fetching, so limits, retries and window splitting behave the same. Both packages are loaded only when a backend
 * is opened, so that a server answers tools/list before they are ready.
 */
import type { WolkvoxClient } from '@wolkvox-mcp/client';
import { defaultStateDir } from '@wolkvox-mcp/client/settings';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import type { Logger } from '../logging/logger.js';
import { baseUrlClock, embeddedClock, machineClock, type SourceClock } from './clock.js';
import type { ReportSource } from './source.js';

/** The embedded emulator's clock, which the emulator's own replaces once it is open. */
type EmbeddedClock = ReturnType<typeof embeddedClock>;

/**
 * The clock a connection's relative dates follow (backend/clock.ts): the embedded emulator's, an emulator's at the
 * base URL as it says, or this machine's for wolkvox by server number.
 */
export function connectionClock(connection: WolkvoxConnection, logger: Logger): SourceClock {
  if (connection.mode === 'emulator') return embeddedClock(connection.now);
  if (connection.baseUrl)
    return baseUrlClock(connection.baseUrl, {
      onProbeError: (error) => logger.debug({ err: error }, 'the base URL did not say its clock'),
    });
  return machineClock();
}

/** Where the rows come from, as the configuration resolved it: the tenant's wolkvox, or the embedded emulator. */
export type WolkvoxConnection =
  | {
      mode: 'wolkvox';
      token: string;
      server?: string;
      baseUrl?: string;
      /** WOLKVOX_CACHE_DIR: the client's state directory (leases, daily count, closed-day cache). */
      stateDir?: string;
      /** WOLKVOX_REDIS_URL: the Redis replicas share the token's budget, count and closed-day cache through. */
      redisUrl?: string;
      /** WOLKVOX_DAILY_QUOTA: the token's calls a day (licenses x 1000), so replies can say when it runs low. */
      dailyQuota?: number;
    }
  /** `now`: where the embedded emulator's clock starts (ms; --emulator-now), else this machine's now. */
  | { mode: 'emulator'; seed: string; now?: number };

export interface Backend {
  source: ReportSource;
  /** The client behind the source, for callers that read its results whole (doctor: each report's drift). */
  client: WolkvoxClient;
  kind: 'wolkvox' | 'emulator';
  /** The embedded emulator's URL, when it serves the rows. */
  emulatorUrl?: string;
  /** The embedded emulator itself (its control API), for in-process use. */
  emulator?: MockServer;
  close(): Promise<void>;
}

/** The client as the MCP server uses it: a report id known at run time; `now` is the backend's clock. */
export function asReportSource(client: WolkvoxClient, now?: () => Date): ReportSource {
  return {
    get timeZone() {
      return client.timeZone;
    },
    ...(now ? { now } : {}),
    report: (id, request, options) => client.reportChecked(id, request, options),
  };
}

/**
 * A source over a backend opened on first use (`open` is called by the first fetch, and may be called again:
 * it must hand back the same opening). Its fetches fail as the opening failed, if it did.
 */
export function deferredSource(
  open: () => Promise<Backend>,
  timeZone: string,
  clock: SourceClock = machineClock(),
): ReportSource {
  return {
    timeZone,
    // The connection's clock, open or not: the embedded emulator's starts where the clock was.
    now: () => clock.now(),
    syncClock: () => clock.sync(),
    clockNote: () => clock.note(timeZone),
    report: async (id, request, options) => (await open()).source.report(id, request, options),
  };
}

/** `clock`: the connection's (connectionClock); the embedded emulator starts at its instant and then is it. */
export async function openBackend(
  connection: WolkvoxConnection,
  timeZone: string,
  logger: Logger,
  clock: SourceClock = connectionClock(connection, logger),
): Promise<Backend> {
  const { createWolkvoxClient } = await import('@wolkvox-mcp/client');
  const clientLogger = logger.child({ component: 'client' });
  if (connection.mode === 'wolkvox') {
    const client = createWolkvoxClient({
      token: connection.token,
      ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : { server: connection.server! }),
      // Every sharing setting is given, so that the client reads nothing from process.env: the configuration
      // read the environment the server was started with (two servers in one process may be given two).
      stateDir: connection.stateDir ?? defaultStateDir(),
      ...(connection.redisUrl
        ? { coordination: 'redis', redisUrl: connection.redisUrl }
        : { coordination: 'machine' }),
      ...(connection.dailyQuota !== undefined ? { dailyQuota: connection.dailyQuota } : {}),
      timeZone,
      logger: clientLogger,
    });
    return {
      source: asReportSource(client, () => clock.now()),
      client,
      kind: 'wolkvox',
      close: () => client.close(),
    };
  }

  const { DEMO_TOKEN, startMockServer } = await import('@wolkvox-mcp/mock-server');
  const emulator = await startMockServer({
    host: '127.0.0.1',
    port: 0,
    // "7" is the seed 7, as the emulator's own CLI reads it; other text is hashed.
    seed: /^\d+$/.test(connection.seed) ? Number(connection.seed) : connection.seed,
    timeZone,
    now: clock.now(),
  });
  // From here the emulator's own clock, which its control may move, is the one relative dates follow.
  const read = () => emulator.control.now();
  (clock as Partial<EmbeddedClock>).attach?.(read);
  const client = createWolkvoxClient({
    token: DEMO_TOKEN,
    baseUrl: emulator.url,
    timeZone,
    logger: clientLogger,
    // The embedded emulator lives and dies with this process, on a port of its own, with limits of its own, and
    // its clock may be moved: no other process shares its token's budget, and nothing it answers is worth keeping
    // on disk (no leases, no closed-day cache: nothing written to the state directory).
    coordination: 'process',
  });
  return {
    // Relative days follow the emulator's clock, which tests may have set to another day.
    source: asReportSource(client, read),
    client,
    kind: 'emulator',
    emulatorUrl: emulator.url,
    emulator,
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}
