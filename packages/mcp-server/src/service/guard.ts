/**
 * Every tool as the service hands it out: a failure it did not expect becomes an isError reply naming the tool
 * (never an exception at the protocol layer), no reply carries a configured secret, and every reply keeps the
 * reply bound, whatever built it (results/budget.ts, `boundReply`).
 */
import { quoted } from '../backend/quote.js';
import type { Logger } from '../logging/logger.js';
import { boundReply } from '../results/budget.js';
import type { ToolContext, ToolDefinition, ToolReply } from '../tools/common/types.js';

/** Wraps a tool so that its replies are scrubbed of secrets, bounded, and it never throws. */
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
          // Cut, and without a path of this machine (a file system's error names its file).
          text: `${tool.name} failed unexpectedly: ${quoted(error instanceof Error ? error.message : String(error), 1_000)}`,
          isError: true,
        };
      }
      const text = scrub(reply.text);
      const scrubbed =
        text === reply.text
          ? reply
          : {
              ...reply,
              text,
              ...(reply.structured
                ? { structured: JSON.parse(scrub(JSON.stringify(reply.structured))) }
                : {}),
            };
      // A link's name and description are text too (a file name made of the caller's table names).
      const links = scrubbed.links?.length ? JSON.stringify(scrubbed.links) : undefined;
      const linked =
        links === undefined || scrub(links) === links
          ? scrubbed
          : { ...scrubbed, links: JSON.parse(scrub(links)) };
      const bounded = boundReply(linked, tool.name);
      // Every reply is fitted where it is built: one over the bound is a bug there, refused here rather than sent.
      if (bounded.over !== undefined)
        logger.error({ tool: tool.name, chars: bounded.over }, 'reply over its bound');
      if (bounded.imagesLeft !== undefined)
        logger.error({ tool: tool.name, images: bounded.imagesLeft }, 'image over its bound');
      return bounded.reply;
    },
  };
}
