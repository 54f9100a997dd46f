/**
 * Every tool as the service hands it out: a failure it did not expect becomes an isError reply naming the tool
 * (never an exception at the protocol layer), and no reply carries a configured secret.
 */
import type { Logger } from '../logging/logger.js';
import type { ToolContext, ToolDefinition, ToolReply } from '../tools/shared/types.js';

/** Wraps a tool so that its replies are scrubbed of secrets and it never throws. */
export function guarded<A>(
  tool: ToolDefinition<A>,
  scrub: (text: string) => string,
  logger: Logger,
): ToolDefinition<A> {
  return {
    ...tool,
    run: async (args: A, context: ToolContext): Promise<ToolReply> => {
      let reply: ToolReply;
      try {
        reply = await tool.run(args, context);
      } catch (error) {
        logger.error({ tool: tool.name, err: error }, 'tool failed');
        reply = {
          text: `${tool.name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
          isError: true,
        };
      }
      const text = scrub(reply.text);
      if (text === reply.text) return reply;
      return {
        ...reply,
        text,
        ...(reply.structured ? { structured: JSON.parse(scrub(JSON.stringify(reply.structured))) } : {}),
      };
    },
  };
}
