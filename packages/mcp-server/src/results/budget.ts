/**
 * How big a reply may be. An MCP reply carries the text an assistant reads and the structured content a program
 * reads, and both land in the conversation: the whole reply (the text plus the structured content's JSON) stays
 * within MAX_REPLY_CHARS, and the text alone under MAX_TEXT_CHARS. Replies that hold more rows than fit show fewer
 * and say how to get the rest; every tool that answers rows (report tools, run_report, list_reports, the query
 * tool) sizes its reply with `fitReply`.
 */

/** The text content stays strictly under this many characters. */
export const MAX_TEXT_CHARS = 25_000;
/** Text plus the JSON of the structured content: at most this many characters. */
export const MAX_REPLY_CHARS = 50_000;

export interface Reply {
  text: string;
  structured?: Record<string, unknown>;
}

export interface ReplyLimits {
  maxTextChars?: number;
  maxReplyChars?: number;
}

/** The characters a reply puts in a conversation: its text and its structured content as JSON. */
export function replyChars(reply: Reply): number {
  return reply.text.length + (reply.structured ? JSON.stringify(reply.structured).length : 0);
}

/** Whether a reply keeps both bounds. */
export function fitsReply(reply: Reply, limits: ReplyLimits = {}): boolean {
  return (
    reply.text.length < (limits.maxTextChars ?? MAX_TEXT_CHARS) &&
    replyChars(reply) <= (limits.maxReplyChars ?? MAX_REPLY_CHARS)
  );
}

/**
 * The largest `n` in [0, max] for which `build(n)` fits (assumes a reply grows with `n`), with that reply, so the
 * caller does not build it again. `build(0)` is returned even if it does not fit: headers alone always do.
 */
export function fitReply<T extends Reply>(
  max: number,
  build: (n: number) => T,
  limits: ReplyLimits = {},
): { n: number; built: T } {
  const all = build(max);
  if (fitsReply(all, limits)) return { n: max, built: all };
  let low = 0;
  let high = max - 1;
  let best = { n: 0, built: build(0) };
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const built = build(mid);
    if (fitsReply(built, limits)) {
      best = { n: mid, built };
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best;
}
