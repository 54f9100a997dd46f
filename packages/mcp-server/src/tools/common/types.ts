/**
 * Tools as plain data. A definition carries everything a protocol layer needs to list and call a tool (name,
 * title, description, schemas, annotations): `input` is the zod schema that parses the arguments (its JSON Schema
 * is the tool's input schema, its problems name the argument and the rule) and `run` replies. Only src/sdk/ turns
 * these into MCP SDK registrations.
 */
import type { z } from 'zod';
import type { Reply } from '../../results/budget.js';

/** A JSON Schema object, as tools/list carries it. */
export type JsonSchema = { [key: string]: unknown };

export interface ToolProgress {
  progress: number;
  total?: number;
  message?: string;
}

/** What a tool run may use from the request it serves. */
export interface ToolContext {
  /** Aborted when the caller cancels the request or goes away. */
  signal: AbortSignal;
  /** Reports progress to the caller; absent when the caller asked for none. */
  progress?: (update: ToolProgress) => void;
}

/** An image a reply carries beside its text (a chart), base64. */
export interface ToolImage {
  data: string;
  mimeType: string;
}

/** A link to a resource the reply made (an export's file), sent as a `resource_link` content beside the text. */
export interface ResourceLinkData {
  uri: string;
  name: string;
  description: string;
  mimeType: string;
  /** Bytes. */
  size: number;
}

/**
 * What a tool call sends back: text for the assistant and structured content matching the output schema (within
 * the reply budget, results/budget.ts), or an error; images beside them.
 */
export interface ToolReply extends Reply {
  isError?: boolean;
  images?: ToolImage[];
  links?: ResourceLinkData[];
}

/** destructiveHint is left out: MCP reads it only when readOnlyHint is false, and it costs bytes in every tool. */
export interface ToolAnnotationsData {
  readOnlyHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolDefinition<Args = unknown> {
  name: string;
  title: string;
  description: string;
  /** The only parser of the arguments; its JSON Schema (zod's own) is what tools/list shows. */
  readonly input: z.ZodType<Args>;
  /**
   * Runs before the arguments are parsed, when parsing reads something that may have changed: the source's clock,
   * which relative dates resolve against (an emulator's may have moved). Never rejects.
   */
  prepare?: () => Promise<void>;
  outputSchema: JsonSchema;
  annotations: ToolAnnotationsData;
  /** The MCP Apps view (a `ui://` resource) that hosts able to show one draw this tool's result in. */
  ui?: { resourceUri: string };
  run(args: Args, context: ToolContext): Promise<ToolReply>;
}

/** Every wolkvox tool reads a remote system and changes nothing. */
export const READ_ONLY_ANNOTATIONS: ToolAnnotationsData = {
  readOnlyHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
