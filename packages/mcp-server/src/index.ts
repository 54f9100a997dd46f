/**
 * @wolkvox-mcp/mcp-server: an MCP server exposing every wolkvox report (from the contracts registry) as a tool,
 * over stdio and Streamable HTTP, with an embedded emulator when no credentials are given.
 */

export { asReportSource, type Backend, openBackend } from './backend/connect.js';
export type { ReportProgress, ReportRequest, ReportResult, ReportSource, Row } from './backend/source.js';
export { reportToolName } from './catalog/names.js';
export { DEFAULT_REPORT_TOOLS, type ToolSelection, type ToolsetName } from './catalog/toolsets.js';
export { ConfigError, HELP, parseConfig, type ServerConfig } from './config.js';
export { createLogger, type Logger, silentLogger } from './logging/logger.js';
export { MAX_TEXT_CHARS } from './results/budget.js';
export { type CacheOptions, ResultCache } from './results/cache.js';
export { DEFAULT_LIMIT, MAX_LIMIT } from './results/controls.js';
export { SERVER_NAME, SERVER_VERSION } from './sdk/server.js';
export {
  type CreateWolkvoxMcpServerOptions,
  createWolkvoxMcpServer,
  type WolkvoxMcpServer,
} from './server.js';
export { createWolkvoxService, type WolkvoxService, type WolkvoxServiceOptions } from './service/service.js';
export { type RunningWolkvoxMcp, type StartWolkvoxMcpOptions, startWolkvoxMcp } from './start.js';
export type { JsonSchema, ToolDefinition, ToolReply } from './tools/common/types.js';
