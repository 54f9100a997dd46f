/**
 * `startWolkvoxMcp`: configuration -> logger -> service -> transport (stdio or HTTP), while the backend (wolkvox
 * or the embedded emulator) opens alongside: tools/list is served at once, the first report call waits for the
 * backend. The banner follows when the backend is ready. The handle shuts everything down in reverse order.
 */
import type { Readable, Writable } from 'node:stream';
import { type Backend, deferredSource, openBackend } from './backend/connect.js';
import { banner } from './banner.js';
import { parseConfig, type ServerConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createWolkvoxMcpServer, type WolkvoxMcpServer } from './server.js';
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
  /** The backend, once open (rejects if it could not be opened; report calls then say why). */
  backend: Promise<Backend>;
  mcp: WolkvoxMcpServer;
  /** The MCP endpoint when serving HTTP. */
  url?: string;
  close(): Promise<void>;
}

export async function startWolkvoxMcp(options: StartWolkvoxMcpOptions = {}): Promise<RunningWolkvoxMcp> {
  let config = options.config;
  if (!config) {
    const outcome = parseConfig(options.argv ?? process.argv.slice(2), options.env ?? process.env);
    if (outcome.kind !== 'run')
      throw new Error(`startWolkvoxMcp: ${outcome.kind} was asked for, not a server`);
    config = outcome.config;
  }
  const secrets = [config.wolkvox.mode === 'wolkvox' ? config.wolkvox.token : undefined, config.http.token];
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets });
  const kind = config.wolkvox.mode;

  const backend = openBackend(config.wolkvox, config.timeZone, logger);
  // Observed here so that a failure is logged once (and never unhandled); calls report it themselves.
  backend.catch((error: unknown) => logger.error({ err: error }, 'the wolkvox backend could not be opened'));
  const closers: (() => Promise<void>)[] = [
    () =>
      backend.then(
        (opened) => opened.close(),
        () => undefined,
      ),
  ];
  let closing = false;
  const close = async () => {
    closing = true;
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch((error: unknown) => logger.warn({ err: error }, 'error while closing'));
    }
  };

  try {
    const mcp = createWolkvoxMcpServer({
      source: deferredSource(backend, config.timeZone),
      sourceKind: kind,
      toolsets: config.toolsets,
      logger,
      secrets,
    });
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
    const out = options.bannerOut === undefined ? process.stderr : options.bannerOut;
    backend.then(
      (opened) => {
        if (closing) return;
        logger.debug(
          {
            transport: config.transport,
            url,
            source: opened.kind,
            tools: mcp.service.tools.length,
            toolsets: config.toolsets,
          },
          'wolkvox-mcp started',
        );
        out?.write(banner(config, mcp.service, opened, url));
      },
      () => undefined,
    );
    return { config, backend, mcp, ...(url ? { url } : {}), close };
  } catch (error) {
    await close();
    throw error;
  }
}
