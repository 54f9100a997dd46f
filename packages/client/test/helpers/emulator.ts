import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_TOKEN,
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from '@wolkvox-mcp/mock-server';
import { request } from 'undici';
import { createWolkvoxClient, type WolkvoxClient, type WolkvoxClientOptions } from '../../src/index.js';

export { DEMO_TOKEN };

/** A Monday noon in Bogota: the simulated tenant has months of history before it. */
export const EMULATOR_NOW = '2025-06-02T12:00:00-05:00';

/** The emulator the client's tests read: its clock at EMULATOR_NOW, a small tenant (volume 100), quick to build. */
export function startEmulator(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ now: EMULATOR_NOW, volume: 100, ...options });
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

/**
 * The clients a test opens on an emulator (the demo token, retries 1 ms apart), each with a state directory of its
 * own when it asks for one, closed and removed together after each test.
 */
export function testClients(emulatorUrl: () => string, defaults: Partial<WolkvoxClientOptions> = {}) {
  const clients: WolkvoxClient[] = [];
  const dirs: string[] = [];
  return {
    connect(options: Partial<WolkvoxClientOptions> = {}): WolkvoxClient {
      const client = createWolkvoxClient({
        token: DEMO_TOKEN,
        baseUrl: emulatorUrl(),
        retryBaseDelayMs: 1,
        ...defaults,
        ...options,
      });
      clients.push(client);
      return client;
    },
    /** A fresh state directory: whatever a client on it reads kept, it kept itself (or read from Redis). */
    stateDir(prefix = 'wolkvox-test-'): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    async closeAll(): Promise<void> {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
