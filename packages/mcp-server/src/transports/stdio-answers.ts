/**
 * The stdio quick start's precomputed answers: where they are, what they are keyed by, and their file format.
 * The build writes them (scripts/stdio-answers.mjs) by driving the real server (startWolkvoxMcp on stdio, the SDK
 * and all) through `initialize`, `ping` and `tools/list` (and, for the 2026-07-28 era, `server/discover` and
 * `tools/list` with their envelopes) for each configuration in PRECOMPUTED, and records the bytes it wrote.
 * Nothing here is written by hand, so the answers cannot drift from the SDK's.
 *
 * Light on purpose: the quick start loads this before anything else, so it imports types only.
 */
import type { ServerConfig } from '../config.js';
import type { ToolSelection } from '../tools/toolsets.js';

/**
 * Everything of the configuration that the MCP server is built from (start.ts builds the service from exactly
 * this), and so everything an answer to `initialize` or `tools/list` can depend on. A configuration whose inputs
 * have no precomputed answers is served by the SDK from the start.
 */
export interface ServedInputs {
  sourceKind: 'wolkvox' | 'emulator';
  toolsets: ToolSelection;
  timeZone: string;
  callDeadlineMs: number;
  cacheBytes?: number;
}

export function servedInputs(config: ServerConfig): ServedInputs {
  return {
    sourceKind: config.wolkvox.mode,
    toolsets: config.toolsets,
    timeZone: config.timeZone,
    callDeadlineMs: config.callDeadlineMs,
    ...(config.cacheBytes === undefined ? {} : { cacheBytes: config.cacheBytes }),
  };
}

/** The inputs as one string (keys in a fixed order): the index's key. */
export function inputsKey(inputs: ServedInputs): string {
  return JSON.stringify([
    inputs.sourceKind,
    inputs.toolsets,
    inputs.timeZone,
    inputs.callDeadlineMs,
    inputs.cacheBytes ?? null,
  ]);
}

/**
 * The configurations the build precomputes, as command lines and environments for parseConfig: each toolset
 * selection `--toolsets` takes on its own, on the embedded emulator and on a wolkvox tenant, with every other
 * setting at its default. Others (two toolsets together, another time zone) start the SDK straight away.
 */
export function precomputedCommandLines(
  selections: readonly string[],
): { argv: string[]; env: Record<string, string> }[] {
  const tenants: Record<string, string>[] = [{}, { WOLKVOX_TOKEN: 'precomputed', WOLKVOX_SERVER: '0015' }];
  return tenants.flatMap((env) => [
    { argv: [], env },
    ...selections.map((selection) => ({ argv: ['--toolsets', selection], env })),
  ]);
}

/**
 * A reply with its JSON-RPC id cut out: indexes into `texts` of the bytes before the id and of those after it
 * (the trailing newline included).
 */
export type ReplyTemplate = readonly [before: number, after: number];

export interface PrecomputedReplies {
  initialize: ReplyTemplate;
  ping: ReplyTemplate;
  toolsList: ReplyTemplate;
}

/** The 2026-07-28 era's answers: no handshake, every request carries its envelope. */
export interface ModernReplies {
  discover: ReplyTemplate;
  toolsList: ReplyTemplate;
}

/** One configuration's answers, in a file of its own. */
export interface PrecomputedAnswers {
  /** What the banner says (tools listed, reports reachable). */
  counts: { tools: number; reports: number };
  /** Every distinct piece of reply text once (tools/list is the same for most protocol versions). */
  texts: string[];
  /** By the protocol version `initialize` asks for; a version absent here is negotiated by the SDK. */
  versions: Record<string, PrecomputedReplies>;
  /** By the protocol version a 2026-07-28-era request's envelope names (absent in answers built before it). */
  modern?: Record<string, ModernReplies>;
}

/**
 * The keys of a 2026-07-28-era request's envelope (`params._meta`): the SDK's PROTOCOL_VERSION_META_KEY,
 * CLIENT_INFO_META_KEY and CLIENT_CAPABILITIES_META_KEY, written out so that the quick start need not load the SDK
 * (a test holds them equal).
 */
export const ENVELOPE_KEYS = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
} as const;

/** Directory (in dist/) and index file: index.json maps inputsKey() to a file name in the same directory. */
export const ANSWERS_DIR = 'stdio-answers';
export const ANSWERS_INDEX = 'index.json';

/** The id the build sends its requests with, cut out of the replies it records. */
export const TEMPLATE_ID = 918_273_645;
