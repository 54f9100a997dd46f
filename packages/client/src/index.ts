/**
 * @wolkvox-mcp/client: a typed wolkvox report client that hides the platform's limits (31-day windows, the
 * per-call row cap, two requests per token, transient failures) and returns every row or a typed error.
 */

export { DEFAULT_TIME_ZONE } from '@wolkvox-mcp/contracts';
export { createWolkvoxClient } from './client.js';
export { type BaseUrlReading, readBaseUrl } from './config/base-url.js';
export {
  DEFAULT_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  WOLKVOX_COORDINATIONS,
  type WolkvoxClientOptions,
  type WolkvoxCoordination,
  type WolkvoxLogger,
} from './config/options.js';
export type { EnvelopeDrift, ReportDrift, ValueKind } from './drift.js';
export {
  type DeadlineFacts,
  type Problem,
  type ResponseIssue,
  type WindowLabel,
  WOLKVOX_ERROR_KINDS,
  WolkvoxAbortError,
  WolkvoxAuthError,
  WolkvoxClosedError,
  WolkvoxConfigError,
  WolkvoxDeadlineError,
  WolkvoxError,
  type WolkvoxErrorDetails,
  type WolkvoxErrorKind,
  WolkvoxHttpError,
  WolkvoxLimitError,
  WolkvoxQuotaError,
  WolkvoxRequestError,
  WolkvoxValidationError,
} from './errors.js';
export { nextTenantMidnight } from './response.js';
export type {
  AnyReportRequest,
  DriftedReportResult,
  JsonValue,
  QuotaState,
  ReportOptions,
  ReportProgress,
  ReportRequest,
  ReportResult,
  StrictReportResult,
  TolerantRow,
  WolkvoxClient,
} from './types.js';
export {
  bisectWindow,
  splitWindow,
  type WallWindow,
  windowLabel,
  windowParams,
} from './windows.js';
