/**
 * Raw JSON-RPC for tests that look at replies as the wire carries them (their length, their exact error), which an
 * SDK client would turn into exceptions: a server instance linked in memory, and the 2026-07-28 request envelope.
 */
import { InMemoryTransport } from '@modelcontextprotocol/client';
import type { McpServer } from '@modelcontextprotocol/server';

export interface RawSession {
  /** The reply to one request, as JSON text. */
  reply(method: string, params: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** `server` linked in memory, past the 2025-era handshake. */
export async function rawSession(server: McpServer): Promise<RawSession> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const waiting = new Map<number, (text: string) => void>();
  clientSide.onmessage = (message) => {
    const id = (message as { id?: unknown }).id;
    if (typeof id === 'number') waiting.get(id)?.(JSON.stringify(message));
  };
  await clientSide.start();
  let next = 0;
  const reply = async (method: string, params: Record<string, unknown>) => {
    const id = ++next;
    const answered = new Promise<string>((resolve) => waiting.set(id, resolve));
    await clientSide.send({ jsonrpc: '2.0', id, method, params });
    return answered;
  };
  await reply('initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'raw', version: '1' },
  });
  await clientSide.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return { reply, close: () => server.close() };
}

/** The `_meta` a 2026-07-28 request carries, claiming protocol `version`. */
export function modernEnvelope(version: string): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };
}
