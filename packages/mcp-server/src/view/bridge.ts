/**
 * The view's side of MCP Apps (JSON-RPC 2.0 over postMessage with the host, the ext-apps protocol of 2026-01-26):
 * `ui/initialize` and `ui/notifications/initialized`, the tool's arguments and result as the host sends them,
 * the host's context (its theme), the view's size, and answers to `ping` and `ui/resource-teardown`.
 *
 * Written against the protocol rather than with ext-apps' `App`: `App` brings the MCP client SDK and zod into the
 * page, 670 KB of script for the few messages a view that only shows a result needs. The browser test drives this
 * with ext-apps' own host bridge (AppBridge), which checks every message against the protocol's schemas.
 */

export const PROTOCOL_VERSION = '2026-01-26';

type Message = {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { code: number; message: string };
};

export interface HostEvents {
  toolResult(result: Record<string, unknown>): void;
  hostContext(context: Record<string, unknown>): void;
}

export interface Bridge {
  /** Tells the host how much room the view needs. */
  sizeChanged(width: number, height: number): void;
}

/** Connects to the host (the parent window): initializes, then hands its notifications to `events`. */
export async function connectToHost(
  appInfo: { name: string; version: string },
  events: HostEvents,
): Promise<Bridge> {
  const host = window.parent;
  const pending = new Map<number | string, (message: Message) => void>();
  let nextId = 1;
  const send = (message: Message) => host.postMessage(message, '*');
  const answer = (id: number | string, result: unknown) => send({ jsonrpc: '2.0', id, result });

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== host) return;
    const message = event.data as Message;
    if (message?.jsonrpc !== '2.0') return;
    if (message.method === undefined) {
      if (message.id !== undefined) pending.get(message.id)?.(message);
      return;
    }
    const params = message.params ?? {};
    switch (message.method) {
      case 'ui/notifications/tool-result':
        events.toolResult(params);
        break;
      case 'ui/notifications/host-context-changed':
        events.hostContext(params);
        break;
      case 'ping':
      case 'ui/resource-teardown':
        if (message.id !== undefined) answer(message.id, {});
        break;
      default:
        // Requests this view does not serve are refused; notifications it does not read are let go.
        if (message.id !== undefined) {
          send({
            jsonrpc: '2.0',
            id: message.id,
            error: { code: -32601, message: `${message.method} is not served` },
          });
        }
    }
  });

  const request = (method: string, params: Record<string, unknown>) =>
    new Promise<Message>((resolve) => {
      const id = nextId++;
      pending.set(id, (reply) => {
        pending.delete(id);
        resolve(reply);
      });
      send({ jsonrpc: '2.0', id, method, params });
    });

  const initialized = await request('ui/initialize', {
    appInfo,
    appCapabilities: {},
    protocolVersion: PROTOCOL_VERSION,
  });
  if (initialized.error) throw new Error(`the host refused ui/initialize: ${initialized.error.message}`);
  const context = (initialized.result as { hostContext?: Record<string, unknown> } | undefined)?.hostContext;
  if (context) events.hostContext(context);
  send({ jsonrpc: '2.0', method: 'ui/notifications/initialized', params: {} });
  return {
    sizeChanged: (width, height) =>
      send({ jsonrpc: '2.0', method: 'ui/notifications/size-changed', params: { width, height } }),
  };
}
