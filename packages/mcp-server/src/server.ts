/**
 * `createWolkvoxMcpServer`: the service (tools, resources, prompts built from the registry) and a factory of SDK
 * server instances over it. Transports ask the factory for one instance per connection (stdio) or per request
 * (HTTP); all instances share the service and its result cache.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { WolkvoxClient } from '@wolkvox-mcp/client';
import { asReportSource } from './backend/connect.js';
import type { ReportSource } from './backend/source.js';
import { buildMcpServer } from './sdk/server.js';
import { createWolkvoxService, type WolkvoxService, type WolkvoxServiceOptions } from './service/service.js';

export interface CreateWolkvoxMcpServerOptions extends Omit<WolkvoxServiceOptions, 'source'> {
  /** A `@wolkvox-mcp/client` client. */
  client?: WolkvoxClient;
  /** Or any source of report rows with the same `report()`. */
  source?: ReportSource;
}

export interface WolkvoxMcpServer {
  /** An SDK server instance, ready to `connect()` to a transport (for in-process use), built on first use. */
  server: McpServer;
  /** A fresh SDK server instance over the same service (the SDK asks for one per connection or HTTP request). */
  createServer(): McpServer;
  service: WolkvoxService;
}

export function createWolkvoxMcpServer(options: CreateWolkvoxMcpServerOptions): WolkvoxMcpServer {
  const { client, source: given, ...rest } = options;
  const source = given ?? (client ? asReportSource(client) : undefined);
  if (!source) throw new TypeError('createWolkvoxMcpServer needs a `client` (or a `source` of report rows)');
  const service = createWolkvoxService({ ...rest, source });
  const createServer = () => buildMcpServer(service);
  // Built when first asked for: the transports ask the factory for their own instances, and registering every
  // tool twice would double what a cold start pays before tools/list.
  let server: McpServer | undefined;
  return {
    get server() {
      server ??= createServer();
      return server;
    },
    createServer,
    service,
  };
}
