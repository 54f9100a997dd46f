import type { AnyReport } from '@wolkvox-mcp/contracts';
import type { Dispatcher } from 'undici';
import type { ClientConfig } from './config.js';
import { type WindowLabel, WolkvoxAbortError, WolkvoxHttpError } from './errors.js';
import { type Answer, interpretAnswer, UNPARSABLE } from './response.js';

/** Why the per-call timer aborted a request (told apart from the caller's own abort). */
class CallTimeout extends Error {}

export interface ReportCall {
  config: ClientConfig;
  dispatcher: Dispatcher;
  report: AnyReport;
  /** Wire parameters without `api` (dates already formatted). */
  query: Record<string, string>;
  window: WindowLabel | undefined;
  /** Cancels the call (the caller's abort, or a sibling window's fatal error). */
  signal: AbortSignal;
}

export interface CallResult {
  answer: Answer;
  status?: number;
  /** Body size in bytes, when a body was read. */
  bytes?: number;
}

// Network failures that asking again cannot fix: a wrong host name, a certificate the client will never trust.
const PERMANENT_NETWORK = /^(ENOTFOUND|UND_ERR_INVALID_ARG|ERR_INVALID_URL)$|CERT|TLS|SSL/;

/** The request path: the base URL's prefix, the family's endpoint, then `api` first as wolkvox's own URLs do. */
export function reportPath(config: ClientConfig, report: AnyReport, query: Record<string, string>): string {
  const search = new URLSearchParams({ api: report.api, ...query });
  return `${config.basePath}${report.path}?${search.toString()}`;
}

/**
 * The body as one value: the received pieces become one Buffer (the pieces are dropped right away), decoded and
 * parsed at once. A body that is not JSON (cut short, an HTML error page) is UNPARSABLE, for the answer to say so.
 */
function parseBody(chunks: Buffer[], size: number): unknown {
  const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  chunks.length = 0;
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return UNPARSABLE;
  }
}

/**
 * One HTTP call to wolkvox: sends the token header, enforces the per-call timeout (body included), reads and
 * parses the body, and says what the answer means. Never retries; never throws except for the caller's abort.
 */
export async function callReport(call: ReportCall): Promise<CallResult> {
  const { config, report, window, signal } = call;
  const where = `${report.id}${window ? ` ${window.from} - ${window.to}` : ''}`;
  const details = { report: report.id, ...(window === undefined ? {} : { window }) };
  if (signal.aborted) throw new WolkvoxAbortError(report.id, signal.reason);

  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new CallTimeout()), config.timeoutMs);

  let status: number | undefined;
  try {
    const response = await call.dispatcher.request({
      origin: config.origin,
      path: reportPath(config, report, call.query),
      method: 'GET',
      headers: { 'wolkvox-token': config.credential.headerValue(), accept: 'application/json' },
      signal: controller.signal,
    });
    status = response.statusCode;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > config.maxResultBytes) {
        // Past the platform's own result limit: the window is too large, whatever the rest says.
        response.body.destroy();
        return { answer: { kind: 'too-large', status }, status, bytes: size };
      }
      chunks.push(chunk);
    }
    const body = size === 0 ? UNPARSABLE : parseBody(chunks, size);
    const answer = interpretAnswer(
      { report, window, timeZone: config.timeZone },
      status,
      response.headers,
      body,
    );
    return { answer, status, bytes: size };
  } catch (error) {
    if (signal.aborted) throw new WolkvoxAbortError(report.id, signal.reason);
    if (controller.signal.reason instanceof CallTimeout) {
      const failure = new WolkvoxHttpError(
        'TIMEOUT',
        `${where}: no complete answer within ${config.timeoutMs} ms`,
        { ...details, transient: true, ...(status === undefined ? {} : { status }) },
      );
      return { answer: { kind: 'failed', error: failure }, ...(status === undefined ? {} : { status }) };
    }
    const code = String((error as { code?: unknown }).code ?? '');
    const reason = (error as Error).message ?? String(error);
    const failure = new WolkvoxHttpError(
      'NETWORK',
      `${where}: the connection to wolkvox failed${code ? ` (${code})` : ''}: ${reason}`,
      {
        ...details,
        transient: !PERMANENT_NETWORK.test(code),
        cause: error,
        ...(status === undefined ? {} : { status }),
      },
    );
    return { answer: { kind: 'failed', error: failure }, ...(status === undefined ? {} : { status }) };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
