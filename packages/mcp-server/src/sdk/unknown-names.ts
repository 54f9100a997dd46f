/**
 * A shim for two things the SDK gets wrong when it looks up a tool, prompt or resource by what the caller named:
 * - it looks names up in plain objects, so a name only Object.prototype has (`__proto__`, `constructor`,
 *   `toString`...) finds a member of it, and the call is answered "Tool __proto__ disabled" instead of "not found";
 * - its answer quotes the name whole, however long: an unknown 3 MB tool name came back in a 3 MB error, a resource
 *   URI twice (message and data), and a URI over a million characters as an internal error.
 * sdk-gaps.test.ts holds the bare SDK to those answers and fails once the SDK answers "not found" and
 * bounds its quote itself: then this file goes.
 *
 * No prototype name can be registered (the SDK finds it "already registered"), and no tool, prompt or resource of
 * this server has a name or URI longer than LOOKUP_LIMIT (test/e2e/error-bounds.test.ts checks the whole surface),
 * so every such name is unknown. The SDK sets its handlers for these methods through the server's public
 * `setRequestHandler` as the first tool, prompt or resource is registered; wrapped before that, each handler first
 * answers such a name "not found", in the SDK's words for any other unknown name, the name cut to a few hundred
 * characters (the error is thrown inside the SDK's handler, which writes the answer).
 */
import {
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
} from '@modelcontextprotocol/server';
import { cutText } from '../backend/quote.js';

/** The longest name or URI a lookup can find: longer ones are answered "not found" without being looked up. */
export const LOOKUP_LIMIT = 256;

type Handler = (request: { params?: Record<string, unknown> }, ctx: unknown) => unknown;

interface Lookup {
  name: unknown;
  /** Whether a name only Object.prototype has would find a member of it (a lookup in a plain object). */
  byKey: boolean;
  /** The SDK's own answer for an unknown name, given the name as it is quoted. */
  notFound: (quoted: string) => Error;
}

const invalid = (message: string) => new ProtocolError(ProtocolErrorCode.InvalidParams, message);

/** What a request looks up, for the methods that look one up by what the caller named. */
const LOOKUPS: Record<string, (params: Record<string, unknown>) => Lookup | undefined> = {
  'tools/call': (params) => ({
    name: params.name,
    byKey: true,
    notFound: (name) => invalid(`Tool ${name} not found`),
  }),
  'prompts/get': (params) => ({
    name: params.name,
    byKey: true,
    notFound: (name) => invalid(`Prompt ${name} not found`),
  }),
  'completion/complete': (params) => {
    const ref = params.ref as { type?: unknown; name?: unknown; uri?: unknown } | undefined;
    if (ref?.type === 'ref/prompt')
      return { name: ref.name, byKey: true, notFound: (name) => invalid(`Prompt ${name} not found`) };
    if (ref?.type === 'ref/resource')
      return {
        name: ref.uri,
        byKey: false,
        notFound: (uri) => invalid(`Resource template ${uri} not found`),
      };
    return undefined;
  },
  'resources/read': (params) => ({
    name: params.uri,
    byKey: false,
    notFound: (uri) => new ResourceNotFoundError(uri),
  }),
};

/** Must run before the first registration. */
export function answerUnknownNamesAsNotFound(server: McpServer): void {
  const low = server.server;
  const set = low.setRequestHandler.bind(low) as (method: string, ...rest: unknown[]) => void;
  const guarded = (method: string, ...rest: unknown[]) => {
    const lookupOf = LOOKUPS[method];
    const handler = rest[0];
    if (!lookupOf || rest.length !== 1 || typeof handler !== 'function') return set(method, ...rest);
    return set(method, (request: { params?: Record<string, unknown> }, ctx: unknown) => {
      const lookup = lookupOf(request.params ?? {});
      const name = lookup?.name;
      if (typeof name === 'string') {
        if (name.length > LOOKUP_LIMIT) throw lookup!.notFound(cutText(name, LOOKUP_LIMIT));
        if (lookup!.byKey && name in Object.prototype) throw lookup!.notFound(name);
      }
      return (handler as Handler)(request, ctx);
    });
  };
  low.setRequestHandler = guarded as typeof low.setRequestHandler;
}
