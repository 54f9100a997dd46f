/**
 * `startWolkvoxMcp`: configuration -> logger -> service -> transport (stdio or HTTP) -> banner. The backend
 * (wolkvox's client, or the embedded emulator with its simulated tenant) is loaded and opened by the first report
 * call, not before: loading it costs several times what serving tools/list does, and a client that only lists
 * tools never pays for it. The handle shuts everything down in reverse order.
 */
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { defaultStateDir } from '@wolkvox-mcp/client/settings';
import { type Backend, connectionClock, deferredSource, openBackend } from './backend/connect.js';
import { banner } from './banner.js';
import { parseConfig, type ServerConfig } from './config.js';
import { exportScope } from './exports/store.js';
import { createLogger, type Logger } from './logging/logger.js';
import { useCursorKey } from './results/cursor.js';
import { createWolkvoxMcpServer, type WolkvoxMcpServer } from './server.js';
import { type DayStoreOptions, DEFAULT_STORE_BYTES } from './store/day-store.js';
import { recordKey, storeTenant, tokenFingerprint } from './store/layout.js';
import { startStdio } from './transports/stdio.js';

export interface StartWolkvoxMcpOptions {
  /** A checked configuration; otherwise it is read from `argv` and `env`. */
  config?: ServerConfig;
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /** stdio streams (default: the process's). */
  stdin?: Readable;
  stdout?: Writable;
  /** Where the banner goes (default stderr); null for none. */
  bannerOut?: Writable | null;
  /** Called once when a stdio client closes its end. */
  onStdioEnd?: () => void;
}

export interface RunningWolkvoxMcp {
  config: ServerConfig;
  /** Opens the backend if no report call has yet (rejects if it cannot be opened; report calls then say why). */
  backend(): Promise<Backend>;
  mcp: WolkvoxMcpServer;
  /** The MCP endpoint when serving HTTP. */
  url?: string;
  close(): Promise<void>;
}

/**
 * Where exports are kept: `<state dir>/exports`, in the scope of what identifies the rows (the token and where
 * wolkvox is, or the emulator's seed), so one token's server never reads another's; on stdio answers say the path.
 */
function exportsOf(config: ServerConfig) {
  const { wolkvox } = config;
  const stateDir =
    config.stateDir ?? (wolkvox.mode === 'wolkvox' ? wolkvox.stateDir : undefined) ?? defaultStateDir();
  const identity =
    wolkvox.mode === 'wolkvox'
      ? `${wolkvox.baseUrl ?? wolkvox.server}\n${wolkvox.token}`
      : `emulator\n${wolkvox.seed}`;
  return {
    root: join(stateDir, 'exports'),
    scope: exportScope(identity),
    ...config.exports,
    showPaths: config.transport === 'stdio',
  };
}

/**
 * The store of closed days (store/): `--data-dir`, else `<state dir>/data` with a token; the embedded emulator's rows
 * are stored only in a directory given for them. Its scope is where wolkvox is and the token's fingerprint (the
 * emulator's seed), so one token's server never reads another's days.
 */
export function storeOf(config: ServerConfig): DayStoreOptions | undefined {
  const { wolkvox } = config;
  const store = config.store ?? { maxBytes: DEFAULT_STORE_BYTES };
  if (wolkvox.mode === 'wolkvox') {
    const stateDir = config.stateDir ?? wolkvox.stateDir ?? defaultStateDir();
    return {
      root: store.dataDir ?? join(stateDir, 'data'),
      scope: {
        tenant: storeTenant(wolkvox.baseUrl ?? wolkvox.server ?? 'wolkvox'),
        token: tokenFingerprint(wolkvox.token),
      },
      key: recordKey(wolkvox.token),
      maxBytes: store.maxBytes,
    };
  }
  if (!store.dataDir) return undefined;
  return {
    root: store.dataDir,
    scope: { tenant: `emulator-seed-${wolkvox.seed}`, token: 'demo' },
    maxBytes: store.maxBytes,
  };
}

export async function startWolkvoxMcp(options: StartWolkvoxMcpOptions = {}): Promise<RunningWolkvoxMcp> {
  let config = options.config;
  if (!config) {
    const outcome = parseConfig(options.argv ?? process.argv.slice(2), options.env ?? process.env);
    if (outcome.kind !== 'run')
      throw new Error(`startWolkvoxMcp: ${outcome.kind} was asked for, not a server`);
    config = outcome.config;
  }
  const secrets = [
    config.wolkvox.mode === 'wolkvox' ? config.wolkvox.token : undefined,
    config.http.token,
    config.cursorKey,
  ];
  if (config.cursorKey) useCursorKey(config.cursorKey);
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets });
  const kind = config.wolkvox.mode;
  // Made at start: --emulator-now's clock runs from here, whenever the emulator opens.
  const clock = connectionClock(config.wolkvox, logger);

  let opening: Promise<Backend> | undefined;
  let closing = false;
  const backend = (): Promise<Backend> => {
    if (!opening) {
      opening = openBackend(config.wolkvox, config.timeZone, logger, clock);
      opening.then(
        (opened) => {
          if (opened.emulatorUrl && !closing)
            logger.info({ url: opened.emulatorUrl }, 'embedded emulator started');
        },
        // Logged once here (and never unhandled); calls report the failure themselves.
        (error: unknown) => logger.error({ err: error }, 'the wolkvox backend could not be opened'),
      );
    }
    return opening;
  };
  const closers: (() => Promise<void>)[] = [
    async () => {
      await opening?.then(
        (opened) => opened.close(),
        () => undefined,
      );
    },
  ];
  const close = async () => {
    closing = true;
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch((error: unknown) => logger.warn({ err: error }, 'error while closing'));
    }
  };

  const store = storeOf(config);
  try {
    const mcp = createWolkvoxMcpServer({
      source: deferredSource(backend, config.timeZone, clock),
      sourceKind: kind,
      toolsets: config.toolsets,
      callDeadlineMs: config.callDeadlineMs,
      ...(config.cacheBytes ? { cache: { maxBytes: config.cacheBytes } } : {}),
      exports: exportsOf(config),
      ...(store ? { store } : {}),
      logger,
      secrets,
    });
    // Closed last but the backend: once no call is served, the days fetched are written into the store.
    closers.push(() => mcp.service.settled());
    let url: string | undefined;
    if (config.transport === 'http') {
      const { startHttp } = await import('./transports/http.js');
      const http = await startHttp(mcp.createServer, config.http, logger);
      closers.push(() => http.close());
      url = http.url;
    } else {
      const stdio = startStdio(mcp.createServer, {
        logger,
        ...(options.stdin ? { stdin: options.stdin } : {}),
        ...(options.stdout ? { stdout: options.stdout } : {}),
        ...(options.onStdioEnd ? { onEnd: options.onStdioEnd } : {}),
      });
      closers.push(() => stdio.close());
    }
    logger.debug(
      {
        transport: config.transport,
        url,
        source: kind,
        tools: mcp.service.tools.length,
        toolsets: config.toolsets,
      },
      'wolkvox-mcp started',
    );
    const out = options.bannerOut === undefined ? process.stderr : options.bannerOut;
    out?.write(banner(config, { tools: mcp.service.tools.length, reports: mcp.service.reports.length }, url));
    return { config, backend, mcp, ...(url ? { url } : {}), close };
  } catch (error) {
    await close();
    throw error;
  }
}
