/**
 * A shim for one thing the SDK gets wrong: it looks tools and prompts up by name in plain objects, so a name only
 * Object.prototype has (`__proto__`, `constructor`, `toString`...) finds a member of it, and the call is answered
 * "Tool __proto__ disabled" instead of "not found". test/unit/sdk-gaps.test.ts holds the bare SDK to that answer
 * and fails once the SDK answers "not found" itself: then this file goes.
 *
 * No such name can be registered (the SDK finds it "already registered"), so every one of them is unknown. The
 * SDK sets its handlers for these methods through the server's public `setRequestHandler` as the first tool or
 * prompt is registered; wrapped before that, each handler first answers such a name "not found", exactly as the
 * SDK answers any other unknown name (the error is thrown inside the SDK's handler, which writes the answer).
 */
import { type McpServer, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

type Handler = (request: { params?: Record<string, unknown> }, ctx: unknown) => unknown;

/** The kind and name a request looks up, for the methods that look one up by name. */
const LOOKUPS: Record<
  string,
  (params: Record<string, unknown>) => [kind: string, name: unknown] | undefined
> = {
  'tools/call': (params) => ['Tool', params.name],
  'prompts/get': (params) => ['Prompt', params.name],
  'completion/complete': (params) => {
    const ref = params.ref as { type?: unknown; name?: unknown } | undefined;
    return ref?.type === 'ref/prompt' ? ['Prompt', ref.name] : undefined;
  },
};

/** Must run before the first registration. */
export function answerPrototypeNamesAsNotFound(server: McpServer): void {
  const low = server.server;
  const set = low.setRequestHandler.bind(low) as (method: string, ...rest: unknown[]) => void;
  const guarded = (method: string, ...rest: unknown[]) => {
    const lookup = LOOKUPS[method];
    const handler = rest[0];
    if (!lookup || rest.length !== 1 || typeof handler !== 'function') return set(method, ...rest);
    return set(method, (request: { params?: Record<string, unknown> }, ctx: unknown) => {
      const [kind, name] = lookup(request.params ?? {}) ?? [];
      if (typeof name === 'string' && name in Object.prototype)
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${kind} ${name} not found`);
      return (handler as Handler)(request, ctx);
    });
  };
  low.setRequestHandler = guarded as typeof low.setRequestHandler;
}
