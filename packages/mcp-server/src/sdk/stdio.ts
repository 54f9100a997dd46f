/**
 * stdio through the SDK's serving entry: the opening message picks the protocol era (2026-07-28 discovery, or the
 * 2025 `initialize` handshake) and one server instance from the factory serves the connection.
 */

import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';

export interface StdioServing {
  close(): Promise<void>;
}

export function serveMcpOverStdio(
  factory: () => McpServer,
  options: { stdin?: Readable; stdout?: Writable; onerror?: (error: Error) => void } = {},
): StdioServing {
  const transport =
    options.stdin || options.stdout ? new StdioServerTransport(options.stdin, options.stdout) : undefined;
  return serveStdio(factory, {
    ...(transport ? { transport } : {}),
    ...(options.onerror ? { onerror: options.onerror } : {}),
  });
}
