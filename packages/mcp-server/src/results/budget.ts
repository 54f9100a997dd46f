/**
 * How big a reply may be, and the one place that fits a reply to it. An MCP reply carries the text an assistant
 * reads and the structured content a program reads, and both land in the conversation: the whole reply (the text
 * plus the structured content's JSON) stays within MAX_REPLY_CHARS, and the text alone under MAX_TEXT_CHARS.
 *
 * Whatever a reply quotes is bounded here, by one rule per kind of thing:
 * - rows: as many as fit (`fitRows`, `fitReply`), and a single row that cannot fit even alone is cut cell by cell
 *   (its longest values first) and said to be, so that paging always moves on;
 * - lists of names (columns, drift fields): the first ones within a size (`boundNames`), the rest counted;
 * - notes and quoted text (a backend's message, a filter described back): cut with a note of their length
 *   (`boundNotes`, `cutText`);
 * - and last, whatever built it, every tool's reply passes `boundReply` (service/guard.ts), which never lets an
 *   answer over the bounds out cut (it could pass for complete): it says how large it was and what to ask instead.
 *
 * Beside its text a reply may carry resource links (an export's file) and images (a chart). A link's fields are
 * text in the conversation, so they count with the reply's characters. An image is not read as characters (hosts
 * show it, models see it as an image): it has its own bound, MAX_IMAGE_BYTES, and one over it is left out, saying
 * so, while the answer it came with goes out whole (the chart's spec is in structured content all the same).
 */
import { cutText } from '../backend/quote.js';
import type { Row } from '../backend/source.js';

/** The text content stays strictly under this many characters. */
export const MAX_TEXT_CHARS = 25_000;
/** Text plus the JSON of the structured content: at most this many characters. */
export const MAX_REPLY_CHARS = 50_000;
/** Notes a reply carries at most (the last says how many more there were), and characters of each. */
export const MAX_NOTES = 10;
export const MAX_NOTE_CHARS = 1_500;
/** Bytes of one image a reply carries at most (it travels base64, a third larger, beside the reply's characters). */
export const MAX_IMAGE_BYTES = 100_000;

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

/** Notes as a reply carries them: each cut to MAX_NOTE_CHARS, at most MAX_NOTES, the last saying how many more. */
export function boundNotes(notes: readonly string[]): string[] {
  const kept = notes.slice(0, notes.length > MAX_NOTES ? MAX_NOTES - 1 : MAX_NOTES);
  const bounded = kept.map((note) => cutText(note, MAX_NOTE_CHARS));
  const more = notes.length - kept.length;
  if (more > 0) bounded.push(`${more} more notes are left out of this answer.`);
  return bounded;
}

export interface NameBound {
  /** Longer names are left out (counted), never cut: a cut name would name nothing. */
  maxNameChars: number;
  /** Characters of the kept names as a JSON list, at most. */
  maxChars: number;
}

/** The names, in order, that keep the bound; `left` counts the others. */
export function boundNames(names: readonly string[], bound: NameBound): { kept: string[]; left: number } {
  const kept: string[] = [];
  let chars = 2;
  for (const name of names) {
    if (name.length > bound.maxNameChars) continue;
    const size = JSON.stringify(name).length + 1;
    if (chars + size > bound.maxChars) break;
    chars += size;
    kept.push(name);
  }
  return { kept, left: names.length - kept.length };
}

/** How a row too long for any reply was cut: how many of its values, to how many characters. */
export interface CellCut {
  cells: number;
  chars: number;
}

/** A value cut to `chars` characters (ending in …): text as it is, a nested value as its JSON. */
function cutCell(value: unknown, chars: number): { value: unknown; cut: boolean } {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return { value, cut: false };
  }
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  if (text.length <= chars) return { value, cut: false };
  return { value: `${text.slice(0, chars)}…`, cut: true };
}

/** The row with every value longer than `chars` cut; own keys only, whatever they are named. */
export function cutCells(row: Row, chars: number): { row: Row; cells: number } {
  let cells = 0;
  const entries = Object.entries(row).map(([column, value]): [string, unknown] => {
    const cut = cutCell(value, chars);
    if (cut.cut) cells += 1;
    return [column, cut.value];
  });
  return { row: Object.fromEntries(entries), cells };
}

