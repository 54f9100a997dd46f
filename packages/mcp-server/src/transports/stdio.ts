/**
 * stdio: stdout carries only the protocol (logs and the banner go to stderr). When the client closes stdin the
 * connection ends and `onEnd` runs, so the process can release the emulator and exit. So it does if the connection
 * closes while stdin is open (stdout gone): a process that can no longer answer exits, saying why on stderr, so
 * that the client starts it again; it never stays alive and deaf.
 */
import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/server';
import type { Logger } from '../logging/logger.js';
import { serveMcpOverStdio } from '../sdk/stdio.js';

export interface StdioOptions {
  logger: Logger;
  stdin?: Readable;
  stdout?: Writable;
  /** Called once when the client closes its end. */
  onEnd?: () => void;
}

export interface StdioHandle {
  close(): Promise<void>;
}

export function startStdio(factory: () => McpServer, options: StdioOptions): StdioHandle {
  const stdin = options.stdin ?? process.stdin;
  let ended = false;
  const serving = serveMcpOverStdio(factory, {
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.stdout ? { stdout: options.stdout } : {}),
    onerror: (error) => options.logger.warn({ err: error }, 'stdio transport error'),
    onclose: () => {
      if (ended) return;
      ended = true;
      options.logger.error(
        'the MCP connection on stdio closed while stdin is open: exiting, so that the client can start the server again',
      );
      options.onEnd?.();
    },
  });
  const end = () => {
    if (ended) return;
    ended = true;
    options.logger.info('stdin closed: the MCP client has gone');
    options.onEnd?.();
  };
  stdin.once('end', end);
  stdin.once('close', end);
  return {
    close: async () => {
      ended = true;
      stdin.off('end', end);
      stdin.off('close', end);
      await serving.close();
    },
  };
}
