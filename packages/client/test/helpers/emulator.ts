import {
  DEMO_TOKEN,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '@wolkvox-mcp/mock-server';
import { request } from 'undici';
import { expect, vi } from 'vitest';

export { DEMO_TOKEN };

/** A Monday noon in Bogota: the simulated tenant has months of history before it. */
export const EMULATOR_NOW = '2025-06-02T12:00:00-05:00';

/** The emulator in process on 127.0.0.1, any free port, small enough to be quick. */
export function startEmulator(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ host: '127.0.0.1', port: 0, now: EMULATOR_NOW, volume: 100, ...options });
}

/** One raw call, outside the client: what the emulator answers for exactly this query. */
export async function rawRows(
  url: string,
  path: string,
  query: Record<string, string>,
  token: string = DEMO_TOKEN,
): Promise<Record<string, string>[]> {
  const search = new URLSearchParams(query).toString();
  const response = await request(`${url}${path}?${search}`, { headers: { 'wolkvox-token': token } });
  const body = (await response.body.json()) as { msg: string; data: Record<string, string>[] | null };
  if (response.statusCode === 404 && body.msg === 'Validate dates entered') return [];
  if (response.statusCode !== 200) throw new Error(`raw call answered ${response.statusCode} ${body.msg}`);
  return body.data!;
}

/** Calls the emulator has answered so far, once every call in flight has been written to its journal. */
export async function requestsSeen(emulator: MockServer): Promise<number> {
  await vi.waitFor(() => expect(emulator.control.stats().every((s) => s.inFlight === 0)).toBe(true));
  return emulator.control.journal().length;
}
