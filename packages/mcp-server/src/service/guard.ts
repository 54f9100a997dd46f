/**
 * Every tool as the service hands it out: a failure it did not expect becomes an isError reply naming the tool
 * (never an exception at the protocol layer), and no reply carries a configured secret.
 */
import type { Logger } from '../logging/logger.js';
import type { ToolAnswer, ToolContext, ToolDefinition } from '../tools/shared/types.js';

/** Wraps a tool so that its answers are scrubbed of secrets and it never throws. */
export function guarded<A>(
  tool: ToolDefinition<A>,
  scrub: (text: string) => string,
  logger: Logger,
): ToolDefinition<A> {
  return {
    ...tool,
    run: async (args: A, context: ToolContext): Promise<ToolAnswer> => {
      let answer: ToolAnswer;
      try {
        answer = await tool.run(args, context);
      } catch (error) {
        logger.error({ tool: tool.name, err: error }, 'tool failed');
        answer = {
          text: `${tool.name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
          isError: true,
        };
      }
      const text = scrub(answer.text);
      if (text === answer.text) return answer;
      return {
        ...answer,
        text,
        ...(answer.structured ? { structured: JSON.parse(scrub(JSON.stringify(answer.structured))) } : {}),
      };
    },
  };
}
