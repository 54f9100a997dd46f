import { DEMO_TOKEN, type MockServer, type MockServerOptions } from '@wolkvox-mcp/mock-server';
import { startEmulator as startLocalEmulator } from '@wolkvox-mcp/test-support/emulator';
import { request } from 'undici';

export { DEMO_TOKEN };

/** A Monday noon in Bogota: the simulated tenant has months of history before it. */
export const EMULATOR_NOW = '2025-06-02T12:00:00-05:00';

/** The emulator the client's tests read: its clock at EMULATOR_NOW, a small tenant (volume 100), quick to build. */
export function startEmulator(options: MockServerOptions = {}): Promise<MockServer> {
  return startLocalEmulator({ now: EMULATOR_NOW, volume: 100, ...options });
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