/** What a reply says of a row it had to cut. */
export function cutRowNote(cut: CellCut): string {
  return (
    `One row is too long for one answer: ${cut.cells} of its value(s) are cut to ${cut.chars} characters ` +
    '(ending in …), here and in structured content.'
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

/**
 * A page of rows in one reply: the most of `rows` that fit. When not even the first fits alone, it is shown cut
 * cell by cell (its values over the largest length that fits are cut, longest first), so that a reply always shows
 * a row when there is one and its next page moves past it: never a next page that is this page again. `build` gets
 * the rows to show and, for a cut row, how it was cut (to say so).
 */
export function fitRows<T extends Reply>(
  rows: readonly Row[],
  build: (shown: readonly Row[], cut?: CellCut) => T,
  limits: ReplyLimits = {},
): { n: number; built: T } {
  const fitted = fitReply(rows.length, (n) => build(rows.slice(0, n)), limits);
  if (fitted.n > 0 || rows.length === 0) return fitted;
  const first = rows[0]!;
  const longest = Math.max(0, ...Object.values(first).map((value) => cellLength(value)));
  let best: { n: number; built: T } | undefined;
  let low = 0;
  let high = longest - 1;
  while (low <= high) {
    const chars = Math.floor((low + high) / 2);
    const { row, cells } = cutCells(first, chars);
    const built = build([row], { cells, chars });
    if (fitsReply(built, limits)) {
      best = { n: 1, built };
      low = chars + 1;
    } else {
      high = chars - 1;
    }
  }
  return best ?? fitted;
}

function cellLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).length;
  return 0;
}

/** A reply as a tool sends it: an answer, or a refusal (isError), with images and resource links beside it. */
export interface BoundedReply extends Reply {
  isError?: boolean;
  /** Base64 data. */
  images?: readonly { data: string; mimeType: string }[];
  links?: readonly object[];
}

/** The characters a reply as sent puts in a conversation: its text, its structured content, its links' fields. */
export function sentChars(reply: BoundedReply): number {
  return replyChars(reply) + (reply.links?.length ? JSON.stringify(reply.links).length : 0);
}

/** Bytes of a base64 image. */
function imageBytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** Whether a reply as sent keeps both bounds. */
function fitsSent(reply: BoundedReply): boolean {
  return reply.text.length < MAX_TEXT_CHARS && sentChars(reply) <= MAX_REPLY_CHARS;
}

/**
 * The reply without the images over MAX_IMAGE_BYTES, its text saying so (unless the note itself would take the
 * text over its bound: the answer is whole without it); `left` counts them.
 */
function boundImages<T extends BoundedReply>(reply: T): { reply: T; left: number } {
  if (!reply.images?.length) return { reply, left: 0 };
  const kept = reply.images.filter((image) => imageBytes(image.data) <= MAX_IMAGE_BYTES);
  const left = reply.images.length - kept.length;
  if (left === 0) return { reply, left };
  const note =
    `\nNote: ${left} image(s) over the ${MAX_IMAGE_BYTES.toLocaleString('en-US')} bytes an answer carries are ` +
    'left out; the answer is whole without them.';
  const noted = { ...reply, text: reply.text + note, images: kept };
  return { reply: fitsSent(noted) ? noted : { ...reply, images: kept }, left };
}

/**
 * The last word on a tool's reply, whatever built it. Within both bounds it passes as it is (its links' fields
 * counted with its characters, each image within MAX_IMAGE_BYTES). A refusal over them has its text cut (with its
 * length). An answer over them is not sent cut, which could pass for complete: it is replaced by a refusal that
 * says how large it came to and what to ask instead; `over` then gives its size, for the log. An image over its
 * bound is left out of an answer that is otherwise sent whole; `imagesLeft` counts them, for the log. (Every reply
 * builder fits its reply, so either is a bug to fix where it was built.)
 */
export function boundReply<T extends BoundedReply>(
  given: T,
  tool: string,
): { reply: T | { text: string; isError: true }; over?: number; imagesLeft?: number } {
  const { reply, left } = boundImages(given);
  const imagesLeft = left > 0 ? { imagesLeft: left } : {};
  if (fitsSent(reply)) return { reply, ...imagesLeft };
  if (reply.isError) {
    // The note of the cut length fits in the margin kept under the bound.
    return { reply: { text: cutText(reply.text, MAX_TEXT_CHARS - 100), isError: true } };
  }
  const chars = sentChars(reply);
  return {
    reply: {
      text:
        `${tool}: the answer came to ${chars.toLocaleString('en-US')} characters, more than the ` +
        `${MAX_REPLY_CHARS.toLocaleString('en-US')} an answer may carry, so none of it is shown (a part could pass ` +
        'for the whole). Ask for less in one call: fewer rows (limit) or columns (fields), or aggregate.',
      isError: true,
    },
    over: chars,
    ...imagesLeft,
  };
}
