/**
 * A shim for one thing the SDK gets wrong: it parses a tools/call's `arguments` as a zod record, and zod leaves a
 * `__proto__` key out of what it parses, so an argument named `__proto__` never reaches the tool: the call is
 * answered as if it had not been given, where any other unknown argument is refused. Here, before the SDK reads a
 * message, the arguments' `__proto__` keys are renamed as the tools' schemas rename them
 * (tools/common/prototype-names.ts): the tool's schema refuses the argument as the unknown name it is, and the
 * refusal names it `__proto__`. sdk-gaps.test.ts holds the bare SDK to dropping it and fails once the SDK keeps it:
 * then this file goes (the tools' schemas still rename keys nested in arguments).
 */
import type { McpServer } from '@modelcontextprotocol/server';
import { withPrototypeKeysRenamed } from '../tools/common/prototype-names.js';

type OnMessage = (message: unknown, extra?: unknown) => void;

/** A tools/call message with its arguments' `__proto__` keys renamed; any other message as it is. */
export function withCallerArguments<T>(message: T): T {
  const request = message as { method?: unknown; params?: { arguments?: unknown } };
  if (request?.method !== 'tools/call' || typeof request.params !== 'object' || request.params === null) {
    return message;
  }
  const args = request.params.arguments;
  const renamed = withPrototypeKeysRenamed(args);
  return renamed === args ? message : { ...message, params: { ...request.params, arguments: renamed } };
}

/**
 * Renames the arguments' `__proto__` keys of every message this server instance receives, on whatever transport
 * the SDK connects it to. The transport's `onmessage` is read through an accessor, so that whatever handler the SDK
 * sets gets the renamed message, from the first message on. Must run before the server is connected.
 */
export function seePrototypeArguments(server: McpServer): void {
  const low = server.server;
  const connect = low.connect.bind(low);
  low.connect = (transport) => {
    let handler = transport.onmessage as OnMessage | undefined;
    const renaming: OnMessage = (message, extra) => handler?.(withCallerArguments(message), extra);
    Object.defineProperty(transport, 'onmessage', {
      configurable: true,
      enumerable: true,
      get: () => (handler ? renaming : undefined),
      set: (value: OnMessage | undefined) => {
        handler = value;
      },
    });
    return connect(transport);
  };
}
