import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getReport, type ReportId } from '@wolkvox-mcp/contracts';

/** What the local server saw of one request. */
export interface SeenRequest {
  url: string;
  headers: IncomingMessage['headers'];
}

export interface LocalServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A tiny wolkvox stand-in on 127.0.0.1 for answers the emulator never gives (a row missing a field, a body that is
 * not JSON): `answer` is called with the request and its 0-based number.
 */
export async function startLocalServer(
  answer: (request: IncomingMessage, response: ServerResponse, index: number) => void,
): Promise<LocalServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    answer(request, response, seen.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** A row with every documented field of the report, each a string. */
export function fullRow(id: ReportId, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const report = getReport(id)!;
  return {
    ...Object.fromEntries(Object.keys(report.fields).map((name) => [name, `${name}-value`])),
    ...overrides,
  };
}

export function success(rows: unknown[], code: number | string = 200) {
  return { code, error: null, msg: `${rows.length} records were found`, data: rows };
}
